package io.larder.server.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.function.BiConsumer;

/**
 * The fields of one hash, thread-safe.
 *
 * <p>Small hashes (up to {@link #COMPACT_MAX_ENTRIES} fields, the Redis {@code
 * hash-max-listpack-entries} default) are one flat array of alternating field and value arrays,
 * searched linearly: a few dozen bytes of overhead instead of a map node per field, and the same
 * insertion order that Redis's listpack encoding gives, so {@code HGETALL} answers match Redis byte
 * for byte. Beyond that size the fields move to a hash map for O(1) access.
 *
 * <p>Mutations happen in place under the owning key's update lock; readers on other threads
 * synchronize on this object, so they always see a consistent set of fields.
 */
public final class HashFields {
  public static final int COMPACT_MAX_ENTRIES = 128;
  private static final int ENTRY_OVERHEAD = 16;
  private static final int MAP_ENTRY_OVERHEAD = 80;

  private byte[][] compact = new byte[8][];
  private int compactSize;
  private LinkedHashMap<ByteKey, byte[]> map;
  private long payloadBytes;

  public synchronized int size() {
    return map != null ? map.size() : compactSize;
  }

  public synchronized byte[] get(byte[] field) {
    if (map != null) {
      return map.get(new ByteKey(field));
    }
    int i = indexOf(field);
    return i < 0 ? null : compact[i + 1];
  }

  /** Sets a field; returns true when the field is new. */
  public synchronized boolean put(byte[] field, byte[] value) {
    if (map != null) {
      byte[] old = map.put(new ByteKey(field), value);
      payloadBytes += value.length - (old == null ? -field.length : old.length);
      return old == null;
    }
    int i = indexOf(field);
    if (i >= 0) {
      payloadBytes += value.length - compact[i + 1].length;
      compact[i + 1] = value;
      return false;
    }
    if (compactSize == COMPACT_MAX_ENTRIES) {
      toMap();
      return put(field, value);
    }
    int at = compactSize * 2;
    if (at + 2 > compact.length) {
      compact = Arrays.copyOf(compact, compact.length * 2);
    }
    compact[at] = field;
    compact[at + 1] = value;
    compactSize++;
    payloadBytes += field.length + value.length;
    return true;
  }

  /** Removes a field; returns true when it was present. */
  public synchronized boolean remove(byte[] field) {
    if (map != null) {
      byte[] old = map.remove(new ByteKey(field));
      if (old != null) {
        payloadBytes -= field.length + old.length;
      }
      return old != null;
    }
    int i = indexOf(field);
    if (i < 0) {
      return false;
    }
    payloadBytes -= compact[i].length + compact[i + 1].length;
    int end = compactSize * 2;
    System.arraycopy(compact, i + 2, compact, i, end - i - 2);
    compact[end - 2] = null;
    compact[end - 1] = null;
    compactSize--;
    return true;
  }

  /** Visits every field and value, in the order Redis would list them. */
  public synchronized void forEach(BiConsumer<byte[], byte[]> visitor) {
    if (map != null) {
      map.forEach((field, value) -> visitor.accept(field.bytes(), value));
      return;
    }
    for (int i = 0; i < compactSize * 2; i += 2) {
      visitor.accept(compact[i], compact[i + 1]);
    }
  }

  /** A consistent copy: alternating field and value, in listing order. */
  public synchronized byte[][] toPairs() {
    byte[][] pairs = new byte[size() * 2][];
    int[] at = {0};
    forEach(
        (field, value) -> {
          pairs[at[0]++] = field;
          pairs[at[0]++] = value;
        });
    return pairs;
  }

  public synchronized HashFields copy() {
    HashFields copy = new HashFields();
    forEach(copy::put);
    return copy;
  }

  public synchronized long weight() {
    long perEntry = map != null ? MAP_ENTRY_OVERHEAD : ENTRY_OVERHEAD;
    return 64 + payloadBytes + perEntry * size();
  }

  private int indexOf(byte[] field) {
    for (int i = 0; i < compactSize * 2; i += 2) {
      if (Arrays.equals(compact[i], field)) {
        return i;
      }
    }
    return -1;
  }

  private void toMap() {
    map = new LinkedHashMap<>(COMPACT_MAX_ENTRIES * 4);
    for (int i = 0; i < compactSize * 2; i += 2) {
      map.put(new ByteKey(compact[i]), compact[i + 1]);
    }
    compact = null;
    compactSize = 0;
  }
}
