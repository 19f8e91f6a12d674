package io.larder.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for setting values; each failure message says what is allowed. */
final class Values {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

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

  /** A size such as {@code 512mb}, {@code 64kb}, {@code 1gb} or plain bytes. */
  static Function<String, Long> size(long min, long max) {
    return text -> {
      Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        try {
          long unit =
              switch (m.group(2) == null ? "b" : m.group(2)) {
                case "k", "kb" -> 1024L;
                case "m", "mb" -> 1024L * 1024;
                case "g", "gb" -> 1024L * 1024 * 1024;
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
      throw new IllegalArgumentException(
          "expected a size from " + min + " to " + max + " bytes, such as 64kb, 512mb or 1gb");
    };
  }

  /** A duration such as {@code 500ms}, {@code 1s}, {@code 30m}; plain numbers are seconds. */
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
              + min.toMillis()
              + "ms to "
              + max.toSeconds()
              + "s, such as 500ms, 1s or 30m");
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

  static Function<String, String> text() {
    return text -> text;
  }
}
