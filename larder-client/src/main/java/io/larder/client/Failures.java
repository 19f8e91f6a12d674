package io.larder.client;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Translates what Lettuce and the JDK report into the client's exceptions, and decides which
 * failures are worth retrying.
 *
 * <p>Only failures of the connection are retried: a timeout, a refused or dropped connection. An
 * error reply is the server's answer (unknown command, wrong type, wrong key) and would be the same
 * on every attempt.
 */
final class Failures {
  private final String endpoint;

  /** {@code endpoint} names the server in messages, e.g. {@code localhost:6380}; never the key. */
  Failures(String endpoint) {
    this.endpoint = endpoint;
  }

  LarderException translate(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof LarderException larder) {
      return larder;
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new LarderConnectionException(
          endpoint + " did not answer in time: " + cause.getMessage(), cause);
    }
    if (cause instanceof RedisConnectionException) {
      return new LarderConnectionException(
          "cannot connect to " + endpoint + ": " + rootMessage(cause), cause);
    }
    if (cause instanceof RedisCommandExecutionException) {
      return new LarderException(endpoint + " refused the command: " + cause.getMessage(), cause);
    }
    if (cause instanceof RedisCommandInterruptedException) {
      return new LarderException("interrupted while waiting for " + endpoint, cause);
    }
    if (cause instanceof RedisException || cause instanceof IOException) {
      return new LarderConnectionException(
          "connection to " + endpoint + " failed: " + rootMessage(cause), cause);
    }
    if (cause instanceof CancellationException) {
      return new LarderConnectionException(
          "command to " + endpoint + " was cancelled (client closed?)", cause);
    }
    return new LarderException("unexpected failure talking to " + endpoint + ": " + cause, cause);
  }

  /** Whether another attempt could succeed: the connection failed, the server did not refuse. */
  static boolean retryable(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof LarderConnectionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return true;
    }
    if (cause instanceof RedisCommandExecutionException
        || cause instanceof RedisCommandInterruptedException) {
      return false;
    }
    if (cause instanceof RedisConnectionException) {
      return !answeredWithError(cause); // a wrong key stays wrong
    }
    return cause instanceof RedisException || cause instanceof IOException;
  }

  /**
   * The same outcome, with failures not wrapped in {@link CompletionException} (as stages that
   * compose others report them), so callers see the client's exceptions themselves.
   */
  static <T> CompletionStage<T> bare(CompletionStage<T> stage) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(unwrap(failure));
          }
        });
    return result;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean answeredWithError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    return root == failure ? message : failure.getMessage() + ": " + message;
  }
}
