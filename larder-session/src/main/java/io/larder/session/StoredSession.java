package io.larder.session;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A session as the cache holds it: one hash with the fields {@code created} and {@code accessed}
 * (epoch milliseconds), {@code timeout} (seconds; zero or less never expires) and {@code
 * attr:<name>} per attribute (the codec's bytes). A hash without {@code created} is no session: it
 * is what a write racing an invalidation can leave, and it is ignored (it expires with its TTL).
 */
record StoredSession(
    String id, long created, long accessed, int timeoutSeconds, Map<String, byte[]> attributes) {
  static final String CREATED = "created";
  static final String ACCESSED = "accessed";
  static final String TIMEOUT = "timeout";
  static final String ATTRIBUTE_PREFIX = "attr:";

  static byte[] field(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] attributeField(String attribute) {
    return field(ATTRIBUTE_PREFIX + attribute);
  }

  /** Whether the session has expired: its last recorded access is older than its TTL. */
  boolean isExpiredAt(long now) {
    return timeoutSeconds > 0 && now - accessed >= SessionState.ttlMillis(timeoutSeconds);
  }

  /** All the fields of this session, as a save of the whole of it writes them. */
  Map<String, byte[]> fields() {
    Map<String, byte[]> fields = new HashMap<>();
    fields.put(CREATED, number(created));
    fields.put(ACCESSED, number(accessed));
    fields.put(TIMEOUT, number(timeoutSeconds));
    attributes.forEach((name, value) -> fields.put(ATTRIBUTE_PREFIX + name, value));
    return fields;
  }

  static byte[] number(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** The session in a hash as HGETALL returned it, or null if it is none (see above). */
  static StoredSession fromHash(String id, Map<byte[], byte[]> hash) {
    Map<String, byte[]> fields = new HashMap<>();
    hash.forEach((field, value) -> fields.put(new String(field, StandardCharsets.UTF_8), value));
    return fromFields(id, fields);
  }

  /** Like {@link #fromHash}, with the field names already decoded. */
  static StoredSession fromFields(String id, Map<String, byte[]> fields) {
    Long created = null;
    Long accessed = null;
    Long timeout = null;
    Map<String, byte[]> attributes = new HashMap<>();
    for (Map.Entry<String, byte[]> entry : fields.entrySet()) {
      String field = entry.getKey();
      if (field.startsWith(ATTRIBUTE_PREFIX)) {
        attributes.put(field.substring(ATTRIBUTE_PREFIX.length()), entry.getValue());
      } else if (field.equals(CREATED)) {
        created = parse(entry.getValue());
      } else if (field.equals(ACCESSED)) {
        accessed = parse(entry.getValue());
      } else if (field.equals(TIMEOUT)) {
        timeout = parse(entry.getValue());
      }
    }
    if (created == null || timeout == null) {
      return null;
    }
    return new StoredSession(
        id,
        created,
        accessed != null ? accessed : created,
        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, timeout)),
        attributes);
  }

  private static Long parse(byte[] value) {
    try {
      return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
