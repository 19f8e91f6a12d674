package io.larder.client;

import java.nio.charset.StandardCharsets;

/**
 * Proof of holding the lock on one cache entry: the entry's key and a random token that only this
 * holder knows. The lock is a key next to the entry ({@code <key>:lock}) whose value is the token;
 * it expires by itself after the lock timeout, so a crashed holder never blocks others for longer.
 * Releasing compares the token first, so a holder whose lock expired and was taken by another can
 * never release or overwrite under the new holder's lock.
 */
public final class LockHandle {
  private final String key;
  private final byte[] storageKey;
  private final byte[] lockKey;
  private final byte[] token;

  LockHandle(String key, byte[] storageKey, byte[] token) {
    this.key = key;
    this.storageKey = storageKey;
    this.lockKey = lockKeyOf(storageKey);
    this.token = token;
  }

  /** The key of the locked entry, as given to the cache (without its prefix). */
  public String key() {
    return key;
  }

  byte[] storageKey() {
    return storageKey;
  }

  byte[] lockKey() {
    return lockKey;
  }

  byte[] token() {
    return token;
  }

  static byte[] lockKeyOf(byte[] storageKey) {
    byte[] suffix = ":lock".getBytes(StandardCharsets.US_ASCII);
    byte[] lockKey = new byte[storageKey.length + suffix.length];
    System.arraycopy(storageKey, 0, lockKey, 0, storageKey.length);
    System.arraycopy(suffix, 0, lockKey, storageKey.length, suffix.length);
    return lockKey;
  }

  /** Names the key only: the token is the proof of holding and stays out of logs. */
  @Override
  public String toString() {
    return "LockHandle[" + new String(storageKey, StandardCharsets.UTF_8) + "]";
  }
}
