package io.larder.server.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Framing, limits and partial frames, in the style of lettuce's RedisStateMachineResp2UnitTests:
 * every input is also fed split at every byte boundary, as TCP may deliver it. Expected error texts
 * are what redis-server 7.0.15 answers after "ERR Protocol error: ".
 */
class RespParserTest {
  private static final String HEX = "0123456789abcdef";
  private static final RespLimits SMALL = new RespLimits(1024 * 1024, 100, 1024);

  /** Feeds chunks into one cumulation buffer the way Netty's ByteToMessageDecoder does. */
  private static final class Feed {
    final RespParser parser;
    final ByteBuf buffer = Unpooled.buffer();
    final List<List<String>> commands = new ArrayList<>();
    boolean authenticated = true;

    Feed(RespLimits limits) {
      parser = new RespParser(limits);
    }

    Feed chunk(byte[] bytes) {
      buffer.writeBytes(bytes);
      byte[][] args;
      while ((args = parser.next(buffer, authenticated)) != null) {
        commands.add(text(args));
      }
      buffer.discardReadBytes(); // as the cumulator does between reads; indexes move
      return this;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<String> text(byte[][] args) {
    List<String> words = new ArrayList<>();
    for (byte[] arg : args) {
      words.add(new String(arg, StandardCharsets.ISO_8859_1));
    }
    return words;
  }

  private static List<List<String>> parseWhole(String input) {
    return new Feed(RespLimits.DEFAULTS).chunk(bytes(input)).commands;
  }

  /** Parses input whole, then split at every boundary and byte by byte; all must agree. */
  private static List<List<String>> parseEverySplit(String input) {
    byte[] all = bytes(input);
    List<List<String>> whole = parseWhole(input);
    for (int split = 1; split < all.length; split++) {
      Feed feed = new Feed(RespLimits.DEFAULTS);
      feed.chunk(Arrays.copyOfRange(all, 0, split));
      feed.chunk(Arrays.copyOfRange(all, split, all.length));
      assertThat(feed.commands).as("split at %d of %s", split, input).isEqualTo(whole);
    }
    Feed byByte = new Feed(RespLimits.DEFAULTS);
    for (byte b : all) {
      byByte.chunk(new byte[] {b});
    }
    assertThat(byByte.commands).as("byte by byte: %s", input).isEqualTo(whole);
    return whole;
  }

  private static String errorOf(RespLimits limits, boolean authenticated, String input) {
    Feed feed = new Feed(limits);
    feed.authenticated = authenticated;
    try {
      feed.chunk(bytes(input));
      return null;
    } catch (RespProtocolException e) {
      return e.getMessage();
    }
  }

  @Test
  void next_multibulkCommand_returnsArguments() {
    assertThat(parseEverySplit("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nv!\r\n"))
        .containsExactly(List.of("SET", "k", "v\r\nv!"));
  }

  @Test
  void next_emptyAndBinaryBulks_arePreserved() {
    assertThat(parseEverySplit("*3\r\n$4\r\nECHO\r\n$0\r\n\r\n$3\r\n\u0000\u00ff\n\r\n"))
        .containsExactly(List.of("ECHO", "", "\u0000\u00ff\n"));
  }

  @Test
  void next_pipelinedMixOfFormats_returnsEachCommandInOrder() {
    String input =
        "*1\r\n$4\r\nPING\r\nECHO \"a b\"\r\n\r\n*0\r\n*-1\r\nGET k\n*2\r\n$3\r\nGET\r\n$1\r\nx\r\n";

    assertThat(parseEverySplit(input))
        .containsExactly(
            List.of("PING"), List.of("ECHO", "a b"), List.of("GET", "k"), List.of("GET", "x"));
  }

  @Test
  void next_bytesAfterBulk_areSkippedUnchecked() {
    // Redis takes the declared length and skips two bytes, whatever they are
    assertThat(parseEverySplit("*2\r\n$4\r\nECHO\r\n$3\r\nabcde\r\n*1\r\n$4\r\nPINGxx"))
        .containsExactly(List.of("ECHO", "abc"), List.of("PING"));
  }

  @Test
  void next_mostNegativeCount_isIgnoredLikeOtherNegatives() {
    assertThat(parseWhole("*-9223372036854775808\r\nPING\r\n")).containsExactly(List.of("PING"));
  }

  @Test
  void next_largeBulkAcrossManyChunks_arrivesWhole() {
    String value = "x".repeat(200_000);
    byte[] all = bytes("*2\r\n$4\r\nECHO\r\n$200000\r\n" + value + "\r\n");
    Feed feed = new Feed(RespLimits.DEFAULTS);
    for (int at = 0; at < all.length; at += 7_919) {
      feed.chunk(Arrays.copyOfRange(all, at, Math.min(all.length, at + 7_919)));
      assertThat(feed.commands.isEmpty()).isEqualTo(at + 7_919 < all.length);
    }

    assertThat(feed.commands).containsExactly(List.of("ECHO", value));
  }

  @Test
  void next_declaredHugeBulk_consumesOnlyTheHeaderAndWaits() {
    RespParser parser = new RespParser(RespLimits.DEFAULTS);
    String header = "*2\r\n$4\r\nECHO\r\n$536870000\r\n";
    ByteBuf in = Unpooled.wrappedBuffer(bytes(header + "0123456789"));

    assertThat(parser.next(in)).isNull();
    assertThat(in.readerIndex()).isEqualTo(header.length());
    assertThat(parser.inCommand()).isTrue();
    assertThat(parser.next(in)).isNull();
    assertThat(in.readerIndex()).isEqualTo(header.length());
  }

  @Test
  void next_declaredHugeArray_consumesOnlyTheHeaderAndWaits() {
    RespParser parser = new RespParser(RespLimits.DEFAULTS);
    ByteBuf in = Unpooled.wrappedBuffer(bytes("*1048576\r\n$4\r\nPING\r\n"));

    assertThat(parser.next(in)).isNull();
    assertThat(in.isReadable()).isFalse();
    assertThat(parser.inCommand()).isTrue();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("*1000000000000\\r\\n", "invalid multibulk length"),
        arguments("*2147483648\\r\\n", "invalid multibulk length"),
        arguments("*abc\\r\\n", "invalid multibulk length"),
        arguments("*\\r\\n", "invalid multibulk length"),
        arguments("*01\\r\\n", "invalid multibulk length"),
        arguments("*+1\\r\\n", "invalid multibulk length"),
        arguments("*-0\\r\\n", "invalid multibulk length"),
        arguments("*3\\r\\n$99999999999\\r\\n", "invalid bulk length"),
        arguments("*3\\r\\n$x\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\n$-1\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\n$-5\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\n$04\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\n$\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\n$536870913\\r\\n", "invalid bulk length"),
        arguments("*1\\r\\nfoo\\r\\n", "expected '$', got 'f'"),
        arguments("*1\\r\\n\\r\\n", "expected '$', got ' '"),
        arguments("*1\\r\\n\\xff\\r\\n", "expected '$', got '\u00ff'"),
        arguments("*2\\r\\n$4\\r\\nECHO\\r\\n:1\\r\\n", "expected '$', got ':'"),
        arguments("SET \"a b\\r\\n", "unbalanced quotes in request"),
        arguments("ECHO 'a\\\\'\\r\\n", "unbalanced quotes in request"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badInputs")
  void next_badInput_failsWithRedisText(String escapedInput, String error) {
    String input = unescape(escapedInput);

    assertThat(errorOf(RespLimits.DEFAULTS, true, input)).isEqualTo(error);
    // the same error however the input is split
    byte[] all = bytes(input);
    for (int split = 1; split < all.length; split++) {
      Feed feed = new Feed(RespLimits.DEFAULTS);
      feed.chunk(Arrays.copyOfRange(all, 0, split));
      byte[] rest = Arrays.copyOfRange(all, split, all.length);
      assertThatThrownBy(() -> feed.chunk(rest)).as("split at %d", split).hasMessage(error);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "*1\\r\\nfoo", // a bulk header is judged only once its CR is there
    "*1\\r\\n$4\\r\\nPING",
    "*1\\r", // the byte after CR must have arrived too
    "*1\\x00\\r\\n", // Redis finds line ends with strchr, which stops at NUL
    "*1\\r\\n$1\\x00\\r\\n",
    "ECHO a\\x00b\\r\\n",
  })
  void next_incompleteInput_waitsWithoutError(String escapedInput) {
    Feed feed = new Feed(RespLimits.DEFAULTS).chunk(bytes(unescape(escapedInput)));

    assertThat(feed.commands).isEmpty();
  }

  @Test
  void next_linesLongerThanTheInlineLimit_areTooBig() {
    String big = "1".repeat(1025);

    assertThat(errorOf(SMALL, true, "a".repeat(1025))).isEqualTo("too big inline request");
    assertThat(errorOf(SMALL, true, "ECHO " + big + "\r\n")).isEqualTo("too big inline request");
    assertThat(errorOf(SMALL, true, "*" + big)).isEqualTo("too big mbulk count string");
    assertThat(errorOf(SMALL, true, "*1\r\n$" + big)).isEqualTo("too big bulk count string");
    assertThat(errorOf(SMALL, true, "*1\r\n" + "f".repeat(1025)))
        .isEqualTo("too big bulk count string");
    assertThat(errorOf(SMALL, true, "*1\u0000" + big)).isEqualTo("too big mbulk count string");
    assertThat(errorOf(SMALL, true, "ECHO " + "a".repeat(1000) + "\r\n")).isNull();
  }

  @Test
  void next_lengthsOverConfiguredLimits_areInvalid() {
    assertThat(errorOf(SMALL, true, "*101\r\n")).isEqualTo("invalid multibulk length");
    assertThat(errorOf(SMALL, true, "*100\r\n")).isNull();
    assertThat(errorOf(SMALL, true, "*1\r\n$1048577\r\n")).isEqualTo("invalid bulk length");
    assertThat(errorOf(SMALL, true, "*1\r\n$1048576\r\n")).isNull();
  }

  @Test
  void next_unauthenticatedClient_mayDeclareOnlySmallCommands() {
    RespLimits limits = RespLimits.DEFAULTS;

    assertThat(errorOf(limits, false, "*11\r\n")).isEqualTo("unauthenticated multibulk length");
    assertThat(errorOf(limits, false, "*10\r\n")).isNull();
    assertThat(errorOf(limits, false, "*1\r\n$16385\r\n")).isEqualTo("unauthenticated bulk length");
    assertThat(errorOf(limits, false, "*1\r\n$16384\r\n")).isNull();
    // invalid lengths are reported as such first, as Redis does
    assertThat(errorOf(limits, false, "*2147483648\r\n")).isEqualTo("invalid multibulk length");
    assertThat(errorOf(limits, false, "*1\r\n$536870913\r\n")).isEqualTo("invalid bulk length");
    assertThat(errorOf(limits, false, "*-20\r\n")).isNull();
    assertThat(errorOf(limits, false, "ECHO " + "a".repeat(20_000) + "\r\n")).isNull();
  }

  /**
   * A seeded fuzz of the framing against the simplest reference model: random commands, encoded as
   * RESP or as quoted inline lines, pipelined and cut at random points, must come out unchanged.
   */
  @Test
  void next_randomCommandsSplitAtRandomPoints_roundTrip() {
    Random random = new Random(20_240_601);
    for (int iteration = 0; iteration < 500; iteration++) {
      List<List<String>> sent = new ArrayList<>();
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      int pipelined = 1 + random.nextInt(5);
      for (int c = 0; c < pipelined; c++) {
        List<String> command = randomCommand(random);
        sent.add(command);
        wire.writeBytes(random.nextInt(4) == 0 ? inline(command) : multibulk(command));
      }
      byte[] all = wire.toByteArray();
      Feed feed = new Feed(RespLimits.DEFAULTS);
      int at = 0;
      while (at < all.length) {
        int end = Math.min(all.length, at + 1 + random.nextInt(1 + all.length / 3));
        feed.chunk(Arrays.copyOfRange(all, at, end));
        at = end;
      }
      assertThat(feed.commands).as("iteration %d", iteration).isEqualTo(sent);
      assertThat(feed.parser.inCommand()).isFalse();
    }
  }

  private static List<String> randomCommand(Random random) {
    List<String> args = new ArrayList<>();
    int count = 1 + random.nextInt(6);
    for (int i = 0; i < count; i++) {
      int length = random.nextInt(10) == 0 ? random.nextInt(40_000) : random.nextInt(20);
      StringBuilder arg = new StringBuilder();
      for (int j = 0; j < length; j++) {
        arg.append((char) random.nextInt(256));
      }
      args.add(arg.toString());
    }
    return args;
  }

  private static byte[] multibulk(List<String> args) {
    StringBuilder out = new StringBuilder("*").append(args.size()).append("\r\n");
    for (String arg : args) {
      out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
    }
    return bytes(out.toString());
  }

  /** Each argument double-quoted, every byte as a \xHH escape (what redis-cli would accept). */
  private static byte[] inline(List<String> args) {
    StringBuilder out = new StringBuilder();
    for (String arg : args) {
      out.append(out.length() == 0 ? "\"" : " \"");
      for (char c : arg.toCharArray()) {
        out.append("\\x").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
      out.append('"');
    }
    byte[] line = bytes(out.append("\r\n").toString());
    return line.length > RespLimits.DEFAULTS.maxInlineLength() ? multibulk(args) : line;
  }

  /** Test inputs are written with \r \n \xHH escapes. */
  static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = escaped.charAt(++i);
      switch (next) {
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 'x' -> {
          out.append((char) Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
