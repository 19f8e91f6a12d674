package io.larder.server.engine;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Chooses the keys to evict when a keyspace is over its quota. Like Redis, it approximates the
 * policy by sampling: it looks at a few keys and evicts the best of them, and keeps no ordered
 * structure that every read would have to update.
 *
 * <p>Redis samples 5 random keys. Infinispan has no random access, so a sample here is the next
 * {@link #SAMPLE_SIZE} entries of one long-lived walk over the cache, continued where the previous
 * sample stopped and restarted when it reaches the end. Every key is therefore looked at once per
 * lap, and the walk costs nothing per write. Among the sampled entries the policy may take (for
 * {@code volatile-*} only keys with an expiry) the victim is:
 *
 * <ul>
 *   <li>{@code allkeys-lru}, {@code volatile-lru}: the one with the oldest {@link
 *       StoredValue#lastAccess};
 *   <li>{@code volatile-ttl}: the one with the nearest expiry;
 *   <li>{@code allkeys-random}: one chosen uniformly at random (the walk's order is the hash
 *       table's, unrelated to when keys were written or read).
 * </ul>
 *
 * An entry already past its expiry is taken before any live one: removing it frees memory without
 * evicting data anyone can still read (the walk includes entries Infinispan's reaper has not
 * reclaimed yet; the keyspace reclaims them as expired, not evicted). When a whole lap finds
 * nothing the policy may take, there is nothing to evict and {@link #next} answers null (Redis then
 * refuses the write with -OOM).
 *
 * <p>Not thread-safe: the keyspace calls it under its eviction lock. The walk is weakly consistent
 * (Infinispan's data container iterates a concurrent map), so keys written or removed meanwhile may
 * or may not be seen; a victim is re-checked under its key's lock before it is removed.
 */
final class EvictionSampler {
  static final int SAMPLE_SIZE = 16;

  private final Supplier<? extends Iterator<? extends Map.Entry<ByteKey, StoredValue>>> walk;
  private Iterator<? extends Map.Entry<ByteKey, StoredValue>> cursor;

  /**
   * @param walk starts a new walk over the keyspace's entries
   */
  EvictionSampler(Supplier<? extends Iterator<? extends Map.Entry<ByteKey, StoredValue>>> walk) {
    this.walk = walk;
  }

  /**
   * The next key to evict under policy, or null when none of about keyCount entries (a whole lap)
   * qualifies or the keyspace is empty.
   */
  Map.Entry<ByteKey, StoredValue> next(EvictionPolicy policy, long nowMillis, long keyCount) {
    long budget = keyCount + SAMPLE_SIZE;
    long looked = 0;
    while (looked < budget) {
      Map.Entry<ByteKey, StoredValue> best = null;
      int candidates = 0;
      boolean restarted = false;
      for (int sampled = 0; sampled < SAMPLE_SIZE; sampled++) {
        if (cursor == null || !cursor.hasNext()) {
          if (restarted) {
            break; // fewer keys than a sample: each was seen once
          }
          cursor = walk.get();
          restarted = true;
          if (!cursor.hasNext()) {
            return null;
          }
        }
        Map.Entry<ByteKey, StoredValue> entry = cursor.next();
        looked++;
        StoredValue value = entry.getValue();
        if (value == null) {
          continue;
        }
        if (value.isExpiredAt(nowMillis)) {
          return entry;
        }
        if (policy.volatileOnly() && !value.hasExpiry()) {
          continue;
        }
        candidates++;
        if (best == null || better(policy, value, best.getValue(), candidates)) {
          best = entry;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  /** Whether value is a better victim than best, the candidates-th eligible entry of a sample. */
  private static boolean better(
      EvictionPolicy policy, StoredValue value, StoredValue best, int candidates) {
    return switch (policy) {
      case ALLKEYS_LRU, VOLATILE_LRU -> value.lastAccess < best.lastAccess;
      case VOLATILE_TTL -> value.expireAt() < best.expireAt();
      // reservoir sampling: each eligible entry of the sample ends up chosen with equal chance
      case ALLKEYS_RANDOM -> ThreadLocalRandom.current().nextInt(candidates) == 0;
      case NOEVICTION -> throw new IllegalStateException("noeviction evicts nothing");
    };
  }
}
