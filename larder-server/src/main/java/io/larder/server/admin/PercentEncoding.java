package io.larder.server.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of arbitrary bytes, for cache keys in URL paths. Keys are binary-safe, so a path
 * segment decodes to bytes, not to text: {@code %FF} is the byte 0xFF, never a replacement
 * character. The API hands out each key's encoded form ({@code ref}), so clients never need to
 * encode bytes they cannot represent as text.
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentEncoding() {}

  /** Every byte except RFC 3986's unreserved characters is written as {@code %XX}. */
  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /** The bytes text stands for; 400 when a {@code %} is not followed by two hex digits. */
  static byte[] decode(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    byte[] chars = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < chars.length; i++) {
      byte b = chars[i];
      if (b != '%') {
        out.write(b);
        continue;
      }
      int high = i + 2 < chars.length ? Character.digit(chars[i + 1], 16) : -1;
      int low = high >= 0 ? Character.digit(chars[i + 2], 16) : -1;
      if (low < 0) {
        throw ApiException.badRequest("'" + text + "' is not percent-encoded correctly");
      }
      out.write(high << 4 | low);
      i += 2;
    }
    return out.toByteArray();
  }

  static String decodeText(String text) {
    return new String(decode(text), StandardCharsets.UTF_8);
  }
}
