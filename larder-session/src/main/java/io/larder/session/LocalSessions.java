package io.larder.session;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sessions kept in this instance's memory while the cache cannot be reached ({@code
 * larder.session.on-failure=degrade}): the same fields and writes as the cache's hashes, so a
 * session made here moves to the cache unchanged once the cache is back (see {@link
 * SessionProvider#load}). Bounded: beyond {@link #MAX_SESSIONS} no more are made, and expired ones
 * are swept as writes come.
 */
final class LocalSessions {
  static final int MAX_SESSIONS = 100_000;
  private static final int SWEEP_EVERY_WRITES = 1_000;

  private record Entry(Map<String, byte[]> fields, long expiresAt) {}

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private int writes; // approximate; only paces the sweep

  LocalSessions(LongSupplier clock) {
    this.clock = clock;
  }

  StoredSession load(String id) {
    Entry entry = sessions.get(id);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAt > 0 && entry.expiresAt <= clock.getAsLong()) {
      sessions.remove(id, entry);
      return null;
    }
    return StoredSession.fromFields(id, entry.fields);
  }

  void save(SessionWrite write) {
    if (++writes % SWEEP_EVERY_WRITES == 0) {
      sweep();
    }
    if (!sessions.containsKey(write.id()) && sessions.size() >= MAX_SESSIONS) {
      throw new SessionUnavailableException(
          "the cache is unreachable and " + MAX_SESSIONS + " local sessions exist already", null);
    }
    sessions.compute(
        write.id(),
        (id, old) -> {
          Map<String, byte[]> fields = old == null ? new HashMap<>() : new HashMap<>(old.fields);
          fields.putAll(write.fields());
          List<String> removed = write.removedAttributes();
          removed.forEach(name -> fields.remove(StoredSession.ATTRIBUTE_PREFIX + name));
          long expiresAt = old == null ? 0 : old.expiresAt;
          if (write.ttlMillis() != null) {
            expiresAt = write.ttlMillis() > 0 ? clock.getAsLong() + write.ttlMillis() : 0;
          }
          return new Entry(Map.copyOf(fields), expiresAt);
        });
  }

  boolean delete(String id) {
    return sessions.remove(id) != null;
  }

  boolean rename(String oldId, String newId) {
    Entry entry = sessions.remove(oldId);
    if (entry == null) {
      return false;
    }
    sessions.put(newId, entry);
    return true;
  }

  /** Takes a session out, for its move to the cache. */
  StoredSession take(String id) {
    StoredSession session = load(id);
    if (session != null) {
      sessions.remove(id);
    }
    return session;
  }

  boolean isEmpty() {
    return sessions.isEmpty();
  }

  private void sweep() {
    long now = clock.getAsLong();
    for (Iterator<Entry> it = sessions.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.expiresAt > 0 && entry.expiresAt <= now) {
        it.remove();
      }
    }
  }
}
