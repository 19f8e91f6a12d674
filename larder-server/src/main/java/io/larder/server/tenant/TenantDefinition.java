package io.larder.server.tenant;

/** What {@code caches.json} keeps of a cache. */
record TenantDefinition(String name, long createdAt, String primaryKey, String secondaryKey) {
  static TenantDefinition create(String name, long createdAt) {
    return new TenantDefinition(
        name, createdAt, AccessKey.generate().text(), AccessKey.generate().text());
  }

  TenantDefinition withPrimaryKey(String key) {
    return new TenantDefinition(name, createdAt, key, secondaryKey);
  }
}
