package io.larder.client;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Versions derived from stored bytes: the first 64 bits of their SHA-256.
 *
 * <p>Why derived and not a counter stored beside the value: a counter needs the value and the
 * counter in one hash, and then every plain put becomes several commands (set, bump, expire) that
 * are not atomic without scripting; the entries would also stop being plain strings that any Redis
 * client can read. A digest keeps every write a single {@code SET}. Its one difference from a
 * counter (an entry rewritten with identical bytes keeps its version) is harmless for
 * compare-and-put: the value compared is the value that is there.
 */
final class Versions {
  private Versions() {}

  static long of(byte[] bytes) {
    if (bytes == null) {
      return Versioned.ABSENT;
    }
    long version = ByteBuffer.wrap(sha256().digest(bytes)).getLong();
    return version == Versioned.ABSENT ? 1 : version;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
