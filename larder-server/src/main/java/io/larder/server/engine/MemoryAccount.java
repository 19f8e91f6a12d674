package io.larder.server.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a keyspace's entries cost, as {@link Keyspace#usedMemory} reports it, and how many of them
 * have an expiry.
 *
 * <p>The cost of an entry estimates the Java heap it holds on a 64-bit HotSpot JVM with compressed
 * references (the default below 32 GB of heap): objects have 12-byte headers and are 8-byte
 * aligned, references take 4 bytes, a byte array 16 bytes plus its length, rounded up to 8.
 *
 * <ul>
 *   <li>{@link #ENTRY_OVERHEAD} (88 bytes): the {@link ByteKey} object (24), Infinispan's entry
 *       object (32) and the node and table slot of its hash map (32); plus the key's array;
 *   <li>{@link #EXPIRY_OVERHEAD} (16 bytes) for an entry with an expiry: Infinispan keeps its
 *       lifespan and creation time in a larger entry object;
 *   <li>the value's {@link StoredValue#weight}: for a string its 32-byte wrapper and its array; for
 *       a hash its wrapper and the estimate {@link HashFields#weight} gives.
 * </ul>
 *
 * Measured against the real heap (live bytes after a full GC, 200,000 entries with 16-byte keys,
 * {@code -XX:+UseParallelGC}): empty strings 166 bytes an entry (estimate 168), 100-byte strings
 * 273 (272), 1 KiB strings 1195 (1192), 100-byte strings with an expiry 289 (288), hashes of five
 * 20-byte fields 594 (582); hashes of 200 10-byte fields 26,312 (25,802). The account is still an
 * estimate, not the JVM's own figure: garbage not yet collected, the hash tables' spare capacity
 * beyond these averages, a hash's scan order while it is being scanned, Infinispan's and Netty's
 * own structures and everything else in the process are not in it, and a JVM without compressed
 * references uses more.
 *
 * <p>The account changes at every store and removal by the difference between the new entry and the
 * one Infinispan reports it replaced, so it never drifts from the sum of its entries' costs,
 * whatever the interleaving of writes, reaper and eviction.
 */
final class MemoryAccount {
  static final int ENTRY_OVERHEAD = 88;
  static final int EXPIRY_OVERHEAD = 16;

  private final LongAdder bytes = new LongAdder();
  private final LongAdder volatileKeys = new LongAdder();

  /** What an entry costs: key holding value, whose weight is valueWeight. */
  static long costOf(ByteKey key, StoredValue value, long valueWeight) {
    return ENTRY_OVERHEAD
        + StoredValue.arrayBytes(key.length())
        + valueWeight
        + (value.hasExpiry() ? EXPIRY_OVERHEAD : 0);
  }

  /**
   * Accounts key now holding value in place of previous (null when there was none), whose weight
   * was previousWeight. Returns the change in bytes.
   */
  long replaced(ByteKey key, StoredValue value, StoredValue previous, long previousWeight) {
    long change =
        costOf(key, value, value.weight())
            - (previous == null ? 0 : costOf(key, previous, previousWeight));
    bytes.add(change);
    int expiring = (value.hasExpiry() ? 1 : 0) - (previous != null && previous.hasExpiry() ? 1 : 0);
    if (expiring != 0) {
      volatileKeys.add(expiring);
    }
    return change;
  }

  /** Accounts the removal of previous, whose weight was previousWeight; null means nothing. */
  void removed(ByteKey key, StoredValue previous, long previousWeight) {
    if (previous != null) {
      bytes.add(-costOf(key, previous, previousWeight));
      if (previous.hasExpiry()) {
        volatileKeys.decrement();
      }
    }
  }

  long bytes() {
    return bytes.sum();
  }

  /** Keys that have an expiry, counting expired ones not yet reclaimed. */
  long volatileKeys() {
    return volatileKeys.sum();
  }

  void reset() {
    bytes.reset();
    volatileKeys.reset();
  }
}
