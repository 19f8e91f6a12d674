package io.larder.server.persist;

import io.larder.server.engine.Keyspace;
import java.io.IOException;
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
   */
  public void barrier() {
    for (AppendLog log : logs) {
      log.writeToOs();
    }
  }

  /** Compacts the log of store now, in the calling thread. */
  public void rewrite(AppendOnlyStore store) throws IOException {
    Keyspace keyspace = stores.get(store);
    if (keyspace != null) {
      store.rewrite(keyspace);
    }
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
              rewrite(store);
              LOG.info("Compacted the append-only log in {}", store.directory());
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

  @Override
  public void close() {
    ticker.shutdownNow();
    rewriter.shutdown();
    try {
      rewriter.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AppendOnlyStore store : stores.keySet()) {
      try {
        store.close();
      } catch (IOException e) {
        LOG.error("closing {} failed", store.directory(), e);
      }
    }
    stores.clear();
    refreshLogs();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
