package io.larder.server.resp;

import static io.larder.server.resp.RespParserTest.unescape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inline command lines, split as redis-server 7.0.15 splits them (sdssplitargs). */
class InlineSplitterTest {

  private static List<String> split(String escapedLine) {
    byte[][] words =
        InlineSplitter.split(unescape(escapedLine).getBytes(StandardCharsets.ISO_8859_1));
    return Arrays.stream(words).map(w -> new String(w, StandardCharsets.ISO_8859_1)).toList();
  }

  @Test
  void split_plainWords_onSpacesAndTabs() {
    assertThat(split("  SET\tk   v ")).containsExactly("SET", "k", "v");
  }

  @Test
  void split_blankLine_givesNoWords() {
    assertThat(split("   \\x0b\\x0c ")).isEmpty();
  }

  @Test
  void split_formFeedAndVerticalTab_separateOnlyBetweenWords() {
    // isspace() skips them between words, but only space, tab, CR and LF end a word
    assertThat(split("\\x0bECHO a\\x0bb\\x0cc"))
        .containsExactly("ECHO", "a\\x0bb\\x0cc".transform(RespParserTest::unescape));
    assertThat(split("ECHO \"a\"\\x0b")).containsExactly("ECHO", "a");
  }

  @Test
  void split_carriageReturnInsideLine_separatesWords() {
    assertThat(split("ECHO a\\rb")).containsExactly("ECHO", "a", "b");
  }

  @Test
  void split_doubleQuotes_takeEscapes() {
    assertThat(split("ECHO \"a\\\\x41\\\\n\\\\r\\\\t\\\\b\\\\a\\\\\"\\\\\\\\\\\\q\""))
        .containsExactly("ECHO", "aA\n\r\t\b\u0007\"\\q");
  }

  @Test
  void split_incompleteHexEscape_isTakenLiterally() {
    assertThat(split("ECHO \"\\\\x4\" \"\\\\xzz\"")).containsExactly("ECHO", "x4", "xzz");
  }

  @Test
  void split_singleQuotes_takeOnlyEscapedQuote() {
    assertThat(split("ECHO 'it\\\\'s' 'a\\\\nb'")).containsExactly("ECHO", "it's", "a\\nb");
  }

  @Test
  void split_quotesInsideWord_joinTheWord() {
    assertThat(split("ECHO ab\"c d\" x'y z'")).containsExactly("ECHO", "abc d", "xy z");
  }

  @Test
  void split_emptyQuotes_giveEmptyWord() {
    assertThat(split("ECHO \"\" ''")).containsExactly("ECHO", "", "");
  }

  @Test
  void split_highBytes_arePreserved() {
    assertThat(split("ECHO \\xff\\xc3\\xa9")).containsExactly("ECHO", "\u00ff\u00c3\u00a9");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET \"a b",
        "SET 'a b",
        "SET \"a\"b c",
        "ECHO 'a'b",
        "ECHO \"\\\\x41\"x",
        "ECHO \"a\\\\",
        "ECHO 'a\\\\'",
      })
  void split_unbalancedQuotes_fail(String line) {
    assertThatThrownBy(() -> split(line))
        .isInstanceOf(RespProtocolException.class)
        .hasMessage("unbalanced quotes in request");
  }
}
