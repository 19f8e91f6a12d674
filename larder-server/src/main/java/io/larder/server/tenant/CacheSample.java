package io.larder.server.tenant;

/**
 * A cache's figures at one moment. Counters (hits, misses, evictions, expirations) are totals since
 * the server started; a chart shows rates as differences between consecutive samples.
 *
 * @param at epoch milliseconds
 * @param opsPerSecond commands per second over the seconds before the sample
 */
public record CacheSample(
    long at,
    double opsPerSecond,
    long hits,
    long misses,
    long usedMemory,
    long keys,
    int connectedClients,
    long evictedKeys,
    long expiredKeys) {}
