package io.larder.server.net;

import static io.larder.server.net.BadInputIT.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.RespClient.Received;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configured limits (DESIGN.md "Limits and bad input"): a client that breaks one gets Redis's error
 * and is disconnected, while other clients carry on.
 */
class LimitsIT {
  private static final int PATIENCE_MILLIS = 10_000;

  @Test
  void protoMaxBulkLen_biggerBulk_isRefusedBeforeItsBytesArrive() {
    try (TestServer server = TestServer.start(Map.of("proto-max-bulk-len", "1mb"));
        RespClient bad = server.connectAuthenticated();
        RespClient good = server.connectAuthenticated()) {
      bad.sendBytes(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + 2 * 1024 * 1024 + "\r\n"));

      assertProtocolError(bad, "invalid bulk length");
      assertThat(good.call("SET", "k", "x".repeat(1024 * 1024))).isEqualTo("OK");
      assertThat(good.call("STRLEN", "k")).isEqualTo(1024L * 1024);
    }
  }

  @Test
  void maxInlineLen_longerLine_isTooBig() {
    try (TestServer server = TestServer.start(Map.of("max-inline-len", "1kb"));
        RespClient bad = server.connectAuthenticated();
        RespClient good = server.connectAuthenticated()) {
      bad.sendBytes(bytes("ECHO " + "a".repeat(2000) + "\r\n"));

      assertProtocolError(bad, "too big inline request");
      good.sendBytes(bytes("ECHO " + "a".repeat(1000) + "\r\n"));
      assertThat(good.read()).isEqualTo("a".repeat(1000));
    }
  }

  @Test
  void maxMultibulkLen_moreArguments_areRefused() {
    try (TestServer server = TestServer.start(Map.of("max-multibulk-len", "1024"));
        RespClient bad = server.connectAuthenticated();
        RespClient good = server.connectAuthenticated()) {
      bad.sendBytes(bytes("*1025\r\n"));

      assertProtocolError(bad, "invalid multibulk length");
      Object[] del = new Object[1024];
      del[0] = "DEL";
      for (int i = 1; i < del.length; i++) {
        del[i] = "key" + i;
      }
      assertThat(good.call(del)).isEqualTo(0L);
    }
  }

  @Test
  void maxclients_extraConnection_isToldAndClosed() {
    try (TestServer server = TestServer.start(Map.of("maxclients", "2"));
        RespClient first = server.connectAuthenticated();
        RespClient second = server.connect()) {
      assertThat(second.call("PING")).isEqualTo("PONG");

      try (RespClient third = server.connect()) {
        Received received = third.readUntilClosedOrQuiet(PATIENCE_MILLIS);
        assertThat(received.bytes()).isEqualTo("-ERR max number of clients reached\r\n");
        assertThat(received.closed()).isTrue();
      }
      assertThat(first.call("ECHO", "still here")).isEqualTo("still here");
      assertThat(second.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void maxclients_afterAClientLeaves_acceptsANewOne() {
    try (TestServer server = TestServer.start(Map.of("maxclients", "1"))) {
      server.connect().close();

      // the server notices the close in its own time: try until a connection is accepted
      List<String> refusals = new ArrayList<>();
      for (int attempt = 0; attempt < 100; attempt++) {
        try (RespClient client = server.connect()) {
          client.send("PING");
          Received received = client.readUntilClosedOrQuiet(500);
          if (received.bytes().equals("+PONG\r\n")) {
            return;
          }
          refusals.add(received.bytes());
        }
      }
      assertThat(refusals).as("every attempt was refused").isEmpty();
    }
  }

  @Test
  void clientOutputBufferLimit_hugeReply_disconnectsOnlyThatClient() {
    try (TestServer server = TestServer.start(Map.of("client-output-buffer-limit", "64kb"));
        RespClient greedy = server.connectAuthenticated();
        RespClient modest = server.connectAuthenticated()) {
      String big = "x".repeat(100_000);
      assertThat(modest.call("SET", "big", big)).isEqualTo("OK");
      assertThat(modest.call("SET", "small", "s")).isEqualTo("OK");

      greedy.send("GET", "big");
      Received received = greedy.readUntilClosedOrQuiet(PATIENCE_MILLIS);

      assertThat(received.closed()).isTrue();
      assertThat(received.bytes()).doesNotContain(big);
      assertThat(modest.call("GET", "small")).isEqualTo("s");
      assertThat(modest.call("STRLEN", "big")).isEqualTo(100_000L);
    }
  }

  private static void assertProtocolError(RespClient client, String error) {
    Received received = client.readUntilClosedOrQuiet(PATIENCE_MILLIS);
    assertThat(received.bytes()).isEqualTo("-ERR Protocol error: " + error + "\r\n");
    assertThat(received.closed()).isTrue();
  }
}
