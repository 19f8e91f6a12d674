package io.larder.server.engine;

/**
 * A keyspace's memory rules: its quota in bytes (as {@link Keyspace#usedMemory} counts them), what
 * happens at the quota, and the expiry given to keys written without one.
 *
 * @param defaultTtlMillis expiry for keys written without one, or 0 for none
 */
public record MemoryLimits(long quotaBytes, EvictionPolicy policy, long defaultTtlMillis) {
  public MemoryLimits {
    if (quotaBytes <= 0) {
      throw new IllegalArgumentException("the memory quota must be positive");
    }
    if (defaultTtlMillis < 0) {
      throw new IllegalArgumentException("the default expiry cannot be negative");
    }
  }

  /** The limits of a cache nobody configured: 256 MiB, no eviction, no default expiry. */
  public static final MemoryLimits DEFAULT =
      new MemoryLimits(256L * 1024 * 1024, EvictionPolicy.NOEVICTION, 0);
}
