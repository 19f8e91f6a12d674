package io.larder.server.tenant;

import io.larder.server.engine.Keyspace;

/** A named cache: its access keys, its keyspace and its counters. */
public final class Tenant {
  private final String name;
  private final long createdAt;
  private final Keyspace keyspace;
  private final CacheStats stats = new CacheStats();
  private volatile AccessKey primaryKey;
  private volatile AccessKey secondaryKey;

  public Tenant(
      String name,
      long createdAt,
      AccessKey primaryKey,
      AccessKey secondaryKey,
      Keyspace keyspace) {
    this.name = name;
    this.createdAt = createdAt;
    this.primaryKey = primaryKey;
    this.secondaryKey = secondaryKey;
    this.keyspace = keyspace;
  }

  public String name() {
    return name;
  }

  public long createdAt() {
    return createdAt;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public CacheStats stats() {
    return stats;
  }

  public AccessKey primaryKey() {
    return primaryKey;
  }

  public AccessKey secondaryKey() {
    return secondaryKey;
  }

  /**
   * Checks a password against both keys. Both comparisons always run, so the time taken does not
   * reveal which key (if any) matched.
   */
  public boolean accepts(byte[] password) {
    boolean primary = primaryKey.matches(password);
    boolean secondary = secondaryKey.matches(password);
    return primary | secondary;
  }
}
