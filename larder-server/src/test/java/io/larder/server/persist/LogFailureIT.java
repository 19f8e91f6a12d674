package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** While a cache's log cannot be written, writes are refused as Redis refuses them; reads go on. */
class LogFailureIT {
  @Test
  void writes_logCannotBeWritten_refusedWithMisconfWhileReadsWork() throws Exception {
    try (TestServer server = TestServer.start()) {
      try (RespClient client = server.connectAuthenticated()) {
        assertThat(client.call("SET", "kept", "v")).isEqualTo("OK");
      }
      breakLogs(server.server().durability());

      try (RespClient first = server.connectAuthenticated()) {
        // The write that finds the failure is never acknowledged: its connection is closed.
        first.send("SET", "lost", "v");
        assertThat(first.isClosedByServer(5000)).isTrue();
      }
      try (RespClient client = server.connectAuthenticated()) {
        assertThat(client.callRaw("SET", "refused", "v"))
            .startsWith("-MISCONF Errors writing to the AOF file: ");
        assertThat(client.call("GET", "kept")).isEqualTo("v");
        assertThat(client.call("PING")).isEqualTo("PONG");
      }
    }
  }

  /** Closes every log file under the server, as a failed disk would make them unwritable. */
  private static void breakLogs(Durability durability) throws Exception {
    for (AppendOnlyStore store : durability.trackedStores()) {
      store.log().close();
    }
  }
}
