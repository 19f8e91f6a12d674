package io.larder.server.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cache's recent activity: the command rate over the last {@link #RATE_WINDOW_SECONDS} seconds,
 * and one {@link CacheSample} every {@link #HISTORY_INTERVAL_SECONDS} seconds for the last {@link
 * #HISTORY_MINUTES} minutes (what the portal charts).
 *
 * <p>The {@link ActivityRecorder} calls {@link #sample} about once a second. Two rings keep this
 * bounded: the command totals of the last few samples (for the rate, measured on the monotonic
 * clock) and the history. Readers and the recorder synchronize on this object; both sides do little
 * work under the lock.
 */
public final class CacheActivity {
  public static final int RATE_WINDOW_SECONDS = 5;
  public static final int HISTORY_INTERVAL_SECONDS = 5;
  public static final int HISTORY_MINUTES = 15;
  private static final int HISTORY_SIZE = HISTORY_MINUTES * 60 / HISTORY_INTERVAL_SECONDS;
  private static final long HISTORY_INTERVAL_NANOS =
      TimeUnit.SECONDS.toNanos(HISTORY_INTERVAL_SECONDS);

  // The last RATE_WINDOW_SECONDS + 1 command totals, oldest at rateStart.
  private final long[] rateNanos = new long[RATE_WINDOW_SECONDS + 1];
  private final long[] rateCommands = new long[RATE_WINDOW_SECONDS + 1];
  private int rateStart;
  private int rateCount;

  private final CacheSample[] history = new CacheSample[HISTORY_SIZE];
  private int historyStart;
  private int historyCount;
  private long lastHistoryNanos;

  /**
   * Records the figures of tenant now.
   *
   * @param clients connections authenticated to the tenant
   * @param wallMillis the time to show (epoch milliseconds)
   * @param nanos the monotonic clock ({@link System#nanoTime}), for rates
   */
  synchronized void sample(Tenant tenant, int clients, long wallMillis, long nanos) {
    int slot = (rateStart + rateCount) % rateNanos.length;
    if (rateCount == rateNanos.length) {
      rateStart = (rateStart + 1) % rateNanos.length;
    } else {
      rateCount++;
    }
    rateNanos[slot] = nanos;
    rateCommands[slot] = tenant.stats().commands.sum();

    // A little slack, so a tick that comes a few milliseconds early does not skip an interval.
    if (historyCount == 0 || nanos - lastHistoryNanos >= HISTORY_INTERVAL_NANOS * 9 / 10) {
      lastHistoryNanos = nanos;
      CacheStats stats = tenant.stats();
      CacheSample sample =
          new CacheSample(
              wallMillis,
              opsPerSecond(),
              stats.hits.sum(),
              stats.misses.sum(),
              tenant.keyspace().usedMemory(),
              tenant.keyspace().size(),
              clients,
              stats.evictedKeys.sum(),
              stats.expiredKeys.sum());
      history[(historyStart + historyCount) % HISTORY_SIZE] = sample;
      if (historyCount == HISTORY_SIZE) {
        historyStart = (historyStart + 1) % HISTORY_SIZE;
      } else {
        historyCount++;
      }
    }
  }

  /** Commands per second over the last few seconds; 0 until two samples were taken. */
  public synchronized double opsPerSecond() {
    if (rateCount < 2) {
      return 0.0;
    }
    int newest = (rateStart + rateCount - 1) % rateNanos.length;
    long nanos = rateNanos[newest] - rateNanos[rateStart];
    long commands = rateCommands[newest] - rateCommands[rateStart];
    return nanos <= 0 ? 0.0 : commands * 1e9 / nanos;
  }

  /** The samples of the last 15 minutes, oldest first. */
  public synchronized List<CacheSample> history() {
    List<CacheSample> samples = new ArrayList<>(historyCount);
    for (int i = 0; i < historyCount; i++) {
      samples.add(history[(historyStart + i) % HISTORY_SIZE]);
    }
    return samples;
  }
}
