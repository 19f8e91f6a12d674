package io.larder.server.command;

import io.larder.server.engine.StoredValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The options of SET ({@code NX XX GET KEEPTTL EX PX EXAT PXAT}) and GETEX ({@code EX PX EXAT PXAT
 * PERSIST}), accepted and rejected exactly as Redis's {@code parseExtendedStringArgumentsOrReply}
 * does: an option may repeat (the last expiry wins), but NX/XX, and an expiry against KEEPTTL,
 * PERSIST or another kind of expiry, are syntax errors.
 */
final class StringSetOptions {
  enum Option {
    NX,
    XX,
    GET,
    KEEPTTL,
    PERSIST,
    EX,
    PX,
    EXAT,
    PXAT;

    boolean isExpiry() {
      return compareTo(EX) >= 0;
    }

    boolean inSeconds() {
      return this == EX || this == EXAT;
    }

    boolean relative() {
      return this == EX || this == PX;
    }
  }

  private static final Option[] OPTIONS = Option.values();
  private static final Set<Option> SET_ONLY =
      EnumSet.of(Option.NX, Option.XX, Option.GET, Option.KEEPTTL);

  private final Set<Option> options;
  private final Option expiry;
  private final int expiryIndex;

  private StringSetOptions(Set<Option> options, Option expiry, int expiryIndex) {
    this.options = options;
    this.expiry = expiry;
    this.expiryIndex = expiryIndex;
  }

  /** One option without an expiry (SETNX's NX, GETSET's GET). */
  static StringSetOptions of(Option option) {
    return new StringSetOptions(EnumSet.of(option), null, -1);
  }

  /** A relative expiry read from argument index (SETEX, PSETEX). */
  static StringSetOptions expiring(Option unit, int index) {
    return new StringSetOptions(EnumSet.of(unit), unit, index);
  }

  /** Parses SET's options, from argument 3 on. */
  static StringSetOptions forSet(Request request) {
    return parse(request, 3, true);
  }

  /** Parses GETEX's options, from argument 2 on. */
  static StringSetOptions forGetEx(Request request) {
    return parse(request, 2, false);
  }

  private static StringSetOptions parse(Request request, int from, boolean set) {
    Set<Option> options = EnumSet.noneOf(Option.class);
    Option expiry = null;
    int expiryIndex = -1;
    for (int i = from; i < request.argCount(); i++) {
      Option option = optionAt(request, i);
      if (option == null || !allowed(option, options, set, i + 1 < request.argCount())) {
        throw CommandException.SYNTAX;
      }
      options.add(option);
      if (option.isExpiry()) {
        expiry = option;
        expiryIndex = ++i;
      }
    }
    return new StringSetOptions(options, expiry, expiryIndex);
  }

  private static Option optionAt(Request request, int index) {
    for (Option option : OPTIONS) {
      if (request.is(index, option.name())) {
        return option;
      }
    }
    return null;
  }

  private static boolean allowed(Option option, Set<Option> seen, boolean set, boolean hasNext) {
    if (set ? option == Option.PERSIST : SET_ONLY.contains(option)) {
      return false;
    }
    return switch (option) {
      case NX -> !seen.contains(Option.XX);
      case XX -> !seen.contains(Option.NX);
      case GET -> true;
      case KEEPTTL -> seen.stream().noneMatch(Option::isExpiry);
      case PERSIST -> seen.stream().noneMatch(Option::isExpiry);
      case EX, PX, EXAT, PXAT ->
          hasNext
              && !seen.contains(Option.KEEPTTL)
              && !seen.contains(Option.PERSIST)
              && seen.stream().noneMatch(o -> o.isExpiry() && o != option);
    };
  }

  boolean has(Option option) {
    return options.contains(option);
  }

  boolean hasExpiry() {
    return expiry != null;
  }

  /**
   * The absolute expiry in epoch milliseconds the options ask for, {@link StoredValue#NO_EXPIRY}
   * when none; an error reply for a time that is not a positive integer or overflows, as Redis's
   * {@code getExpireMillisecondsOrReply} checks it.
   */
  long expireAt(Request request) {
    if (expiry == null) {
      return StoredValue.NO_EXPIRY;
    }
    long millis = request.longArg(expiryIndex);
    if (millis <= 0 || (expiry.inSeconds() && millis > Long.MAX_VALUE / 1000)) {
      throw invalidExpireTime(request);
    }
    if (expiry.inSeconds()) {
      millis *= 1000;
    }
    if (expiry.relative()) {
      millis += request.keyspace().now(); // wraps negative on overflow, as in Redis
    }
    if (millis <= 0) {
      throw invalidExpireTime(request);
    }
    return millis;
  }

  private static CommandException invalidExpireTime(Request request) {
    return new CommandException(
        "ERR invalid expire time in '" + request.spec().name() + "' command");
  }
}
