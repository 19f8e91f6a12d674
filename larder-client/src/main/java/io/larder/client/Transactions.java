package io.larder.client;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Check-then-write, atomically, with {@code WATCH}/{@code MULTI}/{@code EXEC} on an exclusive
 * connection: compare-and-put, and the compare-and-delete that releases a lock.
 *
 * <p>Each runs the same two round trips: {@code WATCH k} and {@code GET k} (pipelined); if what was
 * read passes the check, {@code MULTI}, the writes and {@code EXEC} (pipelined), else {@code
 * UNWATCH}. The server discards the transaction if {@code k} changed (or expired) after the {@code
 * WATCH}, so nothing is written unless the check still held at the moment of writing. Without
 * scripting this is the one atomic check-then-write Redis offers, and it needs nothing but the
 * commands every Redis-compatible server has.
 */
final class Transactions {
  private final ExclusiveConnections exclusive;

  Transactions(ExclusiveConnections exclusive) {
    this.exclusive = exclusive;
  }

  /** Sets {@code key} to {@code value} if its current bytes have {@code expectedVersion}. */
  CompletionStage<Boolean> compareAndSet(
      byte[] key, long expectedVersion, byte[] value, SetArgs args) {
    return checkThenWrite(
        "compareAndPut",
        key,
        current -> Versions.of(current) == expectedVersion,
        redis -> set(redis, key, value, args));
  }

  /**
   * Releases the handle's lock if it still holds it, after setting the entry to {@code value} when
   * that is not null.
   */
  CompletionStage<Boolean> release(LockHandle handle, byte[] value, SetArgs args) {
    return checkThenWrite(
        value == null ? "unlock" : "putAndUnlock",
        handle.lockKey(),
        current -> Arrays.equals(current, handle.token()),
        redis -> {
          if (value != null) {
            set(redis, handle.storageKey(), value, args);
          }
          redis.del(handle.lockKey());
        });
  }

  private CompletionStage<Boolean> checkThenWrite(
      String operation,
      byte[] watched,
      Predicate<byte[]> check,
      Consumer<RedisAsyncCommands<byte[], byte[]>> writes) {
    return exclusive
        .run(
            connection -> {
              RedisAsyncCommands<byte[], byte[]> redis = connection.async();
              RedisFuture<String> watch = redis.watch(watched);
              RedisFuture<byte[]> current = redis.get(watched);
              return watch
                  .thenCombine(current, (ok, bytes) -> bytes)
                  .thenCompose(
                      bytes -> {
                        if (!check.test(bytes)) {
                          return redis.unwatch().thenApply(ok -> false);
                        }
                        redis.multi();
                        writes.accept(redis);
                        return redis.exec().thenApply(result -> !result.wasDiscarded());
                      });
            })
        .exceptionallyCompose(
            failure -> CompletableFuture.failedFuture(explain(operation, failure)));
  }

  private static void set(
      RedisAsyncCommands<byte[], byte[]> redis, byte[] key, byte[] value, SetArgs args) {
    if (args == null) {
      redis.set(key, value);
    } else {
      redis.set(key, value, args);
    }
  }

  /** A server without transactions answers "unknown command": say what the operation needs. */
  private static Throwable explain(String operation, Throwable failure) {
    Throwable cause = Failures.unwrap(failure);
    if (cause instanceof RedisCommandExecutionException
        && cause.getMessage() != null
        && cause.getMessage().startsWith("ERR unknown command")) {
      return new LarderException(
          operation
              + " needs WATCH/MULTI/EXEC, which the server does not support: "
              + cause.getMessage(),
          cause);
    }
    return cause;
  }
}
