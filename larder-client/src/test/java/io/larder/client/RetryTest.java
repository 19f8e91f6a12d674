package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final Retry retry =
      new Retry(2, Duration.ofMillis(1), scheduler, new Failures("test:6380"));

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** An operation that fails with {@code failure} the first {@code failures} times. */
  private static Supplier<CompletionStage<String>> failing(
      int failures, RuntimeException failure, AtomicInteger attempts) {
    return () ->
        attempts.incrementAndGet() <= failures
            ? CompletableFuture.failedFuture(failure)
            : CompletableFuture.completedFuture("ok");
  }

  private static Throwable failureOf(CompletionStage<?> stage) throws InterruptedException {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no outcome", e);
    }
  }

  @Test
  void idempotent_connectionFailsThenWorks_retriesAndSucceeds() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CompletionStage<String> result =
        retry.idempotent(failing(2, new RedisConnectionException("refused"), attempts));
    assertThat(result.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void idempotent_timeoutsBeyondRetries_failsWithConnectionException() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Throwable failure =
        failureOf(
            retry.idempotent(failing(10, new RedisCommandTimeoutException("timed out"), attempts)));
    assertThat(failure)
        .isInstanceOf(LarderConnectionException.class)
        .hasMessageContaining("test:6380 did not answer in time");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void idempotent_errorReply_notRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Throwable failure =
        failureOf(
            retry.idempotent(
                failing(10, new RedisCommandExecutionException("WRONGTYPE"), attempts)));
    assertThat(failure)
        .isExactlyInstanceOf(LarderException.class)
        .hasMessageContaining("WRONGTYPE");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void idempotent_wrongKeyAtConnect_notRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    RedisConnectionException refused =
        new RedisConnectionException(
            "Unable to connect", new RedisCommandExecutionException("WRONGPASS invalid"));
    Throwable failure = failureOf(retry.idempotent(failing(10, refused, attempts)));
    assertThat(failure)
        .isInstanceOf(LarderConnectionException.class)
        .hasMessageContaining("WRONGPASS");
    assertThat(attempts).hasValue(1);
  }

  @Test
  void idempotent_codecFailure_notRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Throwable failure =
        failureOf(retry.idempotent(failing(10, new CodecException("bad bytes"), attempts)));
    assertThat(failure).isInstanceOf(CodecException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void once_connectionFailure_notRetried() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Throwable failure =
        failureOf(retry.once(failing(10, new RedisConnectionException("reset"), attempts)));
    assertThat(failure).isInstanceOf(LarderConnectionException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void delayMillis_growsExponentiallyWithinJitterAndCap() {
    Retry slow = new Retry(20, Duration.ofMillis(100), scheduler, new Failures("test:6380"));
    for (int i = 0; i < 50; i++) {
      assertThat(slow.delayMillis(0)).isBetween(50L, 100L);
      assertThat(slow.delayMillis(1)).isBetween(100L, 200L);
      assertThat(slow.delayMillis(3)).isBetween(400L, 800L);
      assertThat(slow.delayMillis(15)).isBetween(1_000L, Retry.MAX_BACKOFF.toMillis());
    }
  }
}
