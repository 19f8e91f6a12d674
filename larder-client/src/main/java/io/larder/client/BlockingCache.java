package io.larder.client;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The blocking face of a cache: each method waits for its asynchronous twin. Every stage it waits
 * for is bounded (command, connect and lock-wait limits), so no wait here is open-ended.
 */
final class BlockingCache<V> implements LarderCache<V> {
  private final AsyncLarderCache<V> async;

  BlockingCache(AsyncLarderCache<V> async) {
    this.async = async;
  }

  @Override
  public V get(String key) {
    return await(async.get(key));
  }

  @Override
  public void put(String key, V value) {
    await(async.put(key, value));
  }

  @Override
  public void put(String key, V value, Duration ttl) {
    await(async.put(key, value, ttl));
  }

  @Override
  public boolean add(String key, V value) {
    return await(async.add(key, value));
  }

  @Override
  public boolean add(String key, V value, Duration ttl) {
    return await(async.add(key, value, ttl));
  }

  @Override
  public boolean remove(String key) {
    return await(async.remove(key));
  }

  @Override
  public boolean touch(String key, Duration ttl) {
    return await(async.touch(key, ttl));
  }

  @Override
  public Versioned<V> getVersioned(String key) {
    return await(async.getVersioned(key));
  }

  @Override
  public boolean compareAndPut(String key, long expectedVersion, V value) {
    return await(async.compareAndPut(key, expectedVersion, value));
  }

  @Override
  public boolean compareAndPut(String key, long expectedVersion, V value, Duration ttl) {
    return await(async.compareAndPut(key, expectedVersion, value, ttl));
  }

  @Override
  public Locked<V> getAndLock(String key, Duration lockTimeout) {
    return await(async.getAndLock(key, lockTimeout));
  }

  @Override
  public Locked<V> getAndLock(String key, Duration lockTimeout, Duration maxWait) {
    return await(async.getAndLock(key, lockTimeout, maxWait));
  }

  @Override
  public boolean putAndUnlock(LockHandle handle, V value) {
    return await(async.putAndUnlock(handle, value));
  }

  @Override
  public boolean putAndUnlock(LockHandle handle, V value, Duration ttl) {
    return await(async.putAndUnlock(handle, value, ttl));
  }

  @Override
  public boolean unlock(LockHandle handle) {
    return await(async.unlock(handle));
  }

  @Override
  public AsyncLarderCache<V> async() {
    return async;
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LarderException("interrupted while waiting for the cache", e);
    } catch (ExecutionException e) {
      Throwable cause = Failures.unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new LarderException("cache operation failed: " + cause, cause);
    }
  }
}
