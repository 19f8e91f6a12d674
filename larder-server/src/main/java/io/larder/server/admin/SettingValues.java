package io.larder.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.larder.server.engine.EvictionPolicy;
import io.larder.server.tenant.CacheSettings;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads cache settings from JSON values: sizes ({@code 268435456}, {@code "64mb"}), durations
 * ({@code 1800}, {@code "30m"}), eviction policies and flags. Each failure names the field, the
 * value and what is allowed. (Sizes and durations read like the server's own settings; {@code
 * config.Values} is internal to the configuration, so the few lines are repeated here.)
 */
final class SettingValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|m|mb|g|gb|t|tb)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)?");
  private static final String SIZE_RULE =
      "use a number of bytes, or a number with a unit kb, mb, gb or tb (such as 256mb), of at least"
          + " 1mb";
  private static final String DURATION_RULE =
      "use a number of seconds, or a number with a unit s, m, h or d (such as 30m), from 1s to"
          + " 3650d, or null for none";

  private SettingValues() {}

  /** A size in bytes, as a JSON number or a string with a unit. */
  static long memory(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
      return checkMemory(value.asLong(), value);
    }
    if (value.isTextual()) {
      Matcher m = SIZE.matcher(value.asText().trim().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long unit =
            switch (m.group(2) == null ? "b" : m.group(2)) {
              case "k", "kb" -> 1L << 10;
              case "m", "mb" -> 1L << 20;
              case "g", "gb" -> 1L << 30;
              case "t", "tb" -> 1L << 40;
              default -> 1L;
            };
        try {
          return checkMemory(Math.multiplyExact(Long.parseLong(m.group(1)), unit), value);
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
    }
    throw ApiException.badRequest("memory " + value + " is not a size: " + SIZE_RULE);
  }

  private static long checkMemory(long bytes, JsonNode value) {
    if (bytes < CacheSettings.MIN_MEMORY) {
      throw ApiException.badRequest("memory " + value + " is too small: " + SIZE_RULE);
    }
    return bytes;
  }

  /** A default expiry in seconds, as a JSON number of seconds or a string with a unit. */
  static long defaultTtlSeconds(JsonNode value) {
    long seconds = -1;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      seconds = value.asLong();
    } else if (value.isTextual()) {
      Matcher m = DURATION.matcher(value.asText().trim().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        try {
          long n = Long.parseLong(m.group(1));
          long unit =
              switch (m.group(2) == null ? "s" : m.group(2)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86400;
                default -> 1;
              };
          seconds = Math.multiplyExact(n, unit);
        } catch (ArithmeticException | NumberFormatException e) {
          // reported below
        }
      }
    }
    if (seconds < 1 || seconds > CacheSettings.MAX_TTL_SECONDS) {
      throw ApiException.badRequest("defaultTtl " + value + " is not allowed: " + DURATION_RULE);
    }
    return seconds;
  }

  static EvictionPolicy eviction(JsonNode value) {
    if (value.isTextual()) {
      for (EvictionPolicy policy : EvictionPolicy.values()) {
        if (policy.redisName().equals(value.asText().trim().toLowerCase(Locale.ROOT))) {
          return policy;
        }
      }
    }
    throw ApiException.badRequest(
        "eviction "
            + value
            + " is not a policy: use one of noeviction, allkeys-lru, volatile-lru, allkeys-random,"
            + " volatile-ttl");
  }

  static boolean persistence(JsonNode value) {
    if (!value.isBoolean()) {
      throw ApiException.badRequest("persistence " + value + " is not allowed: use true or false");
    }
    return value.asBoolean();
  }
}
