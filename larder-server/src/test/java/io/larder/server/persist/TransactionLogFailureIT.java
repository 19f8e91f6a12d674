package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transactions while a cache's log cannot be written: as Redis does, a write queued in MULTI is
 * refused with -MISCONF (dooming the transaction), an EXEC holding a write is refused as a whole,
 * and a transaction that only reads runs.
 */
class TransactionLogFailureIT {
  private static final String MISCONF = "-MISCONF Errors writing to the AOF file: ";

  @Test
  void exec_logFailedAfterAWriteWasQueued_abortsWithMisconf() throws Exception {
    try (TestServer server = TestServer.start();
        RespClient client = server.connectAuthenticated()) {
      client.call("SET", "kept", "v");
      client.call("MULTI");
      client.call("SET", "queued", "v");
      client.call("GET", "kept");
      breakLogs(server);

      assertThat(client.callRaw("EXEC"))
          .startsWith("-EXECABORT Transaction discarded because of: MISCONF Errors writing");
      assertThat(client.call("EXISTS", "queued")).isEqualTo(0L);
    }
  }

  @Test
  void multi_logFailing_writeRefusedAndExecAbortsWhileReadsRun() throws Exception {
    try (TestServer server = TestServer.start();
        RespClient client = server.connectAuthenticated()) {
      client.call("SET", "kept", "v");
      breakLogs(server);

      client.call("MULTI");
      assertThat(client.callRaw("SET", "refused", "v")).startsWith(MISCONF);
      assertThat(client.callRaw("EXEC"))
          .isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");

      client.call("MULTI");
      client.call("GET", "kept");
      assertThat(client.call("EXEC")).isEqualTo(List.of("v"));
    }
  }

  /** Breaks every log, then lets a write find it (that write's connection is closed unanswered). */
  private static void breakLogs(TestServer server) throws Exception {
    for (AppendOnlyStore store : server.server().durability().trackedStores()) {
      store.log().close();
    }
    try (RespClient first = server.connectAuthenticated()) {
      first.send("SET", "lost", "v");
      assertThat(first.isClosedByServer(5000)).isTrue();
    }
  }
}
