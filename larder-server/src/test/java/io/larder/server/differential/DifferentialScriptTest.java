package io.larder.server.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.differential.DifferentialScript.Action;
import io.larder.server.differential.DifferentialScript.Modifier;
import io.larder.server.differential.DifferentialScript.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferentialScriptTest {

  private static Step only(String text) {
    List<Step> steps = DifferentialScript.parse("t.redis", text).steps();
    assertThat(steps).hasSize(1);
    return steps.get(0);
  }

  private static List<String> words(Step step) {
    return step.words().stream().map(w -> new String(w, StandardCharsets.ISO_8859_1)).toList();
  }

  @Test
  void parse_commentsAndBlankLines_areSkippedAndLinesNumbered() {
    List<Step> steps =
        DifferentialScript.parse("t.redis", "# setup\n\nSET k v\r\n   \n  # indented\nGET k\n")
            .steps();

    assertThat(steps).extracting(Step::line).containsExactly(3, 6);
    assertThat(steps).extracting(Step::text).containsExactly("SET k v", "GET k");
    assertThat(steps).extracting(Step::action).containsOnly(Action.COMMAND);
  }

  @Test
  void parse_doubleQuotes_takeEscapes() {
    Step step = only("SET key \"a value\" \"\\x41\\n\\r\\t\\\"\\\\\\q\"");

    assertThat(words(step)).containsExactly("SET", "key", "a value", "A\n\r\t\"\\q");
  }

  @Test
  void parse_singleQuotes_takeOnlyEscapedQuote() {
    Step step = only("ECHO 'it\\'s \\n' ''");

    assertThat(words(step)).containsExactly("ECHO", "it's \\n", "");
  }

  @Test
  void parse_quoteInsideWord_joinsTheWord() {
    assertThat(words(only("ECHO ab\"c d\""))).containsExactly("ECHO", "abc d");
  }

  @Test
  void parse_nonAsciiText_keepsUtf8Bytes() {
    assertThat(only("ECHO é").words().get(1)).containsExactly(0xc3 - 256, 0xa9 - 256);
  }

  @Test
  void parse_hexEscape_givesAnyByte() {
    assertThat(only("ECHO \"\\xff\\x00\"").words().get(1)).containsExactly(-1, 0);
  }

  @Test
  void parse_modifiers_areRecordedAndStripped() {
    Step unordered = only("!unordered HGETALL h");
    Step type = only("!type TTL k");
    Step noauthType = only("!noauth !type HELLO 3");

    assertThat(unordered.modifiers()).containsExactly(Modifier.UNORDERED);
    assertThat(words(unordered)).containsExactly("HGETALL", "h");
    assertThat(type.modifiers()).containsExactly(Modifier.TYPE);
    assertThat(noauthType.modifiers()).containsExactlyInAnyOrder(Modifier.NOAUTH, Modifier.TYPE);
    assertThat(words(noauthType)).containsExactly("HELLO", "3");
  }

  @Test
  void parse_protocolAndSleepDirectives_becomeActions() {
    List<Step> steps = DifferentialScript.parse("t.redis", "!resp3\n!sleep 1100\n!resp2\n").steps();

    assertThat(steps)
        .extracting(Step::action)
        .containsExactly(Action.RESP3, Action.SLEEP, Action.RESP2);
    assertThat(steps.get(1).millis()).isEqualTo(1100);
  }

  @Test
  void parse_raw_keepsEscapedBytes() {
    Step step = only("!raw \"*1\\r\\n$4\\r\\nPING\\r\\n\"");

    assertThat(step.action()).isEqualTo(Action.RAW);
    assertThat(new String(step.raw(), StandardCharsets.ISO_8859_1))
        .isEqualTo("*1\r\n$4\r\nPING\r\n");
  }

  @Test
  void parse_noauthRaw_sendsUnauthenticated() {
    Step step = only("!noauth !raw \"*11\\r\\n\"");

    assertThat(step.action()).isEqualTo(Action.RAW);
    assertThat(step.modifiers()).containsExactly(Modifier.NOAUTH);
    assertThat(new String(step.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("*11\r\n");
  }

  @Test
  void parse_unbalancedQuote_failsNamingFileAndLine() {
    assertThatThrownBy(() -> DifferentialScript.parse("bad.redis", "PING\nSET k \"v\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad.redis:2: unbalanced quotes");
  }

  @Test
  void parse_closingQuoteFollowedByText_fails() {
    assertThatThrownBy(() -> DifferentialScript.parse("bad.redis", "SET k \"v\"x"))
        .hasMessageContaining("bad.redis:1: a closing quote must be followed by a space");
  }

  @Test
  void parse_badDirectives_fail() {
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!bogus PING"))
        .hasMessage("s:1: unknown directive !bogus");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!sleep soon"))
        .hasMessage("s:1: !sleep needs a number of milliseconds");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!raw \"a\" \"b\""))
        .hasMessage("s:1: !raw takes one argument");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!type !raw \"a\""))
        .hasMessage("s:1: !raw combines only with !noauth");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!noauth !resp3"))
        .hasMessage("s:1: !resp3 does not combine with other directives");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!noauth"))
        .hasMessage("s:1: a directive needs a command after it");
    assertThatThrownBy(() -> DifferentialScript.parse("s", "!unordered !type X"))
        .hasMessage("s:1: !unordered and !type do not combine");
  }
}
