package io.larder.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs operations and reports their failures as the client's exceptions; retries idempotent ones.
 *
 * <p>An idempotent operation (get, put, remove, touch) whose connection failed is tried again up to
 * {@code retries} more times, after an exponential backoff with jitter (half the delay fixed, half
 * random, so clients cut off together do not come back in step). Anything else runs once: a
 * repeated add, compare-and-put or lock could report a wrong outcome for a command that was applied
 * before its reply was lost.
 */
final class Retry {
  static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

  private final int retries;
  private final long backoffMillis;
  private final ScheduledExecutorService scheduler;
  private final Failures failures;

  Retry(int retries, Duration backoff, ScheduledExecutorService scheduler, Failures failures) {
    this.retries = retries;
    this.backoffMillis = Math.max(1, backoff.toMillis());
    this.scheduler = scheduler;
    this.failures = failures;
  }

  /** Runs an idempotent operation, retrying failures of the connection. */
  <T> CompletionStage<T> idempotent(Supplier<? extends CompletionStage<T>> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(operation, 0, result);
    return result;
  }

  /** Runs an operation once. */
  <T> CompletionStage<T> once(Supplier<? extends CompletionStage<T>> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    start(operation)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
              } else {
                result.completeExceptionally(failures.translate(failure));
              }
            });
    return result;
  }

  /** Runs {@code task} after {@code delayMillis}; false if the client is shutting down. */
  boolean schedule(Runnable task, long delayMillis) {
    try {
      scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  LarderException translate(Throwable failure) {
    return failures.translate(failure);
  }

  /** The delay before retry number {@code attempt + 1}: exponential, capped, with equal jitter. */
  long delayMillis(int attempt) {
    long delay = Math.min(backoffMillis << Math.min(attempt, 20), MAX_BACKOFF.toMillis());
    return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
  }

  private <T> void attempt(
      Supplier<? extends CompletionStage<T>> operation, int attempt, CompletableFuture<T> result) {
    start(operation)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
                return;
              }
              boolean retried =
                  attempt < retries
                      && Failures.retryable(failure)
                      && schedule(
                          () -> attempt(operation, attempt + 1, result), delayMillis(attempt));
              if (!retried) {
                result.completeExceptionally(failures.translate(failure));
              }
            });
  }

  private static <T> CompletionStage<T> start(Supplier<? extends CompletionStage<T>> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
