package io.larder.server.tenant;

import io.larder.server.engine.EvictionPolicy;
import io.larder.server.engine.MemoryLimits;
import java.util.concurrent.TimeUnit;

/**
 * What the user chooses for a cache (DESIGN.md D2).
 *
 * @param memoryQuota bytes the cache may hold, at least {@link #MIN_MEMORY}
 * @param eviction what happens at the quota
 * @param defaultTtlSeconds expiry given to keys written without one, or 0 for none
 * @param persistence whether the cache's data survives restarts (needs the server's appendonly)
 */
public record CacheSettings(
    long memoryQuota, EvictionPolicy eviction, long defaultTtlSeconds, boolean persistence) {
  public static final long MIN_MEMORY = 1024 * 1024;
  public static final long DEFAULT_MEMORY = MemoryLimits.DEFAULT.quotaBytes();

  /** Longest default expiry: ten years, far from any overflow of milliseconds. */
  public static final long MAX_TTL_SECONDS = TimeUnit.DAYS.toSeconds(3650);

  public CacheSettings {
    if (memoryQuota < MIN_MEMORY) {
      throw TenantException.invalid(
          "memory must be at least 1mb (" + MIN_MEMORY + " bytes), not " + memoryQuota);
    }
    if (eviction == null) {
      throw TenantException.invalid("eviction is required");
    }
    if (defaultTtlSeconds < 0 || defaultTtlSeconds > MAX_TTL_SECONDS) {
      throw TenantException.invalid(
          "defaultTtl must be from 1 second to 3650 days, or null for none, not "
              + defaultTtlSeconds
              + " seconds");
    }
  }

  /** The settings of a cache created without any: 256 MiB, noeviction, no default expiry. */
  public static CacheSettings defaults(boolean persistence) {
    return new CacheSettings(DEFAULT_MEMORY, MemoryLimits.DEFAULT.policy(), 0, persistence);
  }

  public CacheSettings withMemoryQuota(long bytes) {
    return new CacheSettings(bytes, eviction, defaultTtlSeconds, persistence);
  }

  public CacheSettings withEviction(EvictionPolicy policy) {
    return new CacheSettings(memoryQuota, policy, defaultTtlSeconds, persistence);
  }

  /** With a default expiry of seconds, or none when 0. */
  public CacheSettings withDefaultTtlSeconds(long seconds) {
    return new CacheSettings(memoryQuota, eviction, seconds, persistence);
  }

  public CacheSettings withPersistence(boolean on) {
    return new CacheSettings(memoryQuota, eviction, defaultTtlSeconds, on);
  }

  /** The engine's view of these settings. */
  public MemoryLimits memoryLimits() {
    return new MemoryLimits(memoryQuota, eviction, TimeUnit.SECONDS.toMillis(defaultTtlSeconds));
  }
}
