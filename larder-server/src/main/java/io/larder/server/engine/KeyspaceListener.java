package io.larder.server.engine;

/**
 * Hears about keys that leave a keyspace without a command asking (for statistics and, later,
 * keyspace notifications). Called on the thread that reclaimed the key; keep it quick.
 */
public interface KeyspaceListener {
  KeyspaceListener NONE = new KeyspaceListener() {};

  /** A key's time to live ran out and it was reclaimed. */
  default void expired(ByteKey key) {}
}
