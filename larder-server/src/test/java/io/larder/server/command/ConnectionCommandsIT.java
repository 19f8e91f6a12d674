package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionCommandsIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  @Test
  void commands_beforeAuth_answerNoauth() {
    try (RespClient client = server.connect()) {
      assertThat(client.callRaw("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
      assertThat(client.callRaw("PING")).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void auth_withKeyOnly_entersDefaultCache() {
    try (RespClient client = server.connect()) {
      assertThat(client.call("AUTH", TestServer.DEFAULT_KEY)).isEqualTo("OK");
      assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
    }
  }

  @Test
  void auth_wrongKey_answersWrongpass() {
    try (RespClient client = server.connect()) {
      assertThat(client.callRaw("AUTH", "default", "nope"))
          .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
      assertThat(client.callRaw("AUTH", "nosuchcache", TestServer.DEFAULT_KEY))
          .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
      assertThat(client.callRaw("GET", "k")).startsWith("-NOAUTH");
    }
  }

  @Test
  void hello_withAuth_switchesToResp3() {
    try (RespClient client = server.connect()) {
      Object reply =
          client.call("HELLO", "3", "AUTH", "default", TestServer.DEFAULT_KEY, "SETNAME", "app");
      assertThat(reply).asList().contains("proto", 3L, "server", "redis");
      assertThat(client.callRaw("GET", "missing-key")).isEqualTo("_\r\n");
    }
  }

  @Test
  void hello_withoutAuth_answersNoauth() {
    try (RespClient client = server.connect()) {
      assertThat(client.callRaw("HELLO", "3")).startsWith("-NOAUTH HELLO must be called");
    }
  }

  @Test
  void hello_badVersion_answersNoproto() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("HELLO", "4"))
          .isEqualTo("-NOPROTO unsupported protocol version\r\n");
      assertThat(client.callRaw("HELLO", "x"))
          .isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
    }
  }

  @Test
  void quit_repliesOkAndCloses() {
    try (RespClient client = server.connect()) {
      assertThat(client.callRaw("QUIT")).isEqualTo("+OK\r\n");
      assertThat(client.isClosedByServer(2000)).isTrue();
    }
  }

  @Test
  void inlineCommands_work() {
    try (RespClient client = server.connectAuthenticated()) {
      client.sendBytes("SET inline \"two words\"\r\nGET inline\r\n".getBytes());
      assertThat(client.read()).isEqualTo("OK");
      assertThat(client.read()).isEqualTo("two words");
    }
  }

  @Test
  void pipeline_repliesInOrder() {
    try (RespClient client = server.connectAuthenticated()) {
      for (int i = 0; i < 100; i++) {
        client.send("SET", "p" + i, "v" + i);
        client.send("GET", "p" + i);
      }
      for (int i = 0; i < 100; i++) {
        assertThat(client.read()).isEqualTo("OK");
        assertThat(client.read()).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void select_onlyDatabaseZero() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("SELECT", "0")).isEqualTo("OK");
      assertThat(client.callRaw("SELECT", "1")).isEqualTo("-ERR DB index is out of range\r\n");
      assertThat(List.of(client.call("ECHO", "hi"))).containsExactly("hi");
    }
  }
}
