package io.larder.server.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values as the key browser shows them: {@code {"text", "binary", "bytes", "truncated"}}.
 *
 * <p>Bytes that are UTF-8 text without control characters (tabs and line breaks allowed) are shown
 * as that text. Anything else is binary and shown escaped, the way redis-cli quotes it: printable
 * ASCII as is, {@code \\}, {@code \n}, {@code \r}, {@code \t}, and {@code \xHH} for every other
 * byte; {@code binary: true} tells the reader that the text is an escaped form. Either way at most
 * limit bytes are shown, so a huge value never becomes a huge answer.
 */
final class BytePreview {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private BytePreview() {}

  static ObjectNode of(byte[] bytes, int limit) {
    int end = Math.min(bytes.length, limit);
    boolean truncated = end < bytes.length;
    String text = truncated ? null : plainText(bytes, end);
    if (truncated) {
      // Cut before a character that straddles the limit, so the text part still decodes.
      int cut = end;
      while (cut > 0 && end - cut < 3 && (bytes[cut] & 0xC0) == 0x80) {
        cut--;
      }
      text = plainText(bytes, cut);
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("text", text != null ? text : escaped(bytes, end));
    node.put("binary", text == null);
    node.put("bytes", bytes.length);
    node.put("truncated", truncated);
    return node;
  }

  /** The first length bytes as text, or null when they are not plain UTF-8 text. */
  static String plainText(byte[] bytes, int length) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, length))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0);
      if (control && c != '\t' && c != '\n' && c != '\r') {
        return null;
      }
    }
    return text;
  }

  /** redis-cli's quoting of the first length bytes, without the surrounding quotes. */
  static String escaped(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder(length + 16);
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      switch (b) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (b >= 0x20 && b < 0x7f) {
            out.append((char) b);
          } else {
            out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
          }
        }
      }
    }
    return out.toString();
  }
}
