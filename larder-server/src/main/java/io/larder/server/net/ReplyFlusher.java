package io.larder.server.net;

import io.larder.server.persist.Durability;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the replies of one event loop's turn together, after making the turn's writes durable.
 *
 * <p>Connections that finished reading in this turn register here; one task, run after all of the
 * turn's I/O, calls {@link Durability#barrier} once (a single {@code write} to the log for all of
 * them, like Redis's {@code beforeSleep}) and then flushes each connection. Pipelined and
 * concurrent clients thus share one log write and one flush per burst.
 */
final class ReplyFlusher implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyFlusher.class);

  private final Durability durability;
  private final List<ConnectionHandler> pending = new ArrayList<>();
  private boolean scheduled;

  private ReplyFlusher(Durability durability) {
    this.durability = durability;
  }

  /** Registers connection for this turn's flush; loop is the calling thread's event loop. */
  void schedule(ConnectionHandler connection, EventLoop loop) {
    pending.add(connection);
    if (!scheduled) {
      scheduled = true;
      loop.execute(this);
    }
  }

  @Override
  public void run() {
    scheduled = false;
    boolean durable = true;
    try {
      if (durability != null) {
        durability.barrier();
      }
    } catch (RuntimeException e) {
      LOG.error(
          "the append-only log cannot be written; writes of this turn stay unacknowledged", e);
      durable = false;
    }
    for (ConnectionHandler connection : pending) {
      // Only a connection that wrote in this turn waits on the log; the others (reads, AUTH, the
      // -MISCONF refusals) are answered even while the disk fails, as Redis answers them.
      if (durable || !connection.wroteThisTurn()) {
        connection.flushReplies();
      } else {
        connection.abort();
      }
    }
    pending.clear();
  }

  /** One flusher per event-loop thread. */
  static final class Local extends FastThreadLocal<ReplyFlusher> {
    private final Durability durability;

    Local(Durability durability) {
      this.durability = durability;
    }

    @Override
    protected ReplyFlusher initialValue() {
      return new ReplyFlusher(durability);
    }
  }
}
