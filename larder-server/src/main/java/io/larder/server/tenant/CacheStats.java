package io.larder.server.tenant;

import java.util.concurrent.atomic.LongAdder;

/** Running counters of one cache, as INFO stats reports them. */
public final class CacheStats {
  public final LongAdder commands = new LongAdder();
  public final LongAdder hits = new LongAdder();
  public final LongAdder misses = new LongAdder();
  public final LongAdder expiredKeys = new LongAdder();
  public final LongAdder evictedKeys = new LongAdder();

  public void lookup(boolean hit) {
    (hit ? hits : misses).increment();
  }
}
