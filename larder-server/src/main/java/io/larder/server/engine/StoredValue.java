package io.larder.server.engine;

/**
 * A value held under a key, with its absolute expiry time.
 *
 * <p>{@code expireAt} is epoch milliseconds, or {@link #NO_EXPIRY}. Wrappers never change their
 * expiry: changing it makes a new wrapper around the same contents.
 *
 * <p>Each wrapper also carries the time the key was last read or written ({@link #lastAccess}), the
 * clock that LRU eviction compares. Only the engine sets it, on every {@link Keyspace#get} and
 * every store; it is a plain field, so a reader on another thread may see a slightly stale time.
 * Eviction is an approximation anyway, so that race is harmless, and a plain field keeps reads free
 * of barriers and locks. A wrapper made by {@link #withExpireAt} starts with no access time; the
 * engine stamps it when it stores it.
 */
public abstract sealed class StoredValue permits StringValue, HashValue {
  public static final long NO_EXPIRY = 0;

  private final long expireAt;

  /** Epoch milliseconds of the last read or write through the keyspace; 0 before it is stored. */
  long lastAccess;

  StoredValue(long expireAt) {
    this.expireAt = expireAt;
  }

  public final long expireAt() {
    return expireAt;
  }

  public abstract StoredValue withExpireAt(long expireAt);

  /** The Redis type name, as {@code TYPE} answers it. */
  public abstract String typeName();

  /** An estimate of the heap bytes this value holds, for memory accounting. */
  public abstract long weight();

  /** Heap bytes of a byte array of length bytes: a 16-byte header, rounded up to 8 bytes. */
  static long arrayBytes(int length) {
    return (16L + length + 7) & ~7L;
  }

  public final boolean hasExpiry() {
    return expireAt != NO_EXPIRY;
  }

  public final boolean isExpiredAt(long nowMillis) {
    return expireAt != NO_EXPIRY && expireAt <= nowMillis;
  }

  /**
   * Records an access at nowMillis. Written only when the time moved on, so a key read by many
   * threads at once is written about once per millisecond, not once per read.
   */
  final void touch(long nowMillis) {
    if (lastAccess != nowMillis) {
      lastAccess = nowMillis;
    }
  }
}
