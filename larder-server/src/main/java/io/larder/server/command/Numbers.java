package io.larder.server.command;

import java.nio.charset.StandardCharsets;

/** Number parsing and formatting with Redis's rules and error texts. */
public final class Numbers {
  private Numbers() {}

  /** Parses a signed 64-bit decimal the way Redis's string2ll does (no '+', no leading zeros). */
  public static long parseLong(byte[] text) {
    Long value = tryParseLong(text);
    if (value == null) {
      throw CommandException.NOT_INTEGER;
    }
    return value;
  }

  /** As {@link #parseLong}, or null when text is not such an integer. */
  public static Long tryParseLong(byte[] text) {
    int n = text.length;
    if (n == 0 || n > 20) {
      return null;
    }
    if (n == 1 && text[0] == '0') {
      return 0L;
    }
    boolean negative = text[0] == '-';
    int i = negative ? 1 : 0;
    if (i == n || text[i] < '1' || text[i] > '9') {
      return null;
    }
    long value = 0;
    for (; i < n; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return null;
      }
      // accumulate negatively so Long.MIN_VALUE parses
      if (value < (Long.MIN_VALUE + digit) / 10) {
        return null;
      }
      value = value * 10 - digit;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        return null;
      }
      value = -value;
    }
    return value;
  }

  /** Parses a double as Redis's strtold-based parsing accepts it ("inf" included, NaN not). */
  public static double parseDouble(byte[] text) {
    Double value = tryParseDouble(text);
    if (value == null) {
      throw CommandException.NOT_FLOAT;
    }
    return value;
  }

  public static Double tryParseDouble(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.isEmpty()
        || Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))) {
      return null;
    }
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return null;
    }
    double value = Double.parseDouble(text);
    return Double.isNaN(value) ? null : value;
  }
}
