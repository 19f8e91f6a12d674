package io.larder.server.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The coarse clock that stamps a key's last access (for LRU eviction): epoch milliseconds, advanced
 * every {@link #RESOLUTION_MILLIS} by one daemon thread for the whole process.
 *
 * <p>Why not read the system clock on every read: reads of keys without an expiry need no time at
 * all, and a GET is the hottest path. A volatile field costs one load; Redis does the same with its
 * cached LRU clock (at a resolution of one second; LRU needs an order, not a time).
 */
final class AccessClock {
  static final long RESOLUTION_MILLIS = 10;

  /** The process-wide clock the server uses. */
  static final AccessClock SHARED = ticking();

  private volatile long millis;

  private AccessClock(long millis) {
    this.millis = millis;
  }

  /** A clock that only moves when told to, for tests. */
  static AccessClock manual(long millis) {
    return new AccessClock(millis);
  }

  private static AccessClock ticking() {
    AccessClock clock = new AccessClock(System.currentTimeMillis());
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "larder-access-clock");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleAtFixedRate(
        () -> clock.millis = System.currentTimeMillis(),
        RESOLUTION_MILLIS,
        RESOLUTION_MILLIS,
        TimeUnit.MILLISECONDS);
    return clock;
  }

  long now() {
    return millis;
  }

  /** Moves a manual clock. */
  void set(long millis) {
    this.millis = millis;
  }
}
