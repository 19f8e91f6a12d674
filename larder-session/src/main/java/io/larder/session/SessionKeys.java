package io.larder.session;

import java.nio.charset.StandardCharsets;

/**
 * The names of a session's keys in the cache: {@code <app>:session:{<id>}} for the session's hash,
 * {@code <app>:session:{<id>}:exclusive} for the entry whose lock ({@code ...:exclusive:lock})
 * serializes requests in {@code exclusive} mode. The braces are a Redis Cluster hash tag: all keys
 * of one session land in one slot.
 */
final class SessionKeys {
  private final String prefix;

  SessionKeys(String applicationName) {
    this.prefix = applicationName + ":session:{";
  }

  byte[] session(String id) {
    return (prefix + id + "}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The expiry marker: an empty string with the session's exact TTL, while the hash lives {@link
   * SessionRepository#EXPIRY_GRACE} longer; its expiry event finds the hash still there.
   */
  byte[] expires(String id) {
    return (prefix + id + "}:expires").getBytes(StandardCharsets.UTF_8);
  }

  /** Taken by the one instance that reports a session's expiry to the listeners. */
  byte[] destroyed(String id) {
    return (prefix + id + "}:destroyed").getBytes(StandardCharsets.UTF_8);
  }

  /** The id in an expiry marker's key, or null if {@code key} is none of this application's. */
  String idOfExpires(String key) {
    String suffix = "}:expires";
    if (key.startsWith(prefix) && key.endsWith(suffix)) {
      String id = key.substring(prefix.length(), key.length() - suffix.length());
      return SessionIds.isWellFormed(id) ? id : null;
    }
    return null;
  }

  /** The key handed to the client's lock API, which locks {@code <this>:lock}. */
  String exclusive(String id) {
    return prefix + id + "}:exclusive";
  }

  /** The id in a session key, or null if {@code key} is not one of this application's. */
  String idOf(String key) {
    if (key.startsWith(prefix) && key.endsWith("}")) {
      String id = key.substring(prefix.length(), key.length() - 1);
      return SessionIds.isWellFormed(id) ? id : null;
    }
    return null;
  }
}
