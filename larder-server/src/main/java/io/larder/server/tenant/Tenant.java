package io.larder.server.tenant;

import io.larder.server.engine.Keyspace;
import io.larder.server.pubsub.CachePubSub;

/**
 * A named cache: its access keys, settings, keyspace and counters. Keys and settings change only
 * through the {@link TenantRegistry}; everything here may be read from any thread.
 */
public final class Tenant {
  private final String name;
  private final long createdAt;
  private final Keyspace keyspace;
  private final CacheStats stats = new CacheStats();
  private final CacheActivity activity = new CacheActivity();
  private final CachePubSub pubsub = new CachePubSub();
  private volatile AccessKey primaryKey;
  private volatile AccessKey secondaryKey;
  private volatile CacheSettings settings;
  private volatile boolean persistent;
  private volatile boolean live = true;

  Tenant(
      String name,
      long createdAt,
      AccessKey primaryKey,
      AccessKey secondaryKey,
      CacheSettings settings,
      Keyspace keyspace) {
    this.name = name;
    this.createdAt = createdAt;
    this.primaryKey = primaryKey;
    this.secondaryKey = secondaryKey;
    this.settings = settings;
    this.keyspace = keyspace;
  }

  public String name() {
    return name;
  }

  /** When the cache was created, in epoch milliseconds. */
  public long createdAt() {
    return createdAt;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public CacheStats stats() {
    return stats;
  }

  /** The cache's pub/sub channels and keyspace notifications. */
  public CachePubSub pubsub() {
    return pubsub;
  }

  /** Recent figures (ops/s and a 15-minute history), sampled by the {@link ActivityRecorder}. */
  public CacheActivity activity() {
    return activity;
  }

  public AccessKey primaryKey() {
    return primaryKey;
  }

  public AccessKey secondaryKey() {
    return secondaryKey;
  }

  public AccessKey key(KeySlot slot) {
    return slot == KeySlot.PRIMARY ? primaryKey : secondaryKey;
  }

  public CacheSettings settings() {
    return settings;
  }

  /** Whether the data is journaled now: the setting, if the server runs with persistence at all. */
  public boolean persistent() {
    return persistent;
  }

  /** False once the cache has been deleted. */
  public boolean live() {
    return live;
  }

  /**
   * The login password gives, or null. Both keys are always compared, so the time taken does not
   * reveal which key (if any) matched.
   */
  public Login login(byte[] password) {
    AccessKey primary = primaryKey;
    AccessKey secondary = secondaryKey;
    boolean primaryMatches = primary.matches(password);
    boolean secondaryMatches = secondary.matches(password);
    if (primaryMatches) {
      return new Login(this, KeySlot.PRIMARY, primary);
    }
    return secondaryMatches ? new Login(this, KeySlot.SECONDARY, secondary) : null;
  }

  /** Checks a password against both keys, in time independent of which matched. */
  public boolean accepts(byte[] password) {
    return login(password) != null;
  }

  void key(KeySlot slot, AccessKey key) {
    if (slot == KeySlot.PRIMARY) {
      primaryKey = key;
    } else {
      secondaryKey = key;
    }
  }

  void settings(CacheSettings settings) {
    this.settings = settings;
  }

  void persistent(boolean persistent) {
    this.persistent = persistent;
  }

  void markDeleted() {
    live = false;
  }

  @Override
  public String toString() {
    return "Tenant[" + name + "]";
  }
}
