package io.larder.server.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One client's WATCH: the keys it watches and whether any of them changed since it began watching
 * them, which is what makes its EXEC fail. Keys are added with {@link Keyspace#watch}.
 *
 * <p>A watched key counts as changed once a write, deletion, eviction or flush has touched it, or
 * once the time to live it had when it was watched has run out (as Redis 7.0 does: its EXEC fails
 * for a watched key that expired, even if nothing has reclaimed it yet). A key that was already
 * expired when it was watched counts as absent, so its being reclaimed changes nothing.
 *
 * <p>The client's own thread adds keys, asks {@link #changed} and {@link #clear}s; keyspaces mark
 * the watch changed from whichever thread writes a key, hence the volatile mark.
 */
public final class KeyWatch {
  /** One watched key: where, which, and the expiry its value had when it was watched. */
  private record Watched(WatchedKeys keyspace, ByteKey key, long expireAt) {}

  private final List<Watched> keys = new ArrayList<>();
  private volatile boolean changed;

  /** True while no key is watched. */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** Whether a watched key changed or its time to live ran out since it was watched. */
  public boolean changed() {
    if (changed) {
      return true;
    }
    for (Watched watched : keys) {
      if (watched.expireAt != StoredValue.NO_EXPIRY && watched.expireAt <= watched.keyspace.now()) {
        return true;
      }
    }
    return false;
  }

  /** Stops watching every key and forgets that any changed (UNWATCH, EXEC, DISCARD). */
  public void clear() {
    for (Watched watched : keys) {
      watched.keyspace.remove(watched.key, this);
    }
    keys.clear();
    changed = false;
  }

  /**
   * Stops watching every key but keeps {@link #changed} true if any was watched, until {@link
   * #clear}: for a connection that moved to another cache, whose EXEC must not pass a check it no
   * longer makes.
   */
  public void abandon() {
    boolean watching = !keys.isEmpty();
    clear();
    changed = watching;
  }

  /** Records a key that keyspace now reports changes of to this watch. */
  void watching(WatchedKeys keyspace, ByteKey key, long expireAt) {
    keys.add(new Watched(keyspace, key, expireAt));
  }

  /** A watched key changed (any thread). */
  void markChanged() {
    changed = true;
  }
}
