package io.larder.server.command;

/**
 * What SCAN and HSCAN share: the cursor and the COUNT, MATCH and (SCAN only) TYPE options, parsed
 * and refused the way Redis parses and refuses them.
 */
record ScanOptions(long count, GlobPattern match, String type) {
  private static final long DEFAULT_COUNT = 10;
  private static final CommandException INVALID_CURSOR = new CommandException("ERR invalid cursor");

  /**
   * Parses the options from argument {@code from} on.
   *
   * @param typeAllowed whether TYPE is an option here (SCAN) or a syntax error (HSCAN)
   */
  static ScanOptions parse(Request request, int from, boolean typeAllowed) {
    long count = DEFAULT_COUNT;
    GlobPattern match = null;
    String type = null;
    for (int i = from; i < request.argCount(); i += 2) {
      boolean hasValue = i + 1 < request.argCount();
      if (request.is(i, "COUNT") && hasValue) {
        count = request.longArg(i + 1);
        if (count < 1) {
          throw CommandException.SYNTAX;
        }
      } else if (request.is(i, "MATCH") && hasValue) {
        GlobPattern pattern = GlobPattern.of(request.arg(i + 1));
        match = pattern.matchesAll() ? null : pattern;
      } else if (typeAllowed && request.is(i, "TYPE") && hasValue) {
        type = request.text(i + 1);
      } else {
        throw CommandException.SYNTAX;
      }
    }
    return new ScanOptions(count, match, type);
  }

  /** True when name passes MATCH (always, without a pattern or with {@code *}). */
  boolean matches(byte[] name) {
    return match == null || match.matches(name);
  }

  /**
   * Parses a cursor as Redis does, with C's {@code strtoul}: an optional sign (a negative value
   * wraps around), decimal digits, nothing else; an empty cursor reads as 0.
   */
  static long parseCursor(byte[] text) {
    if (text.length == 0) {
      return 0;
    }
    boolean negative = text[0] == '-';
    int i = negative || text[0] == '+' ? 1 : 0;
    if (i == text.length) {
      throw INVALID_CURSOR;
    }
    long value = 0;
    for (; i < text.length; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        throw INVALID_CURSOR;
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
        throw INVALID_CURSOR; // beyond 2^64 - 1
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }
}
