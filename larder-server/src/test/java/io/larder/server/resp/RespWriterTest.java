package io.larder.server.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Reply encoding in RESP2 and RESP3, byte for byte as redis-server 7.0.15 sends it. */
class RespWriterTest {

  private static String written(int protocol, Consumer<RespWriter> replies) {
    RespWriter writer = new RespWriter();
    ByteBuf buffer = Unpooled.buffer(4);
    writer.target(buffer);
    writer.protocol(protocol);
    replies.accept(writer);
    return buffer.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void integer_cachedAndComputedValues_areDecimal() {
    assertThat(written(2, w -> w.integer(0))).isEqualTo(":0\r\n");
    assertThat(written(2, w -> w.integer(1023))).isEqualTo(":1023\r\n");
    assertThat(written(2, w -> w.integer(1024))).isEqualTo(":1024\r\n");
    assertThat(written(2, w -> w.integer(-1))).isEqualTo(":-1\r\n");
    assertThat(written(2, w -> w.integer(Long.MAX_VALUE))).isEqualTo(":9223372036854775807\r\n");
    assertThat(written(2, w -> w.integer(Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
  }

  @Test
  void bulk_anyLength_hasExactHeader() {
    String big = "x".repeat(100_000);

    assertThat(written(2, w -> w.bulk(new byte[0]))).isEqualTo("$0\r\n\r\n");
    assertThat(written(2, w -> w.bulk(new byte[] {0, '\r', '\n'}))).isEqualTo("$3\r\n\0\r\n\r\n");
    assertThat(written(2, w -> w.bulk(big))).isEqualTo("$100000\r\n" + big + "\r\n");
    assertThat(written(2, w -> w.bulk(-42))).isEqualTo("$3\r\n-42\r\n");
    assertThat(written(2, w -> w.bulk("é"))).isEqualTo("$2\r\n\u00c3\u00a9\r\n");
  }

  @Test
  void simpleAndError_areOneLine() {
    assertThat(written(2, RespWriter::ok)).isEqualTo("+OK\r\n");
    assertThat(written(3, w -> w.simple("PONG"))).isEqualTo("+PONG\r\n");
    assertThat(written(2, w -> w.error("ERR syntax error"))).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void nulls_resp2TypedResp3Underscore() {
    assertThat(written(2, RespWriter::nullBulk)).isEqualTo("$-1\r\n");
    assertThat(written(2, RespWriter::nullArray)).isEqualTo("*-1\r\n");
    assertThat(written(2, w -> w.bulk((byte[]) null))).isEqualTo("$-1\r\n");
    assertThat(written(3, RespWriter::nullBulk)).isEqualTo("_\r\n");
    assertThat(written(3, RespWriter::nullArray)).isEqualTo("_\r\n");
  }

  @Test
  void aggregates_resp2DegradeToArrays() {
    assertThat(written(2, w -> w.mapHeader(2))).isEqualTo("*4\r\n");
    assertThat(written(2, w -> w.setHeader(3))).isEqualTo("*3\r\n");
    assertThat(written(2, w -> w.pushHeader(3))).isEqualTo("*3\r\n");
    assertThat(written(3, w -> w.mapHeader(2))).isEqualTo("%2\r\n");
    assertThat(written(3, w -> w.setHeader(3))).isEqualTo("~3\r\n");
    assertThat(written(3, w -> w.pushHeader(3))).isEqualTo(">3\r\n");
    assertThat(written(3, w -> w.arrayHeader(0))).isEqualTo("*0\r\n");
  }

  @Test
  void bulkArray_writesHeaderAndEachElement() {
    assertThat(written(2, w -> w.bulkArray("a".getBytes(), null, new byte[0])))
        .isEqualTo("*3\r\n$1\r\na\r\n$-1\r\n$0\r\n\r\n");
  }

  @Test
  void scalars_resp2DegradeLikeRedis() {
    assertThat(written(2, w -> w.bool(true))).isEqualTo(":1\r\n");
    assertThat(written(2, w -> w.bool(false))).isEqualTo(":0\r\n");
    assertThat(written(3, w -> w.bool(true))).isEqualTo("#t\r\n");
    assertThat(written(3, w -> w.bool(false))).isEqualTo("#f\r\n");
    assertThat(written(2, w -> w.doubleValue("1.5"))).isEqualTo("$3\r\n1.5\r\n");
    assertThat(written(3, w -> w.doubleValue("inf"))).isEqualTo(",inf\r\n");
    assertThat(written(2, w -> w.verbatim("a\r\nb"))).isEqualTo("$4\r\na\r\nb\r\n");
    assertThat(written(3, w -> w.verbatim("a\r\nb"))).isEqualTo("=8\r\ntxt:a\r\nb\r\n");
  }
}
