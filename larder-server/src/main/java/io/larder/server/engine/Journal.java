package io.larder.server.engine;

/**
 * Where a {@link Keyspace} records its changes so they can be replayed after a restart.
 *
 * <p>Every record is a state assignment (a whole value, a field, an absolute expiry), never a
 * relative operation such as an increment: replaying a record twice, or on top of a snapshot that
 * already contains it, gives the same state. That is what lets the log be compacted while writes go
 * on.
 *
 * <p>Implementations are called under the key's update lock, so records of one key arrive in the
 * order the changes were made.
 */
public interface Journal {
  /** A journal that records nothing, for caches without persistence. */
  Journal NONE = new Journal() {};

  default void set(ByteKey key, StoredValue value) {}

  default void delete(ByteKey key) {}

  default void setField(ByteKey key, byte[] field, byte[] value) {}

  default void deleteField(ByteKey key, byte[] field) {}

  /** A new absolute expiry, or {@link StoredValue#NO_EXPIRY} to persist the key. */
  default void expireAt(ByteKey key, long expireAt) {}

  default void clear() {}

  /**
   * Opens a group: the records that follow, up to the matching {@link #endGroup}, are one change
   * that a replay applies whole or not at all (an EXEC, a multi-key command). Groups nest; only the
   * outermost counts. The keyspace opens groups while it holds every other write off, so one group
   * is open at a time.
   */
  default void beginGroup() {}

  /** Closes the group opened by the matching {@link #beginGroup}. */
  default void endGroup() {}
}
