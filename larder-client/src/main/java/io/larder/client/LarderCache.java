package io.larder.client;

import java.time.Duration;

/**
 * A typed view of a cache: string keys under an optional prefix, values through a {@link Codec}.
 * Get one from {@link LarderClient#cache}; it is thread-safe and cheap, so keep it or make one per
 * use as suits. Every method blocks until the server answers; {@link #async()} has the same
 * operations returning {@link java.util.concurrent.CompletionStage}s.
 *
 * <p>Entries are plain strings on the server, stored under {@code prefix + ":" + key}, so any Redis
 * client can read what a {@link Codecs#strings()} or {@link Codecs#json} cache wrote.
 *
 * <p><b>Failures.</b> {@link LarderConnectionException} when the server cannot be reached or does
 * not answer within the command timeout; get, put, remove and touch are first retried as the client
 * was configured, the other operations never (their outcome would be unknown). {@link
 * CodecException} when a value cannot be encoded or a stored one cannot be decoded. {@link
 * LarderException} when the server refuses a command. Null keys and values are programming errors
 * ({@link NullPointerException}); so are non-positive durations ({@link IllegalArgumentException}).
 *
 * <p><b>Concurrency.</b> Plain puts are last-writer-wins. For read-modify-write, use optimistic
 * concurrency ({@link #getVersioned} then {@link #compareAndPut}) or a lock ({@link #getAndLock}
 * then {@link #putAndUnlock}). Locks are advisory: they exclude other lockers, not plain puts.
 * Compare-and-put and unlocking use {@code WATCH}/{@code MULTI}/{@code EXEC}, so they need a server
 * that supports transactions; taking a lock does not.
 *
 * @param <V> the type of the values
 */
public interface LarderCache<V> {

  /** The value stored under {@code key}, or {@code null} if there is none (or it expired). */
  V get(String key);

  /** Stores {@code value} under {@code key} with no expiry, replacing any value and expiry. */
  void put(String key, V value);

  /** Stores {@code value} under {@code key}, expiring after {@code ttl}; replaces any value. */
  void put(String key, V value, Duration ttl);

  /** Stores {@code value} only if {@code key} has no entry; true if it was stored. No expiry. */
  boolean add(String key, V value);

  /**
   * Stores {@code value} only if {@code key} has no entry, expiring after {@code ttl}; true if it
   * was stored. Of several clients adding the same key at once, exactly one gets true.
   */
  boolean add(String key, V value, Duration ttl);

  /**
   * Removes the entry under {@code key}; true if there was one. After a retry (the connection
   * failed under the first attempt) false may mean that the first attempt removed it.
   */
  boolean remove(String key);

  /** Resets the entry's expiry to {@code ttl} from now; true if the entry exists. */
  boolean touch(String key, Duration ttl);

  /**
   * The value under {@code key} with its version, for {@link #compareAndPut}. An absent entry has a
   * {@code null} value and the version {@link Versioned#ABSENT}.
   */
  Versioned<V> getVersioned(String key);

  /** {@link #compareAndPut(String, long, Object, Duration)} with no expiry. */
  boolean compareAndPut(String key, long expectedVersion, V value);

  /**
   * Stores {@code value} under {@code key}, expiring after {@code ttl}, only if the entry still has
   * {@code expectedVersion} (from {@link #getVersioned}; {@link Versioned#ABSENT} to create an
   * entry only if there is none). Atomic: true if it was stored, false if the entry changed since
   * it was read, in which case read it again and retry if you wish.
   */
  boolean compareAndPut(String key, long expectedVersion, V value, Duration ttl);

  /**
   * Locks the entry and reads it: waits for the lock as long as it stays at most {@code
   * lockTimeout} away, which is also how long this lock lasts if it is not released.
   *
   * @see #getAndLock(String, Duration, Duration)
   */
  Locked<V> getAndLock(String key, Duration lockTimeout);

  /**
   * Locks the entry and reads it. If another holder has the lock, tries again with growing pauses
   * until {@code maxWait} has passed ({@link Duration#ZERO}: one try). The lock expires by itself
   * after {@code lockTimeout} unless released earlier with {@link #putAndUnlock} or {@link
   * #unlock}; the entry may be absent, and the lock is taken all the same.
   *
   * @throws LockTimeoutException if the lock stayed taken for the whole of {@code maxWait}
   */
  Locked<V> getAndLock(String key, Duration lockTimeout, Duration maxWait);

  /** {@link #putAndUnlock(LockHandle, Object, Duration)} with no expiry. */
  boolean putAndUnlock(LockHandle handle, V value);

  /**
   * Stores {@code value} under the handle's key, expiring after {@code ttl}, and releases the lock,
   * in one atomic step, if the handle still holds the lock. False, with nothing stored, if the lock
   * expired meanwhile (another holder may have it now).
   */
  boolean putAndUnlock(LockHandle handle, V value, Duration ttl);

  /**
   * Releases the lock if the handle still holds it; true if it did. A lock that expired and was
   * taken by another holder stays theirs.
   */
  boolean unlock(LockHandle handle);

  /** The same cache, with operations that return at once and complete later. */
  AsyncLarderCache<V> async();
}
