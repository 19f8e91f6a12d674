package io.larder.server.engine;

import java.util.Locale;

/** What a cache does when a write would take it past its memory quota (Redis's meanings). */
public enum EvictionPolicy {
  /** Refuse writes that need memory; reads and deletes keep working. */
  NOEVICTION,
  /** Evict the least recently used keys, any key. */
  ALLKEYS_LRU,
  /** Evict the least recently used keys among those with an expiry. */
  VOLATILE_LRU,
  /** Evict random keys. */
  ALLKEYS_RANDOM,
  /** Evict the keys closest to expiring, among those with an expiry. */
  VOLATILE_TTL;

  /** The Redis name, e.g. {@code allkeys-lru}. */
  public String redisName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether only keys with an expiry may be evicted. */
  public boolean volatileOnly() {
    return this == VOLATILE_LRU || this == VOLATILE_TTL;
  }

  /**
   * Parses a Redis name such as {@code volatile-ttl}; throws IllegalArgumentException naming the
   * choices.
   */
  public static EvictionPolicy parse(String text) {
    for (EvictionPolicy policy : values()) {
      if (policy.redisName().equalsIgnoreCase(text.trim())) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "unknown eviction policy '"
            + text
            + "'; expected one of noeviction, allkeys-lru, volatile-lru, allkeys-random, volatile-ttl");
  }
}
