package io.larder.server.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * Structure and display of raw RESP replies, held as ISO-8859-1 text (one char per byte, as {@link
 * io.larder.server.testing.RespClient#readRaw} returns them).
 */
final class RawReply {
  private static final int MAX_SHOWN = 2000;

  private RawReply() {}

  /** The reply's RESP type: its first byte. */
  static char type(String reply) {
    return reply.isEmpty() ? '?' : reply.charAt(0);
  }

  /**
   * A form of the reply in which the order of top-level elements does not matter: the header line,
   * then the elements sorted (a map's elements are its key/value pairs). Replies that are not
   * aggregates are returned as they are.
   */
  static String unordered(String reply) {
    char type = type(reply);
    if ("*~%>".indexOf(type) < 0) {
      return reply;
    }
    int headerEnd = reply.indexOf("\r\n") + 2;
    List<String> elements = new ArrayList<>();
    int itemsPerElement = type == '%' ? 2 : 1;
    int at = headerEnd;
    while (at < reply.length()) {
      int end = at;
      for (int i = 0; i < itemsPerElement; i++) {
        end = end(reply, end);
      }
      elements.add(reply.substring(at, end));
      at = end;
    }
    elements.sort(null);
    return reply.substring(0, headerEnd) + String.join("", elements);
  }

  /** The index just past the complete reply that starts at from. */
  static int end(String reply, int from) {
    int lineEnd = reply.indexOf("\r\n", from);
    if (lineEnd < 0) {
      throw new IllegalArgumentException("truncated reply: " + escape(reply));
    }
    int next = lineEnd + 2;
    char type = reply.charAt(from);
    switch (type) {
      case '$', '=', '!' -> {
        long length = Long.parseLong(reply.substring(from + 1, lineEnd));
        return length < 0 ? next : next + (int) length + 2;
      }
      case '*', '~', '>', '%', '|' -> {
        long count = Long.parseLong(reply.substring(from + 1, lineEnd));
        long items = type == '%' || type == '|' ? count * 2 : count;
        for (long i = 0; i < items; i++) {
          next = end(reply, next);
        }
        return type == '|' ? end(reply, next) : next; // an attribute precedes the real reply
      }
      default -> {
        return next;
      }
    }
  }

  /**
   * The bytes as a Java-style quoted string: printable ASCII as is, CR, LF, tab, quote and
   * backslash escaped, other bytes as {@code \xHH}; long replies are cut.
   */
  static String escape(String bytes) {
    StringBuilder out = new StringBuilder("\"");
    int shown = Math.min(bytes.length(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      char c = bytes.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append(c);
          } else {
            out.append(String.format("\\x%02x", (int) c));
          }
        }
      }
    }
    out.append('"');
    if (shown < bytes.length()) {
      out.append("... (").append(bytes.length()).append(" bytes)");
    }
    return out.toString();
  }
}
