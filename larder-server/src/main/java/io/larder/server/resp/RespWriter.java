package io.larder.server.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Encodes replies in the connection's protocol version, RESP2 or RESP3, into one buffer per read
 * burst. Types that RESP2 lacks degrade the way Redis degrades them: maps become flat arrays, sets
 * arrays, nulls {@code $-1} or {@code *-1}, booleans integers, doubles bulk strings.
 */
public final class RespWriter {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_RESP3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int CACHED_INTEGERS = 1024;
  private static final byte[][] INTEGER_REPLIES = new byte[CACHED_INTEGERS][];
  private static final byte[][] BULK_HEADERS = new byte[CACHED_INTEGERS][];

  static {
    for (int i = 0; i < CACHED_INTEGERS; i++) {
      INTEGER_REPLIES[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
      BULK_HEADERS[i] = ("$" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private ByteBuf out;
  private int protocol = 2;

  /** Directs subsequent replies into buffer. */
  public void target(ByteBuf buffer) {
    this.out = buffer;
  }

  public ByteBuf buffer() {
    return out;
  }

  public int protocol() {
    return protocol;
  }

  public void protocol(int version) {
    this.protocol = version;
  }

  public boolean resp3() {
    return protocol == 3;
  }

  public void ok() {
    out.writeBytes(OK);
  }

  public void simple(String text) {
    out.writeByte('+');
    out.writeCharSequence(text, StandardCharsets.UTF_8);
    out.writeBytes(CRLF);
  }

  /**
   * An error reply; text starts with its code, e.g. {@code "ERR syntax error"}. Written as
   * ISO-8859-1, one byte per char, so client bytes quoted in an error (decoded the same way, see
   * {@code Dispatcher.printable}) come back exactly as sent, as Redis copies them.
   */
  public void error(String text) {
    out.writeByte('-');
    out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
    out.writeBytes(CRLF);
  }

  public void integer(long value) {
    if (value >= 0 && value < CACHED_INTEGERS) {
      out.writeBytes(INTEGER_REPLIES[(int) value]);
      return;
    }
    out.writeByte(':');
    writeDecimal(value);
    out.writeBytes(CRLF);
  }

  public void bulk(byte[] value) {
    if (value == null) {
      nullBulk();
      return;
    }
    bulkHeader(value.length);
    out.writeBytes(value);
    out.writeBytes(CRLF);
  }

  public void bulk(String value) {
    bulk(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** A bulk string holding the decimal form of value (Redis answers some counts this way). */
  public void bulk(long value) {
    bulk(Long.toString(value));
  }

  /** Plain text: RESP3 verbatim string ({@code txt}), RESP2 bulk string. */
  public void verbatim(String text) {
    if (!resp3()) {
      bulk(text);
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeByte('=');
    writeDecimal(bytes.length + 4);
    out.writeBytes(CRLF);
    out.writeCharSequence("txt:", StandardCharsets.US_ASCII);
    out.writeBytes(bytes);
    out.writeBytes(CRLF);
  }

  /** A floating point number, already formatted the way Redis prints it. */
  public void doubleValue(String formatted) {
    if (!resp3()) {
      bulk(formatted);
      return;
    }
    out.writeByte(',');
    out.writeCharSequence(formatted, StandardCharsets.US_ASCII);
    out.writeBytes(CRLF);
  }

  public void bool(boolean value) {
    if (resp3()) {
      out.writeCharSequence(value ? "#t\r\n" : "#f\r\n", StandardCharsets.US_ASCII);
    } else {
      integer(value ? 1 : 0);
    }
  }

  public void nullBulk() {
    out.writeBytes(resp3() ? NULL_RESP3 : NULL_BULK);
  }

  public void nullArray() {
    out.writeBytes(resp3() ? NULL_RESP3 : NULL_ARRAY);
  }

  public void arrayHeader(long length) {
    writeArrayHeader(out, length);
  }

  /** A map of {@code entries} key/value pairs (RESP2: an array of twice the length). */
  public void mapHeader(long entries) {
    if (resp3()) {
      out.writeByte('%');
      writeDecimal(entries);
      out.writeBytes(CRLF);
    } else {
      arrayHeader(entries * 2);
    }
  }

  public void setHeader(long length) {
    if (resp3()) {
      out.writeByte('~');
      writeDecimal(length);
      out.writeBytes(CRLF);
    } else {
      arrayHeader(length);
    }
  }

  /** A RESP3 push (out-of-band message); RESP2 sends it as an array. */
  public void pushHeader(long length) {
    if (resp3()) {
      out.writeByte('>');
      writeDecimal(length);
      out.writeBytes(CRLF);
    } else {
      arrayHeader(length);
    }
  }

  public void bulkArray(byte[]... values) {
    arrayHeader(values.length);
    for (byte[] value : values) {
      bulk(value);
    }
  }

  private void bulkHeader(int length) {
    writeBulkHeader(out, length);
  }

  private void writeDecimal(long value) {
    writeDecimal(out, value);
  }

  /** Writes {@code $<length>\r\n}, from a table for small lengths (no allocation). */
  public static void writeBulkHeader(ByteBuf out, int length) {
    if (length < CACHED_INTEGERS) {
      out.writeBytes(BULK_HEADERS[length]);
    } else {
      out.writeByte('$');
      writeDecimal(out, length);
      out.writeBytes(CRLF);
    }
  }

  /** Writes {@code *<count>\r\n}. */
  public static void writeArrayHeader(ByteBuf out, long count) {
    out.writeByte('*');
    writeDecimal(out, count);
    out.writeBytes(CRLF);
  }

  /** Writes value in decimal ASCII without allocating. */
  public static void writeDecimal(ByteBuf out, long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
        return;
      }
      out.writeByte('-');
      value = -value;
    }
    if (value < 10) {
      out.writeByte((int) ('0' + value));
      return;
    }
    int digits = 1;
    for (long v = value / 10; v > 0; v /= 10) {
      digits++;
    }
    int at = out.writerIndex() + digits;
    out.ensureWritable(digits);
    out.writerIndex(at);
    for (int i = 1; i <= digits; i++) {
      out.setByte(at - i, (int) ('0' + value % 10));
      value /= 10;
    }
  }
}
