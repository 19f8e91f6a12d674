package io.larder.client;

/**
 * A value read together with its version, for {@link LarderCache#compareAndPut}.
 *
 * <p>The version identifies the stored bytes: two reads of an entry that holds the same bytes
 * return the same version, and {@link #ABSENT} stands for "no entry". So a compare-and-put succeeds
 * when the entry holds exactly what was read, even if it was rewritten with identical bytes in
 * between; it fails after any change of content, expiry or removal.
 *
 * @param value the value, or {@code null} if the key has no entry
 * @param version the version to pass to compare-and-put; {@link #ABSENT} if there is no entry
 * @param <V> the type of the value
 */
public record Versioned<V>(V value, long version) {
  /** The version of an absent entry: compare-and-put with it creates the entry only if absent. */
  public static final long ABSENT = 0;

  /** Whether the key had an entry. */
  public boolean exists() {
    return version != ABSENT;
  }
}
