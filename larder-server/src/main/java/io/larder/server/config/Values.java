package io.larder.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for setting values. Each rejects a bad value with an {@link IllegalArgumentException}
 * whose message says what is allowed; {@link Setting#parse} adds the setting, value and source.
 */
final class Values {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final long KB = 1024;
  private static final long MB = 1024 * KB;
  private static final long GB = 1024 * MB;

  private Values() {}

  static Function<String, Integer> integer(int min, int max) {
    return text -> {
      try {
        int value = Integer.parseInt(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("expected an integer from " + min + " to " + max);
    };
  }

  /** A size in bytes: a number with an optional unit, such as {@code 512mb}, {@code 64kb}. */
  static Function<String, Long> size(long min, long max) {
    return text -> {
      Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        try {
          long unit =
              switch (m.group(2) == null ? "b" : m.group(2)) {
                case "k", "kb" -> KB;
                case "m", "mb" -> MB;
                case "g", "gb" -> GB;
                default -> 1L;
              };
          long value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
          if (value >= min && value <= max) {
            return value;
          }
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
      String range =
          max == Long.MAX_VALUE
              ? "of at least " + bytes(min)
              : "from " + bytes(min) + " to " + bytes(max);
      throw new IllegalArgumentException(
          "expected a size " + range + ": a number with an optional unit b, kb, mb or gb");
    };
  }

  /** A duration: a number with an optional unit, such as {@code 500ms}, {@code 30m}. */
  static Function<String, Duration> duration(Duration min, Duration max) {
    return text -> {
      Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        try {
          long n = Long.parseLong(m.group(1));
          Duration value =
              switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
              };
          if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
            return value;
          }
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException(
          "expected a duration from "
              + duration(min)
              + " to "
              + duration(max)
              + ": a number with an optional unit ms, s, m, h or d (plain numbers are seconds)");
    };
  }

  static Function<String, Boolean> bool() {
    return text ->
        switch (text.toLowerCase(Locale.ROOT)) {
          case "yes", "true", "on" -> true;
          case "no", "false", "off" -> false;
          default -> throw new IllegalArgumentException("expected yes or no");
        };
  }

  static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
    return text -> {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text)) {
          return constant;
        }
      }
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed
            .append(allowed.length() == 0 ? "" : ", ")
            .append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("expected one of: " + allowed);
    };
  }

  static Function<String, String> host() {
    return text -> {
      if (text.isEmpty() || !text.matches("[A-Za-z0-9.:\\-\\[\\]%]+")) {
        throw new IllegalArgumentException(
            "expected a host name or IP address, such as 127.0.0.1 or 0.0.0.0");
      }
      return text;
    };
  }

  /** A file system path; empty is refused rather than silently meaning the working directory. */
  static Function<String, String> path() {
    return text -> {
      if (text.isEmpty()) {
        throw new IllegalArgumentException("expected a directory path, such as ./data");
      }
      return text;
    };
  }

  /** A byte count in the largest unit that divides it, for messages: 1mb, 64kb, 1000 bytes. */
  static String bytes(long n) {
    if (n != 0 && n % GB == 0) {
      return n / GB + "gb";
    }
    if (n != 0 && n % MB == 0) {
      return n / MB + "mb";
    }
    if (n != 0 && n % KB == 0) {
      return n / KB + "kb";
    }
    return n + " bytes";
  }

  /** A duration in the largest unit that divides it, for messages: 1h, 10ms. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % Duration.ofDays(1).toMillis() == 0) {
      return d.toDays() + "d";
    }
    if (ms != 0 && ms % Duration.ofHours(1).toMillis() == 0) {
      return d.toHours() + "h";
    }
    if (ms != 0 && ms % Duration.ofMinutes(1).toMillis() == 0) {
      return d.toMinutes() + "m";
    }
    if (ms % 1000 == 0) {
      return d.toSeconds() + "s";
    }
    return ms + "ms";
  }
}
