package io.larder.server.engine;

/**
 * Hears about keys that leave a keyspace without a command asking (for statistics and keyspace
 * notifications), and, when it asks to, about every change writes make. Called on the thread that
 * reclaimed or changed the key; keep it quick.
 */
public interface KeyspaceListener {
  KeyspaceListener NONE = new KeyspaceListener() {};

  /** {@link #changed} events, named as Redis's keyspace notifications name them. */
  String NEW = "new";

  String SET = "set";
  String DEL = "del";
  String HSET = "hset";
  String HDEL = "hdel";
  String EXPIRE = "expire";
  String PERSIST = "persist";

  /**
   * Whether {@link #changed} should be called; read once per write, so it must be cheap (one
   * volatile read). While false, writes derive no events at all.
   */
  default boolean observesChanges() {
    return false;
  }

  /**
   * A write changed key: {@link #NEW} (it created the key; reported first), {@link #SET} (a whole
   * value), {@link #DEL}, {@link #HSET} or {@link #HDEL} (hash fields; once per write however many
   * fields, {@code hdel} followed by {@code del} when the last field went), {@link #EXPIRE} (a new
   * expiry, also after a {@code set} that brought one) or {@link #PERSIST}. Called when the write
   * takes effect, under the key's lock, in the order of the changes.
   */
  default void changed(ByteKey key, String event) {}

  /**
   * A key's time to live ran out and it was reclaimed: by the reaper, or by the read or write that
   * found it expired first. Reported once per expiry.
   */
  default void expired(ByteKey key) {}

  /** A key was evicted to bring the keyspace back under its memory quota. */
  default void evicted(ByteKey key) {}
}
