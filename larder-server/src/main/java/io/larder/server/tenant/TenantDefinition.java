package io.larder.server.tenant;

import io.larder.server.engine.EvictionPolicy;

/**
 * What {@code caches.json} keeps of a cache. The settings are boxed because files written before
 * caches had settings lack them; {@link #settings} fills in the defaults.
 */
record TenantDefinition(
    String name,
    long createdAt,
    String primaryKey,
    String secondaryKey,
    Long memoryQuota,
    String eviction,
    Long defaultTtlSeconds,
    Boolean persistence) {

  static TenantDefinition of(Tenant tenant, CacheSettings settings) {
    return new TenantDefinition(
        tenant.name(),
        tenant.createdAt(),
        tenant.primaryKey().text(),
        tenant.secondaryKey().text(),
        settings.memoryQuota(),
        settings.eviction().redisName(),
        settings.defaultTtlSeconds(),
        settings.persistence());
  }

  static TenantDefinition create(String name, long createdAt, CacheSettings settings) {
    return new TenantDefinition(
        name,
        createdAt,
        AccessKey.generate().text(),
        AccessKey.generate().text(),
        settings.memoryQuota(),
        settings.eviction().redisName(),
        settings.defaultTtlSeconds(),
        settings.persistence());
  }

  /**
   * The settings this definition holds, defaults for those it lacks.
   *
   * @param persistenceDefault persistence for definitions that do not say
   */
  CacheSettings settings(boolean persistenceDefault) {
    CacheSettings defaults = CacheSettings.defaults(persistenceDefault);
    return new CacheSettings(
        memoryQuota == null ? defaults.memoryQuota() : memoryQuota,
        eviction == null ? defaults.eviction() : EvictionPolicy.parse(eviction),
        defaultTtlSeconds == null ? 0 : defaultTtlSeconds,
        persistence == null ? persistenceDefault : persistence);
  }

  TenantDefinition withPrimaryKey(String key) {
    return new TenantDefinition(
        name, createdAt, key, secondaryKey, memoryQuota, eviction, defaultTtlSeconds, persistence);
  }

  TenantDefinition withSecondaryKey(String key) {
    return new TenantDefinition(
        name, createdAt, primaryKey, key, memoryQuota, eviction, defaultTtlSeconds, persistence);
  }
}
