package io.larder.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Stopping the server ends every client connection, and a restart serves on the same port. */
class ServerStopIT {
  @RepeatedTest(10)
  void close_openConnections_areAllClosedByTheServer() {
    TestServer server = TestServer.start();
    try (RespClient idle = server.connectAuthenticated();
        RespClient busy = server.connectAuthenticated()) {
      assertThat(busy.call("SET", "k", "v")).isEqualTo("OK");
      assertThat(busy.call("GET", "k")).isEqualTo("v");

      server.close();

      assertThat(idle.isClosedByServer(5000)).isTrue();
      assertThat(busy.isClosedByServer(5000)).isTrue();
    } finally {
      server.close();
    }
  }

  @Test
  void restart_serverOnFreePort_comesBackOnTheSamePortWithItsData() {
    try (TestServer server = TestServer.start(Map.of())) {
      int port = server.port();
      try (RespClient client = server.connectAuthenticated()) {
        assertThat(client.call("SET", "kept", "yes")).isEqualTo("OK");
      }
      server.restart();
      assertThat(server.port()).isEqualTo(port);
      try (RespClient client = server.connectAuthenticated()) {
        assertThat(List.of(client.call("GET", "kept"))).containsExactly("yes");
      }
    }
  }
}
