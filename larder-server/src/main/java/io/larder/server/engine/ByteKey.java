package io.larder.server.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Redis key or hash field: an immutable byte string with its hash computed once.
 *
 * <p>The bytes are owned by this object; callers hand over arrays they no longer touch (the decoder
 * allocates a fresh array per argument), so no defensive copy is made.
 *
 * <p>The hash is {@link Arrays#hashCode(byte[])} mixed with murmur3's finalizer. Without the mix,
 * keys that differ only in a counter ({@code session:17}, {@code session:18}) have consecutive
 * hashes and sit in neighbouring buckets of the cache's hash table, so the table's order follows
 * the order keys were written in. Eviction samples runs of neighbouring entries (see {@link
 * EvictionSampler}) and needs them to be unrelated keys.
 */
public final class ByteKey implements Comparable<ByteKey> {
  private final byte[] bytes;
  private final int hash;

  public ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = mix(Arrays.hashCode(bytes));
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  public static ByteKey of(String text) {
    return new ByteKey(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The key's bytes; callers must not modify them. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof ByteKey that && hash == that.hash && Arrays.equals(bytes, that.bytes));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(ByteKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
