package io.larder.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.RespClient.Received;
import io.larder.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input closes only the connection that sent it: the sender gets Redis's error and is
 * disconnected, while a client in the middle of its own conversation (even mid-command) carries on
 * and the server keeps accepting connections. Limits for configured servers are in {@link
 * LimitsIT}.
 */
class BadInputIT {
  /** Long enough for any reply to come; a wait ends as soon as the server closes. */
  private static final int PATIENCE_MILLIS = 10_000;

  @RegisterExtension static final TestServer server = TestServer.perClass();

  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("*1000000000000\r\n", "invalid multibulk length"),
        arguments("*abc\r\n", "invalid multibulk length"),
        arguments("*3\r\n$99999999999\r\n", "invalid bulk length"),
        arguments("*3\r\n$x\r\n", "invalid bulk length"),
        arguments("*2\r\n$4\r\nECHO\r\n$-3\r\n", "invalid bulk length"),
        arguments("*1\r\nfoo\r\n", "expected '$', got 'f'"),
        arguments("SET \"a b\r\n", "unbalanced quotes in request"),
        arguments("ECHO 'it's'\r\n", "unbalanced quotes in request"),
        arguments("a".repeat(70_000), "too big inline request"),
        arguments("*1\r\n$" + "9".repeat(70_000), "too big bulk count string"),
        arguments("*" + "1".repeat(70_000), "too big mbulk count string"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void badInput_senderGetsErrorAndIsClosed_othersCarryOn(String input, String error) {
    try (RespClient good = server.connectAuthenticated();
        RespClient bad = server.connectAuthenticated()) {
      assertThat(good.call("SET", "conversation", "before")).isEqualTo("OK");
      byte[] command = RespClient.encode("SET", "conversation", "after");
      good.sendBytes(java.util.Arrays.copyOf(command, 20)); // stop mid-command

      bad.sendBytes(bytes("PING\r\n" + input));
      Received received = bad.readUntilClosedOrQuiet(PATIENCE_MILLIS);

      assertThat(received.bytes()).isEqualTo("+PONG\r\n-ERR Protocol error: " + error + "\r\n");
      assertThat(received.closed()).isTrue();
      good.sendBytes(java.util.Arrays.copyOfRange(command, 20, command.length));
      assertThat(good.read()).isEqualTo("OK");
      assertThat(good.call("GET", "conversation")).isEqualTo("after");
    }
    try (RespClient later = server.connectAuthenticated()) {
      assertThat(later.call("ECHO", "still serving")).isEqualTo("still serving");
    }
  }

  @Test
  void badInput_beforeAuth_isAnsweredTheSame() {
    try (RespClient bad = server.connect()) {
      bad.sendBytes(bytes("*1\r\nfoo\r\n"));
      Received received = bad.readUntilClosedOrQuiet(PATIENCE_MILLIS);

      assertThat(received.bytes()).isEqualTo("-ERR Protocol error: expected '$', got 'f'\r\n");
      assertThat(received.closed()).isTrue();
    }
  }

  @Test
  void ignoredInput_emptyAndNegativeCountsAndBlankLines_leaveConnectionOpen() {
    try (RespClient client = server.connectAuthenticated()) {
      client.sendBytes(bytes("*0\r\n*-1\r\n\r\n   \r\n\n*1\r\n$4\r\nPING\r\n"));

      assertThat(client.readRaw()).isEqualTo("+PONG\r\n");
      assertThat(client.call("ECHO", "open")).isEqualTo("open");
    }
  }

  @Test
  void incompleteCommand_waitsForTheRest_withoutReplying() {
    try (RespClient client = server.connectAuthenticated()) {
      client.sendBytes(bytes("*2\r\n$4\r\nECHO\r\n$10\r\n01234"));
      client.sendBytes(bytes("56789\r\n"));

      assertThat(client.read()).isEqualTo("0123456789");
    }
  }

  @Test
  void declaredHugeBulk_withFewBytes_neitherRepliesNorCloses() {
    try (RespClient waiting = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      waiting.sendBytes(bytes("*2\r\n$4\r\nECHO\r\n$536870000\r\n0123456789"));

      assertThat(other.call("ECHO", "served")).isEqualTo("served");
      assertThat(waiting.isClosedByServer(200)).isFalse();
    }
  }

  @Test
  void inlineCommands_withQuotesAndEscapes_areSplitLikeRedis() {
    try (RespClient client = server.connectAuthenticated()) {
      client.sendBytes(bytes("SET k \"a\\x41\\n\\\"\" \r\nGET k\r\nECHO 'it\\'s'\r\n"));

      assertThat(client.readRaw()).isEqualTo("+OK\r\n");
      assertThat(client.readRaw()).isEqualTo("$4\r\naA\n\"\r\n");
      assertThat(client.readRaw()).isEqualTo("$4\r\nit's\r\n");
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
