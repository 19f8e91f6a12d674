package io.larder.server.cli;

import java.util.Locale;

/**
 * Sizes and durations as people read them, in the units {@code larder} accepts: sizes in 1024-based
 * B, KB, MB, GB, TB (as {@code --memory 256mb} means 256 × 1024²), durations in d, h, m, s.
 */
final class HumanUnits {
  private static final String[] SIZE_UNITS = {"B", "KB", "MB", "GB", "TB"};

  private HumanUnits() {}

  /** {@code 512 B}, {@code 12.3 KB}, {@code 256 MB}, {@code 1.5 GB}: one decimal, none if 0. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    int unit = 0;
    double value = bytes;
    // Rounding to one decimal may reach 1024.0 (1048575 bytes is 1024.0 KB): then take the next.
    while (unit < SIZE_UNITS.length - 1 && Math.round(value * 10) >= 1024 * 10) {
      value /= 1024;
      unit++;
    }
    String number = String.format(Locale.ROOT, "%.1f", value);
    if (number.endsWith(".0")) {
      number = number.substring(0, number.length() - 2);
    }
    return number + " " + SIZE_UNITS[unit];
  }

  /**
   * A whole number of seconds in the largest units that add up to it, as {@code --default-ttl}
   * takes them: {@code 30m}, {@code 1h30m}, {@code 1d}, {@code 45s}; {@code 0s} for zero.
   */
  static String seconds(long seconds) {
    if (seconds == 0) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long rest = seconds;
    long[] sizes = {86_400, 3600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (rest >= sizes[i]) {
        text.append(rest / sizes[i]).append(units[i]);
        rest %= sizes[i];
      }
    }
    return text.toString();
  }
}
