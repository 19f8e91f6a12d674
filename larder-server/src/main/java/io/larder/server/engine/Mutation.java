package io.larder.server.engine;

/**
 * One key, opened for change inside {@link Keyspace#update}. Every change made here is applied
 * atomically when the update returns and is recorded in the keyspace's {@link Journal}.
 */
public interface Mutation {
  ByteKey key();

  /** The live value, or null when the key is absent or expired. */
  StoredValue current();

  /** Replaces the whole value, including its expiry. */
  void set(StoredValue value);

  void delete();

  /**
   * Sets one field of the hash at this key, creating the hash when the key is absent. The caller
   * has checked that the key holds a hash. Returns true when the field is new.
   */
  boolean setField(byte[] field, byte[] value);

  /** Removes one hash field; the key goes when its last field does. Returns true if removed. */
  boolean deleteField(byte[] field);

  /** Sets the absolute expiry of the present value, or {@link StoredValue#NO_EXPIRY}. */
  void expireAt(long expireAt);
}
