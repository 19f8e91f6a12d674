package io.larder.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 160 bits from {@link SecureRandom}, as 27 characters of URL-safe Base64 without
 * padding, so they go into cookies, URLs and cache keys unescaped.
 *
 * <p>Ids that come from requests are checked against that form before they are used: a cookie value
 * with other characters (a {@code }} would escape the key's hash tag) or another length is no
 * session id and is ignored.
 */
final class SessionIds {
  static final int BYTES = 20;
  static final int LENGTH = 27;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SessionIds() {}

  static String next() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether {@code candidate} has the form of an id this class makes. */
  static boolean isWellFormed(String candidate) {
    if (candidate == null || candidate.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = candidate.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * A short, non-secret reference to a session for logs: the id itself is a credential, so logs
   * show only its first six characters.
   */
  static String forLog(String id) {
    return id == null ? "-" : id.substring(0, Math.min(6, id.length())) + "…";
  }
}
