package io.larder.server.engine;

/**
 * A value held under a key, with its absolute expiry time.
 *
 * <p>{@code expireAt} is epoch milliseconds, or {@link #NO_EXPIRY}. Values are immutable wrappers:
 * changing the expiry makes a new wrapper around the same contents.
 */
public sealed interface StoredValue permits StringValue, HashValue {
  long NO_EXPIRY = 0;

  long expireAt();

  StoredValue withExpireAt(long expireAt);

  /** The Redis type name, as {@code TYPE} answers it. */
  String typeName();

  /** An estimate of the heap bytes this value holds, for memory accounting. */
  long weight();

  default boolean hasExpiry() {
    return expireAt() != NO_EXPIRY;
  }

  default boolean isExpiredAt(long nowMillis) {
    long at = expireAt();
    return at != NO_EXPIRY && at <= nowMillis;
  }
}
