package io.larder.server.persist;

import io.larder.server.engine.Keyspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the promise of {@link FsyncPolicy} for every open store: {@link #barrier} before replies
 * are sent, an fsync each second under {@code everysec}, and compaction of logs that outgrew their
 * snapshot (Redis's {@code auto-aof-rewrite-percentage 100} and {@code auto-aof-rewrite-min-size}).
 */
public final class Durability implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Durability.class);

  private final FsyncPolicy fsync;
  private final long rewriteMinSize;
  private final Map<AppendOnlyStore, Keyspace> stores = new ConcurrentHashMap<>();
  private final Map<AppendOnlyStore, AtomicBoolean> rewriting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(daemon("larder-fsync"));
  private final ExecutorService rewriter =
      Executors.newSingleThreadExecutor(daemon("larder-rewrite"));
  private volatile boolean failing;
  private volatile AppendLog[] logs = new AppendLog[0];

  public Durability(FsyncPolicy fsync, long rewriteMinSize) {
    this.fsync = fsync;
    this.rewriteMinSize = rewriteMinSize;
    ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  public FsyncPolicy fsyncPolicy() {
    return fsync;
  }

  /** Starts keeping store durable; store journals the changes of keyspace. */
  public void track(AppendOnlyStore store, Keyspace keyspace) {
    stores.put(store, keyspace);
    rewriting.put(store, new AtomicBoolean());
    refreshLogs();
  }

  /** Stops tracking store (after it was closed or deleted). */
  public void untrack(AppendOnlyStore store) {
    stores.remove(store);
    rewriting.remove(store);
    refreshLogs();
  }

  /**
   * Returns once every change journaled so far has been handed to the OS (and, under {@code
   * always}, to the disk). The network layer calls this before sending replies.
   *
   * @throws UncheckedIOException when a log cannot be written; every log is still attempted, and
   *     the records that failed are retried by the next call (see {@link AppendLog})
   */
  public void barrier() {
    UncheckedIOException failure = null;
    for (AppendLog log : logs) {
      try {
        log.writeToOs();
      } catch (UncheckedIOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      failing = true;
      throw failure;
    }
  }

  /** The stores kept durable now, one per persistent cache. */
  public java.util.Set<AppendOnlyStore> trackedStores() {
    return java.util.Set.copyOf(stores.keySet());
  }

  /**
   * True while some log cannot be written (set by a failed barrier, cleared by the once-a-second
   * tick when every log is healthy again). Write commands are refused meanwhile; one volatile read.
   */
  public boolean failing() {
    return failing;
  }

  /**
   * The error of a log whose last write or fsync failed, or null when all are healthy. While it is
   * not null, writes are not acknowledged; Redis refuses them with {@code -MISCONF}.
   */
  public IOException lastError() {
    for (AppendLog log : logs) {
      IOException error = log.lastError();
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  /**
   * Compacts the log of store now, in the calling thread.
   *
   * @return true when compacted, false when the store is closing or not tracked
   */
  public boolean rewrite(AppendOnlyStore store) throws IOException {
    Keyspace keyspace = stores.get(store);
    return keyspace != null && store.rewrite(keyspace);
  }

  private void tick() {
    for (AppendOnlyStore store : stores.keySet()) {
      try {
        store.log().writeToOs();
        if (fsync == FsyncPolicy.EVERYSEC) {
          store.log().fsyncIfNeeded();
        }
        maybeScheduleRewrite(store);
      } catch (IOException | RuntimeException e) {
        LOG.error("persistence of {} failed", store.directory(), e);
      }
    }
    failing = lastError() != null;
  }

  private void maybeScheduleRewrite(AppendOnlyStore store) throws IOException {
    long incremental = store.incrementalSize();
    if (incremental < rewriteMinSize || incremental < store.baseSize()) {
      return;
    }
    AtomicBoolean running = rewriting.get(store);
    if (running != null && running.compareAndSet(false, true)) {
      rewriter.execute(
          () -> {
            try {
              if (rewrite(store)) {
                LOG.info("Compacted the append-only log in {}", store.directory());
              }
            } catch (IOException | RuntimeException e) {
              LOG.error("compacting {} failed", store.directory(), e);
            } finally {
              running.set(false);
            }
          });
    }
  }

  private void refreshLogs() {
    logs = stores.keySet().stream().map(AppendOnlyStore::log).toArray(AppendLog[]::new);
  }

  /**
   * Stops the background work and closes every store, making everything journaled durable. The
   * ticker is shut down without interrupting it (an interrupt in the middle of file I/O would close
   * a log), and the stores are closed before waiting for the rewriter, because closing a store
   * abandons its compaction.
   */
  @Override
  public void close() {
    ticker.shutdown();
    awaitTermination(ticker);
    for (AppendOnlyStore store : stores.keySet()) {
      try {
        store.close();
      } catch (IOException | RuntimeException e) {
        LOG.error("closing {} failed", store.directory(), e);
      }
    }
    rewriter.shutdown();
    awaitTermination(rewriter);
    stores.clear();
    refreshLogs();
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("a persistence thread did not stop within 30 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
