package io.larder.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RawReplyTest {

  @Test
  void end_nestedAggregate_spansAllElements() {
    String reply = "*2\r\n*1\r\n$3\r\nabc\r\n%1\r\n+k\r\n:1\r\n+next\r\n";

    assertThat(RawReply.end(reply, 0)).isEqualTo(reply.indexOf("+next"));
  }

  @Test
  void end_nullsAndAttributes_areSkippedCorrectly() {
    assertThat(RawReply.end("$-1\r\n*-1\r\n", 0)).isEqualTo(5);
    assertThat(RawReply.end("*-1\r\n", 0)).isEqualTo(5);
    String attributed = "|1\r\n+a\r\n:1\r\n$1\r\nx\r\n";
    assertThat(RawReply.end(attributed, 0)).isEqualTo(attributed.length());
  }

  @Test
  void unordered_arrayInAnyOrder_isTheSame() {
    assertThat(RawReply.unordered("*3\r\n$1\r\nb\r\n$1\r\na\r\n:1\r\n"))
        .isEqualTo(RawReply.unordered("*3\r\n:1\r\n$1\r\na\r\n$1\r\nb\r\n"));
  }

  @Test
  void unordered_mapPairs_stayTogether() {
    String map = "%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n";
    String swappedPairs = "%2\r\n$1\r\nb\r\n:2\r\n$1\r\na\r\n:1\r\n";
    String swappedValues = "%2\r\n$1\r\na\r\n:2\r\n$1\r\nb\r\n:1\r\n";

    assertThat(RawReply.unordered(map)).isEqualTo(RawReply.unordered(swappedPairs));
    assertThat(RawReply.unordered(map)).isNotEqualTo(RawReply.unordered(swappedValues));
  }

  @Test
  void unordered_differentCounts_differ() {
    assertThat(RawReply.unordered("*1\r\n:1\r\n"))
        .isNotEqualTo(RawReply.unordered("*2\r\n:1\r\n:1\r\n"));
    assertThat(RawReply.unordered("*2\r\n:1\r\n:1\r\n"))
        .isNotEqualTo(RawReply.unordered("*2\r\n:1\r\n:2\r\n"));
  }

  @Test
  void unordered_scalar_isUnchanged() {
    assertThat(RawReply.unordered("+OK\r\n")).isEqualTo("+OK\r\n");
  }

  @Test
  void escape_controlAndHighBytes_areVisible() {
    assertThat(RawReply.escape("-ERR \"x\"\\\r\n\u0000\u00ff\t"))
        .isEqualTo("\"-ERR \\\"x\\\"\\\\\\r\\n\\x00\\xff\\t\"");
  }

  @Test
  void escape_longReply_isCutWithItsLength() {
    assertThat(RawReply.escape("a".repeat(5000)))
        .endsWith("a\"... (5000 bytes)")
        .hasSize(2 + 2000 + 16);
  }
}
