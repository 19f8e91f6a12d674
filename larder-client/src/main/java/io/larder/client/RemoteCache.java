package io.larder.client;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The cache operations, asynchronous: keys prefixed, values through the codec, idempotent commands
 * on the shared connection with retries, the others once on an exclusive connection.
 *
 * <p>Decoding happens inside the retried operation, so a stage fails with the {@link
 * CodecException} itself rather than wrapped, and is not retried (the bytes would not change).
 */
final class RemoteCache<V> implements AsyncLarderCache<V> {
  private final String prefix;
  private final Codec<V> codec;
  private final Connections connections;
  private final Retry retry;
  private final Transactions transactions;
  private final Locks locks;

  RemoteCache(String prefix, Codec<V> codec, Connections connections) {
    this.prefix = prefix;
    this.codec = codec;
    this.connections = connections;
    this.retry = connections.retry();
    this.transactions = new Transactions(connections.exclusive());
    this.locks = new Locks(connections.exclusive(), retry);
  }

  @Override
  public CompletionStage<V> get(String key) {
    byte[] k = storageKey(key);
    return retry.idempotent(() -> shared(redis -> redis.get(k)).thenApply(this::decode));
  }

  @Override
  public CompletionStage<Void> put(String key, V value) {
    return write(key, value, null);
  }

  @Override
  public CompletionStage<Void> put(String key, V value, Duration ttl) {
    return write(key, value, Expiry.millis(ttl, "ttl"));
  }

  private CompletionStage<Void> write(String key, V value, Long ttlMillis) {
    byte[] k = storageKey(key);
    Objects.requireNonNull(value, "value");
    return withEncoded(
        value,
        bytes ->
            retry.idempotent(
                () ->
                    shared(
                            redis ->
                                ttlMillis == null
                                    ? redis.set(k, bytes)
                                    : redis.set(k, bytes, SetArgs.Builder.px(ttlMillis)))
                        .thenApply(ok -> null)));
  }

  @Override
  public CompletionStage<Boolean> add(String key, V value) {
    return add(key, value, SetArgs.Builder.nx());
  }

  @Override
  public CompletionStage<Boolean> add(String key, V value, Duration ttl) {
    return add(key, value, SetArgs.Builder.nx().px(Expiry.millis(ttl, "ttl")));
  }

  private CompletionStage<Boolean> add(String key, V value, SetArgs args) {
    byte[] k = storageKey(key);
    Objects.requireNonNull(value, "value");
    return withEncoded(
        value,
        bytes ->
            retry.once(
                () ->
                    connections
                        .exclusive()
                        .run(connection -> connection.async().set(k, bytes, args))
                        .thenApply("OK"::equals)));
  }

  @Override
  public CompletionStage<Boolean> remove(String key) {
    byte[] k = storageKey(key);
    return retry.idempotent(() -> shared(redis -> redis.del(k)).thenApply(removed -> removed > 0));
  }

  @Override
  public CompletionStage<Boolean> touch(String key, Duration ttl) {
    byte[] k = storageKey(key);
    long millis = Expiry.millis(ttl, "ttl");
    return retry.idempotent(
        () -> shared(redis -> redis.pexpire(k, millis)).thenApply(Boolean.TRUE::equals));
  }

  @Override
  public CompletionStage<Versioned<V>> getVersioned(String key) {
    byte[] k = storageKey(key);
    return retry.idempotent(
        () ->
            shared(redis -> redis.get(k))
                .thenApply(bytes -> new Versioned<>(decode(bytes), Versions.of(bytes))));
  }

  @Override
  public CompletionStage<Boolean> compareAndPut(String key, long expectedVersion, V value) {
    return compareAndPut(key, expectedVersion, value, (SetArgs) null);
  }

  @Override
  public CompletionStage<Boolean> compareAndPut(
      String key, long expectedVersion, V value, Duration ttl) {
    return compareAndPut(
        key, expectedVersion, value, SetArgs.Builder.px(Expiry.millis(ttl, "ttl")));
  }

  private CompletionStage<Boolean> compareAndPut(
      String key, long expectedVersion, V value, SetArgs args) {
    byte[] k = storageKey(key);
    Objects.requireNonNull(value, "value");
    return withEncoded(
        value,
        bytes -> retry.once(() -> transactions.compareAndSet(k, expectedVersion, bytes, args)));
  }

  @Override
  public CompletionStage<Locked<V>> getAndLock(String key, Duration lockTimeout) {
    return getAndLock(key, lockTimeout, lockTimeout);
  }

  @Override
  public CompletionStage<Locked<V>> getAndLock(String key, Duration lockTimeout, Duration maxWait) {
    byte[] k = storageKey(key);
    Expiry.millis(lockTimeout, "lockTimeout");
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    return Failures.bare(
        locks.acquire(key, k, lockTimeout, maxWait).thenCompose(handle -> readLocked(key, handle)));
  }

  /**
   * Reads the entry just locked. If that fails, the caller never sees the handle: the lock is given
   * back (best effort; otherwise it expires after its timeout).
   */
  private CompletionStage<Locked<V>> readLocked(String key, LockHandle handle) {
    return get(key)
        .thenApply(value -> new Locked<>(value, handle))
        .whenComplete(
            (locked, failure) -> {
              if (failure != null) {
                transactions.release(handle, null, null);
              }
            });
  }

  @Override
  public CompletionStage<Boolean> putAndUnlock(LockHandle handle, V value) {
    return putAndUnlock(handle, value, (SetArgs) null);
  }

  @Override
  public CompletionStage<Boolean> putAndUnlock(LockHandle handle, V value, Duration ttl) {
    return putAndUnlock(handle, value, SetArgs.Builder.px(Expiry.millis(ttl, "ttl")));
  }

  private CompletionStage<Boolean> putAndUnlock(LockHandle handle, V value, SetArgs args) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(value, "value");
    return withEncoded(value, bytes -> retry.once(() -> transactions.release(handle, bytes, args)));
  }

  @Override
  public CompletionStage<Boolean> unlock(LockHandle handle) {
    Objects.requireNonNull(handle, "handle");
    return retry.once(() -> transactions.release(handle, null, null));
  }

  private <T> CompletionStage<T> shared(
      Function<RedisAsyncCommands<byte[], byte[]>, CompletionStage<T>> command) {
    return connections
        .shared()
        .thenCompose(
            connection ->
                command
                    .apply(connection.async())
                    .whenComplete(
                        (result, failure) -> {
                          if (failure != null
                              && Failures.unwrap(failure) instanceof RedisCommandTimeoutException) {
                            connections.discardShared(connection);
                          }
                        }));
  }

  private byte[] storageKey(String key) {
    Objects.requireNonNull(key, "key");
    return (prefix + key).getBytes(StandardCharsets.UTF_8);
  }

  /** Encodes, then runs {@code operation}; or fails at once if the value does not encode. */
  private <T> CompletionStage<T> withEncoded(
      V value, Function<byte[], CompletionStage<T>> operation) {
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (CodecException e) {
      return CompletableFuture.failedFuture(e);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new CodecException(
              codec.name() + " failed to encode a " + value.getClass().getName(), e));
    }
    return operation.apply(bytes);
  }

  private V decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return codec.decode(bytes);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException(codec.name() + " failed to decode " + bytes.length + " bytes", e);
    }
  }
}
