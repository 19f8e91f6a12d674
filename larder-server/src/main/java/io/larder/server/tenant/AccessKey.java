package io.larder.server.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A cache access key: 256 random bits, URL-safe Base64 without padding (43 characters), so it can
 * sit in a {@code redis://cache:key@host} URL unescaped.
 */
public final class AccessKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEY_BYTES = 32;

  private final String text;
  private final byte[] bytes;

  private AccessKey(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
  }

  public static AccessKey generate() {
    byte[] random = new byte[KEY_BYTES];
    RANDOM.nextBytes(random);
    return new AccessKey(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  /** A key given by the operator (e.g. {@code LARDER_DEFAULT_KEY}); at least 16 characters. */
  public static AccessKey of(String text) {
    if (text == null || text.length() < 16) {
      throw new IllegalArgumentException("an access key needs at least 16 characters");
    }
    return new AccessKey(text);
  }

  /** Compares in time independent of where the candidate differs. */
  public boolean matches(byte[] candidate) {
    return MessageDigest.isEqual(bytes, candidate);
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return "AccessKey[****]";
  }
}
