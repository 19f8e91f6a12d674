package io.larder.server.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * The storage boundary: one cache's keys and values. Commands go through this interface only, so
 * the engine behind it stays replaceable.
 *
 * <p>Reads never block. Writes to one key are serialized; {@link #exclusive} holds off every other
 * write for commands that touch several keys at once (RENAME, MSETNX, FLUSHDB).
 */
public interface Keyspace {
  /** The live value at key, or null when absent or expired. */
  StoredValue get(ByteKey key);

  /** Stores value at key unconditionally (the fast path of a plain SET). */
  void put(ByteKey key, StoredValue value);

  /** Applies an atomic read-modify-write to one key; changes are journaled. */
  <R> R update(ByteKey key, KeyUpdate<R> update);

  /** Runs a multi-key operation with all other writes in this keyspace held off. */
  <R> R exclusive(Supplier<R> operation);

  /** Number of keys, counting expired keys not yet reclaimed (what Redis's DBSIZE counts). */
  long size();

  /** Number of live keys that have an expiry. Walks the keyspace. */
  long countWithExpiry();

  /** Removes every key. */
  void clear();

  /** A weakly consistent copy of the live keys, for KEYS and SCAN. */
  List<ByteKey> keys();

  /** A random live key, or null when the keyspace is empty. */
  ByteKey randomKey();

  /** Estimated heap bytes held by keys and values. */
  long usedMemory();

  /** Milliseconds since the epoch, as this keyspace sees time (for expiry decisions). */
  long now();
}
