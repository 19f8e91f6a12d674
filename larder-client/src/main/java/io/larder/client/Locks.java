package io.larder.client;

import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Taking locks: {@code SET <key>:lock <token> NX PX <timeout>} on an exclusive connection, so the
 * reply is never that of a re-sent command; while another holder has the lock, tried again after
 * pauses growing from 10 ms to 200 ms (with jitter, so waiters do not retry in step) until the wait
 * limit, with a last try at the limit.
 *
 * <p>The token is 128 random bits: only the holder knows it, so only the holder can release (see
 * {@link Transactions#release}).
 */
final class Locks {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long LONGEST_PAUSE_MILLIS = 200;

  private final ExclusiveConnections exclusive;
  private final Retry retry;

  Locks(ExclusiveConnections exclusive, Retry retry) {
    this.exclusive = exclusive;
    this.retry = retry;
  }

  /** Takes the lock on {@code storageKey}, waiting up to {@code maxWait}. */
  CompletionStage<LockHandle> acquire(
      String key, byte[] storageKey, Duration lockTimeout, Duration maxWait) {
    LockHandle handle = new LockHandle(key, storageKey, newToken());
    SetArgs args = SetArgs.Builder.nx().px(Expiry.millis(lockTimeout, "lockTimeout"));
    long deadline = System.nanoTime() + maxWait.toNanos();
    CompletableFuture<LockHandle> result = new CompletableFuture<>();
    attempt(handle, args, deadline, maxWait, 0, result);
    return result;
  }

  private void attempt(
      LockHandle handle,
      SetArgs args,
      long deadline,
      Duration maxWait,
      int attempt,
      CompletableFuture<LockHandle> result) {
    exclusive
        .run(connection -> connection.async().set(handle.lockKey(), handle.token(), args))
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                result.completeExceptionally(retry.translate(failure));
                return;
              }
              if ("OK".equals(reply)) {
                result.complete(handle);
                return;
              }
              long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
              long pause = Math.min(pauseMillis(attempt), remainingMillis);
              boolean again =
                  pause > 0
                      && retry.schedule(
                          () -> attempt(handle, args, deadline, maxWait, attempt + 1, result),
                          pause);
              if (!again) {
                result.completeExceptionally(new LockTimeoutException(handle.key(), maxWait));
              }
            });
  }

  private static long pauseMillis(int attempt) {
    long pause = Math.min(FIRST_PAUSE_MILLIS << Math.min(attempt, 10), LONGEST_PAUSE_MILLIS);
    return pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
  }

  private static byte[] newToken() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(random)
        .getBytes(StandardCharsets.US_ASCII);
  }
}
