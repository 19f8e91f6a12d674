package io.larder.client;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The operations of {@link LarderCache}, returning at once. Each stage completes with the result
 * the blocking method returns, or exceptionally with the exception it throws (a {@link
 * LarderException}); stages complete on the client's I/O threads, so do not block in their
 * callbacks. Argument errors (null key or value, non-positive duration) are thrown at the call.
 *
 * @param <V> the type of the values
 */
public interface AsyncLarderCache<V> {

  /** See {@link LarderCache#get}. */
  CompletionStage<V> get(String key);

  /** See {@link LarderCache#put(String, Object)}. */
  CompletionStage<Void> put(String key, V value);

  /** See {@link LarderCache#put(String, Object, Duration)}. */
  CompletionStage<Void> put(String key, V value, Duration ttl);

  /** See {@link LarderCache#add(String, Object)}. */
  CompletionStage<Boolean> add(String key, V value);

  /** See {@link LarderCache#add(String, Object, Duration)}. */
  CompletionStage<Boolean> add(String key, V value, Duration ttl);

  /** See {@link LarderCache#remove}. */
  CompletionStage<Boolean> remove(String key);

  /** See {@link LarderCache#touch}. */
  CompletionStage<Boolean> touch(String key, Duration ttl);

  /** See {@link LarderCache#getVersioned}. */
  CompletionStage<Versioned<V>> getVersioned(String key);

  /** See {@link LarderCache#compareAndPut(String, long, Object)}. */
  CompletionStage<Boolean> compareAndPut(String key, long expectedVersion, V value);

  /** See {@link LarderCache#compareAndPut(String, long, Object, Duration)}. */
  CompletionStage<Boolean> compareAndPut(String key, long expectedVersion, V value, Duration ttl);

  /** See {@link LarderCache#getAndLock(String, Duration)}. */
  CompletionStage<Locked<V>> getAndLock(String key, Duration lockTimeout);

  /** See {@link LarderCache#getAndLock(String, Duration, Duration)}. */
  CompletionStage<Locked<V>> getAndLock(String key, Duration lockTimeout, Duration maxWait);

  /** See {@link LarderCache#putAndUnlock(LockHandle, Object)}. */
  CompletionStage<Boolean> putAndUnlock(LockHandle handle, V value);

  /** See {@link LarderCache#putAndUnlock(LockHandle, Object, Duration)}. */
  CompletionStage<Boolean> putAndUnlock(LockHandle handle, V value, Duration ttl);

  /** See {@link LarderCache#unlock}. */
  CompletionStage<Boolean> unlock(LockHandle handle);
}
