package io.larder.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The portal's signed-in browsers: server-side sessions, each known by a random id (the cookie) and
 * holding a CSRF token that the portal sends back on every state-changing request.
 *
 * <p>A session ends after {@link #IDLE_TIMEOUT_MILLIS} without use, {@link #MAX_AGE_MILLIS} after
 * sign-in whatever its use, or at sign-out. At most {@link #MAX_SESSIONS} live at once; signing in
 * beyond that ends the least recently used one, so the map stays bounded however often someone
 * signs in.
 *
 * <p>The map is keyed by a SHA-256 digest of the id, and the id itself is then compared in constant
 * time: a lookup's timing depends only on the digest, which tells an attacker nothing about ids.
 */
final class AdminSessions {
  static final long IDLE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(30);
  static final long MAX_AGE_MILLIS = TimeUnit.HOURS.toMillis(12);
  static final int MAX_SESSIONS = 256;

  /** One signed-in browser. */
  static final class Session {
    private final byte[] id;
    private final String csrfToken;
    private final long createdAt;
    private long lastUsed;

    private Session(byte[] id, String csrfToken, long createdAt) {
      this.id = id;
      this.csrfToken = csrfToken;
      this.createdAt = createdAt;
      this.lastUsed = createdAt;
    }

    String id() {
      return new String(id, StandardCharsets.US_ASCII);
    }

    String csrfToken() {
      return csrfToken;
    }

    /** Compares in constant time. */
    boolean csrfMatches(String candidate) {
      return candidate != null
          && MessageDigest.isEqual(
              csrfToken.getBytes(StandardCharsets.US_ASCII),
              candidate.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final LongSupplier clock;
  private final Map<String, Session> byDigest = new HashMap<>();

  AdminSessions() {
    this(System::currentTimeMillis);
  }

  /**
   * @param clock epoch milliseconds
   */
  AdminSessions(LongSupplier clock) {
    this.clock = clock;
  }

  /** Starts a session. */
  synchronized Session create() {
    long now = clock.getAsLong();
    removeExpired(now);
    if (byDigest.size() >= MAX_SESSIONS) {
      byDigest.values().stream()
          .min(Comparator.comparingLong(session -> session.lastUsed))
          .ifPresent(oldest -> byDigest.remove(digest(oldest.id)));
    }
    Session session =
        new Session(randomToken().getBytes(StandardCharsets.US_ASCII), randomToken(), now);
    byDigest.put(digest(session.id), session);
    return session;
  }

  /** The live session with this id, now marked as used; null when there is none. */
  synchronized Session find(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return null;
    }
    byte[] given = id.getBytes(StandardCharsets.UTF_8);
    String digest = digest(given);
    Session session = byDigest.get(digest);
    if (session == null || !MessageDigest.isEqual(session.id, given)) {
      return null;
    }
    long now = clock.getAsLong();
    if (expired(session, now)) {
      byDigest.remove(digest);
      return null;
    }
    session.lastUsed = now;
    return session;
  }

  /** Ends the session with this id, if there is one. */
  synchronized void remove(String id) {
    Session session = find(id);
    if (session != null) {
      byDigest.remove(digest(session.id));
    }
  }

  synchronized int size() {
    return byDigest.size();
  }

  private void removeExpired(long now) {
    byDigest.values().removeIf(session -> expired(session, now));
  }

  private static boolean expired(Session session, long now) {
    return now - session.lastUsed >= IDLE_TIMEOUT_MILLIS
        || now - session.createdAt >= MAX_AGE_MILLIS;
  }

  /** 256 random bits, URL-safe Base64 (fits a cookie and a header unescaped). */
  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String digest(byte[] id) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(id);
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
