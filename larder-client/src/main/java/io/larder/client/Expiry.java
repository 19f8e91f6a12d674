package io.larder.client;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;

/** Time-to-live arguments: positive durations, rounded up to whole milliseconds. */
final class Expiry {
  private Expiry() {}

  static long millis(Duration ttl, String what) {
    Objects.requireNonNull(ttl, what);
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, was " + ttl);
    }
    long millis = ttl.toMillis();
    return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
  }

  /** {@code SET} arguments: {@code PX} for a time-to-live, none for an entry that never expires. */
  static SetArgs setArgs(Duration ttl) {
    return ttl == null ? new SetArgs() : SetArgs.Builder.px(millis(ttl, "ttl"));
  }
}
