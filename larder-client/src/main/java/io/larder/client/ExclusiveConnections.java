package io.larder.client;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A small pool of connections lent to one operation at a time, for what the shared connection
 * cannot do.
 *
 * <p>Two things need a connection of their own. {@code WATCH}/{@code MULTI}/{@code EXEC} is state
 * of a connection: on the shared, pipelined connection other threads' commands would land inside
 * the transaction. And commands whose reply decides the outcome ({@code SET NX} for add and lock)
 * must run at most once: the shared connection reconnects by itself and re-sends what was in
 * flight, so a re-sent {@code SET NX} could answer "taken" for a key this very call had just set.
 * These connections therefore do not reconnect; a command caught by a failure fails, and the
 * connection is dropped.
 *
 * <p>At most {@code max} connections exist; an operation that finds all of them lent waits for one,
 * up to {@code waitLimit}. A connection comes back to the pool only after an operation that
 * completed normally (which leaves no {@code WATCH} or {@code MULTI} behind); after a failure its
 * state is unknown and it is closed.
 */
final class ExclusiveConnections implements AutoCloseable {
  private final Supplier<CompletionStage<StatefulRedisConnection<byte[], byte[]>>> connector;
  private final int max;
  private final Duration waitLimit;
  private final Retry timer;

  private final Deque<StatefulRedisConnection<byte[], byte[]>> idle = new ArrayDeque<>();
  private final Deque<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> waiters =
      new ArrayDeque<>();
  private int open; // connections lent, idle or being opened
  private boolean closed;

  ExclusiveConnections(
      Supplier<CompletionStage<StatefulRedisConnection<byte[], byte[]>>> connector,
      int max,
      Duration waitLimit,
      Retry timer) {
    this.connector = connector;
    this.max = max;
    this.waitLimit = waitLimit;
    this.timer = timer;
  }

  /**
   * Lends a connection to {@code work} and takes it back when the stage {@code work} returns ends.
   */
  <T> CompletionStage<T> run(
      Function<StatefulRedisConnection<byte[], byte[]>, CompletionStage<T>> work) {
    return acquire()
        .thenCompose(
            connection -> {
              CompletionStage<T> stage;
              try {
                stage = work.apply(connection);
              } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
              }
              return stage.whenComplete(
                  (value, failure) -> {
                    if (failure == null) {
                      release(connection);
                    } else {
                      discard(connection);
                    }
                  });
            });
  }

  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> acquire() {
    List<StatefulRedisConnection<byte[], byte[]>> dead = new ArrayList<>();
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> lent = null;
    boolean connect = false;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new LarderException("the client is closed"));
      }
      while (lent == null && !idle.isEmpty()) {
        StatefulRedisConnection<byte[], byte[]> connection = idle.pollFirst();
        if (connection.isOpen()) {
          lent = CompletableFuture.completedFuture(connection);
        } else {
          open--;
          dead.add(connection);
        }
      }
      if (lent == null) {
        lent = new CompletableFuture<>();
        if (open < max) {
          open++;
          connect = true;
        } else {
          waiters.addLast(lent);
        }
      }
    }
    dead.forEach(StatefulRedisConnection::closeAsync);
    if (connect) {
      connect(lent);
    } else if (!lent.isDone()) {
      CompletableFuture<StatefulRedisConnection<byte[], byte[]>> waiter = lent;
      timer.schedule(() -> giveUp(waiter), waitLimit.toMillis());
    }
    return lent;
  }

  private void connect(CompletableFuture<StatefulRedisConnection<byte[], byte[]>> target) {
    CompletionStage<StatefulRedisConnection<byte[], byte[]>> connecting;
    try {
      connecting = connector.get();
    } catch (RuntimeException e) {
      connecting = CompletableFuture.failedFuture(e);
    }
    connecting.whenComplete(
        (connection, failure) -> {
          if (failure != null) {
            synchronized (this) {
              open--;
            }
            target.completeExceptionally(failure);
            serveWaiter();
          } else if (!target.complete(connection)) {
            release(connection);
          }
        });
  }

  private void giveUp(CompletableFuture<StatefulRedisConnection<byte[], byte[]>> waiter) {
    synchronized (this) {
      waiters.remove(waiter);
    }
    waiter.completeExceptionally(
        new LarderConnectionException(
            "all "
                + max
                + " connections for transactions and locks stayed busy for "
                + waitLimit
                + " (raise exclusiveConnections?)"));
  }

  private void release(StatefulRedisConnection<byte[], byte[]> connection) {
    while (true) {
      CompletableFuture<StatefulRedisConnection<byte[], byte[]>> waiter;
      synchronized (this) {
        if (closed || !connection.isOpen()) {
          open--;
          waiter = null;
        } else {
          waiter = waiters.pollFirst();
          if (waiter == null) {
            idle.addFirst(connection);
            return;
          }
        }
      }
      if (waiter == null) {
        connection.closeAsync();
        serveWaiter();
        return;
      }
      if (waiter.complete(connection)) {
        return;
      }
      // that waiter gave up meanwhile: offer the connection to the next one
    }
  }

  private void discard(StatefulRedisConnection<byte[], byte[]> connection) {
    synchronized (this) {
      open--;
    }
    connection.closeAsync();
    serveWaiter();
  }

  /** A slot became free: open a connection for the longest waiter, if any. */
  private void serveWaiter() {
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> waiter;
    synchronized (this) {
      if (closed || open >= max || waiters.isEmpty()) {
        return;
      }
      waiter = waiters.pollFirst();
      open++;
    }
    connect(waiter);
  }

  @Override
  public void close() {
    List<StatefulRedisConnection<byte[], byte[]>> toClose;
    List<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> toFail;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(idle);
      open -= idle.size();
      idle.clear();
      toFail = new ArrayList<>(waiters);
      waiters.clear();
    }
    toClose.forEach(StatefulRedisConnection::close);
    toFail.forEach(w -> w.completeExceptionally(new LarderException("the client is closed")));
  }
}
