package io.larder.server.engine;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The keys clients WATCH in one keyspace, each with the {@link KeyWatch}es to mark when it changes.
 *
 * <p>Every write to a key calls {@link #touched}, so the case that matters is nobody watching: then
 * that call is one volatile read and nothing else. Watchers of a key are kept in an array replaced
 * whole on each change (copy on write), so marking them never locks.
 *
 * <p>Ordering: the keyspace registers a watch under the key's lock and calls {@link #touched} under
 * the same lock after a write has taken effect, so a write either precedes the watch (and the
 * watcher's next read sees it) or marks the watch. A flush runs with every write held off and
 * registration is a write in that respect, so the same holds for it.
 */
final class WatchedKeys {
  private final ConcurrentHashMap<ByteKey, KeyWatch[]> watchers = new ConcurrentHashMap<>();

  /** Number of (key, watch) pairs registered; 0 lets writes skip the table. */
  private final AtomicInteger watches = new AtomicInteger();

  private final LongSupplier clock;

  /** Watches keys of a keyspace whose time (for expiry decisions) is clock. */
  WatchedKeys(LongSupplier clock) {
    this.clock = clock;
  }

  /** The keyspace's time, in epoch milliseconds. */
  long now() {
    return clock.getAsLong();
  }

  /** Adds watch to key's watchers; false when it was already there (a key watched twice). */
  boolean add(ByteKey key, KeyWatch watch) {
    boolean[] added = {false};
    watchers.compute(
        key,
        (k, current) -> {
          if (current == null) {
            added[0] = true;
            return new KeyWatch[] {watch};
          }
          for (KeyWatch existing : current) {
            if (existing == watch) {
              return current;
            }
          }
          added[0] = true;
          KeyWatch[] grown = Arrays.copyOf(current, current.length + 1);
          grown[current.length] = watch;
          return grown;
        });
    if (added[0]) {
      watches.incrementAndGet();
    }
    return added[0];
  }

  /** Removes watch from key's watchers. */
  void remove(ByteKey key, KeyWatch watch) {
    watchers.computeIfPresent(
        key,
        (k, current) -> {
          for (int i = 0; i < current.length; i++) {
            if (current[i] == watch) {
              watches.decrementAndGet();
              if (current.length == 1) {
                return null;
              }
              KeyWatch[] shrunk = new KeyWatch[current.length - 1];
              System.arraycopy(current, 0, shrunk, 0, i);
              System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
              return shrunk;
            }
          }
          return current;
        });
  }

  /** key was written, deleted or evicted: marks its watchers. */
  void touched(ByteKey key) {
    if (watches.get() == 0) {
      return;
    }
    KeyWatch[] current = watchers.get(key);
    if (current != null) {
      for (KeyWatch watch : current) {
        watch.markChanged();
      }
    }
  }

  /** The keyspace is about to be emptied: marks the watchers of every watched key that exists. */
  void flushing(Predicate<ByteKey> exists) {
    if (watches.get() == 0) {
      return;
    }
    watchers.forEach(
        (key, current) -> {
          if (exists.test(key)) {
            for (KeyWatch watch : current) {
              watch.markChanged();
            }
          }
        });
  }

  /** Number of (key, watch) pairs, for tests. */
  int size() {
    return watches.get();
  }
}
