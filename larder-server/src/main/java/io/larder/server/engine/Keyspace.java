package io.larder.server.engine;

import java.util.List;
import java.util.function.Supplier;

/**
 * The storage boundary: one cache's keys and values. Commands go through this interface only, so
 * the engine behind it stays replaceable.
 *
 * <p>Reads of one key never block. Writes to one key are serialized; {@link #exclusive} holds off
 * every other write for commands that touch several keys at once (RENAME, MSETNX, FLUSHDB, EXEC),
 * and {@link #shared} holds off those for commands that read several keys (MGET), so a read never
 * sees a multi-key write half applied.
 */
public interface Keyspace {
  /**
   * The live value at key, or null when absent or expired. Counts as an access of the key for LRU
   * eviction (as Redis's lookups for commands do).
   */
  StoredValue get(ByteKey key);

  /**
   * Like {@link #get}, without counting as an access: for walks over many keys (SCAN, snapshots)
   * that must not make every key look recently used.
   */
  StoredValue peek(ByteKey key);

  /** Stores value at key unconditionally (the fast path of a plain SET). */
  void put(ByteKey key, StoredValue value);

  /** Applies an atomic read-modify-write to one key; changes are journaled. */
  <R> R update(ByteKey key, KeyUpdate<R> update);

  /**
   * Runs a multi-key operation with all other writes in this keyspace held off. May be nested. Its
   * changes are journaled as one group, which a replay applies whole or not at all.
   */
  <R> R exclusive(Supplier<R> operation);

  /**
   * Runs a read of several keys with no {@link #exclusive} operation in progress, so that it sees
   * each one whole or not at all, as Redis's single thread would (MGET, EXISTS of several keys).
   * Holds off exclusive operations while it runs, not single-key writes: it is not a snapshot, and
   * a read racing {@code SET a} then {@code SET b} may see the new b with the old a. May be called
   * inside an exclusive operation, but read must not start one: it would wait for itself. A read of
   * one key needs none of this.
   */
  <R> R shared(Supplier<R> read);

  /**
   * Watches key for watch (WATCH): from now on a write, deletion, eviction or flush of key, or its
   * present time to live running out, makes {@link KeyWatch#changed} true. A key already expired
   * counts as absent.
   */
  void watch(ByteKey key, KeyWatch watch);

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

  /** Estimated heap bytes held by keys and values (see {@code MemoryAccount} for what counts). */
  long usedMemory();

  /** The memory quota, eviction policy and default expiry in force. */
  MemoryLimits limits();

  /**
   * Brings usage within the quota if it is over it, evicting keys as the policy says, and answers
   * whether it now is. False means a command that needs memory must be refused with -OOM: the
   * policy is {@code noeviction}, or no key qualifies for eviction. Writes call this themselves
   * once they have committed; the dispatcher calls it before commands flagged {@code denyoom}, as
   * Redis's performEvictions runs before a command.
   */
  boolean freeMemoryIfNeeded();

  /** Milliseconds since the epoch, as this keyspace sees time (for expiry decisions). */
  long now();
}
