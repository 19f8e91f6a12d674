package io.larder.session;

import io.larder.client.Codec;
import io.larder.client.CodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session as one request sees it, and what that request changed.
 *
 * <p>Attributes are decoded when first read, not when the session is loaded, so a request pays only
 * for what it uses. Every attribute the request read or set stays referenced here, and when the
 * request saves, each is encoded again and compared with the bytes the cache holds: an object
 * changed in place, without {@code setAttribute}, is saved like a set one, and an attribute set to
 * an equal value is not written at all. Values of immutable JDK types ({@code String}, boxed
 * primitives, {@code java.time}, ...) cannot change in place and are not encoded again.
 *
 * <p>A stored value that no longer decodes (its class changed incompatibly, left the classpath or
 * is refused by the allowlist) is dropped: the request sees no such attribute, the field is deleted
 * with the next save, and a warning names the attribute and the reason, never the value.
 *
 * <p>Expiry slides: every save sets the key's TTL to the timeout again, and a request that changes
 * nothing still records its access and refreshes the TTL, but only when the last recorded access is
 * older than the refresh interval ({@link #refreshMillis}), so a burst of requests does not write
 * on each one. To keep throttling from shortening a session, the TTL is the timeout plus that
 * interval.
 *
 * <p>Thread-safe (a request may hand its session to other threads); all methods lock this.
 */
final class SessionState {
  private static final Logger LOG = LoggerFactory.getLogger(SessionState.class);
  private static final long LONGEST_REFRESH_INTERVAL_MILLIS = 60_000;
  private static final Set<Class<?>> IMMUTABLE =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Double.class,
          Float.class,
          Boolean.class,
          Character.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class);

  private final Codec<Object> codec;
  private String id;
  private final long created;
  private long accessed;
  private final long thisAccess;
  private int timeoutSeconds;
  private boolean persisted;
  private boolean timeoutChanged;
  private boolean invalid;

  /** The bytes the cache holds, per attribute: what changes are measured against. */
  private final Map<String, byte[]> stored;

  /** Attributes read or set by this request. */
  private final Map<String, Object> live = new HashMap<>();

  /** Bytes of values set by this request (encoded to check them), until saved. */
  private final Map<String, byte[]> setBytes = new HashMap<>();

  /** The attributes the session has now. */
  private final Set<String> names;

  private SessionState(
      Codec<Object> codec,
      String id,
      long created,
      long accessed,
      long thisAccess,
      int timeoutSeconds,
      boolean persisted,
      Map<String, byte[]> stored) {
    this.codec = codec;
    this.id = id;
    this.created = created;
    this.accessed = accessed;
    this.thisAccess = thisAccess;
    this.timeoutSeconds = timeoutSeconds;
    this.persisted = persisted;
    this.stored = new HashMap<>(stored);
    this.names = new LinkedHashSet<>(stored.keySet());
  }

  /** A session read from the cache by a request that started at {@code now}. */
  static SessionState loaded(StoredSession session, Codec<Object> codec, long now) {
    return new SessionState(
        codec,
        session.id(),
        session.created(),
        session.accessed(),
        now,
        session.timeoutSeconds(),
        true,
        session.attributes());
  }

  /** A new session, not yet in the cache. */
  static SessionState created(String id, int timeoutSeconds, Codec<Object> codec, long now) {
    return new SessionState(codec, id, now, now, now, timeoutSeconds, false, Map.of());
  }

  /** How long throttling lets the recorded access lag: a tenth of the timeout, at most a minute. */
  static long refreshMillis(int timeoutSeconds) {
    return Math.min(LONGEST_REFRESH_INTERVAL_MILLIS, timeoutSeconds * 100L);
  }

  /** The key's TTL for a timeout: the timeout plus the refresh interval; zero or less: none. */
  static long ttlMillis(int timeoutSeconds) {
    return timeoutSeconds <= 0 ? 0 : timeoutSeconds * 1000L + refreshMillis(timeoutSeconds);
  }

  synchronized String id() {
    return id;
  }

  synchronized void changeId(String newId) {
    this.id = newId;
  }

  long created() {
    return created;
  }

  synchronized long accessed() {
    return accessed;
  }

  synchronized int timeoutSeconds() {
    return timeoutSeconds;
  }

  synchronized void timeoutSeconds(int seconds) {
    if (seconds != timeoutSeconds) {
      timeoutSeconds = seconds;
      timeoutChanged = true;
    }
  }

  /** Whether the cache has this session (false until a new one's first save). */
  synchronized boolean persisted() {
    return persisted;
  }

  synchronized boolean invalid() {
    return invalid;
  }

  synchronized void invalidate() {
    invalid = true;
  }

  synchronized List<String> names() {
    return List.copyOf(names);
  }

  /** The attribute's value, decoding it on first use; null if absent or dropped. */
  synchronized Object get(String name) {
    if (!names.contains(name)) {
      return null;
    }
    Object value = live.get(name);
    if (value != null) {
      return value;
    }
    byte[] bytes = stored.get(name);
    if (bytes == null) {
      return null;
    }
    try {
      value = codec.decode(bytes);
    } catch (RuntimeException e) { // CodecException, or a class whose readObject throws
      LOG.warn(
          "Session {}: attribute '{}' cannot be read and is dropped: {}",
          SessionIds.forLog(id),
          name,
          e.getMessage());
      names.remove(name);
      return null;
    }
    live.put(name, value);
    return value;
  }

  /**
   * Sets an attribute, checking at once that the codec can store it (and read it back).
   *
   * @throws IllegalArgumentException naming the attribute and its class if it cannot be stored
   */
  synchronized void set(String name, Object value) {
    byte[] bytes;
    try {
      bytes = codec.encode(value);
    } catch (CodecException e) {
      throw new IllegalArgumentException(
          "session attribute '"
              + name
              + "' (a "
              + value.getClass().getName()
              + ") cannot be stored in the session: "
              + e.getMessage()
              + "; session attributes must be "
              + (codec.name().equals("json") ? "JSON-mappable" : "Serializable")
              + " and their classes allowed by larder.session.allowlist",
          e);
    }
    names.add(name);
    live.put(name, value);
    setBytes.put(name, bytes);
  }

  /** Removes an attribute; its value (decoded if need be), or null if it had none. */
  synchronized Object remove(String name) {
    if (!names.contains(name)) {
      return null;
    }
    Object old = live.containsKey(name) ? live.get(name) : quietDecode(stored.get(name));
    names.remove(name);
    live.remove(name);
    setBytes.remove(name);
    return old;
  }

  /** The value the attribute has now, decoded without dropping it if that fails; for events. */
  synchronized Object peek(String name) {
    if (!names.contains(name)) {
      return null;
    }
    return live.containsKey(name) ? live.get(name) : quietDecode(stored.get(name));
  }

  private Object quietDecode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return codec.decode(bytes);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * What a save at this point must write: nothing if nothing changed and the recorded access is
   * recent enough.
   */
  synchronized SessionWrite changes() {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    if (!persisted) {
      fields.put(StoredSession.CREATED, StoredSession.number(created));
    }
    if (!persisted || timeoutChanged) {
      fields.put(StoredSession.TIMEOUT, StoredSession.number(timeoutSeconds));
    }
    for (Map.Entry<String, Object> entry : live.entrySet()) {
      String name = entry.getKey();
      byte[] bytes = currentBytes(name, entry.getValue());
      if (bytes != null && !Arrays.equals(bytes, stored.get(name))) {
        fields.put(StoredSession.ATTRIBUTE_PREFIX + name, bytes);
      }
    }
    List<String> removed = new ArrayList<>();
    for (String name : stored.keySet()) {
      if (!names.contains(name)) {
        removed.add(name);
      }
    }
    boolean refreshDue = thisAccess - accessed >= refreshMillis(timeoutSeconds);
    Long ttl = null;
    if (!fields.isEmpty() || !removed.isEmpty() || refreshDue) {
      fields.put(StoredSession.ACCESSED, StoredSession.number(thisAccess));
      ttl = ttlMillis(timeoutSeconds);
    }
    return new SessionWrite(id, fields, removed, ttl);
  }

  /** The bytes of a live value now; null if it is unchanged for sure, or cannot be encoded. */
  private byte[] currentBytes(String name, Object value) {
    byte[] set = setBytes.get(name);
    if (isImmutable(value)) {
      return set; // decoded from the cache and immutable: unchanged
    }
    try {
      return codec.encode(value);
    } catch (RuntimeException e) {
      // Changed in place into something the codec refuses, after setAttribute had accepted it.
      LOG.error(
          "Session {}: attribute '{}' (a {}) can no longer be stored and keeps its last saved"
              + " value: {}",
          SessionIds.forLog(id),
          name,
          value.getClass().getName(),
          e.getMessage());
      return null;
    }
  }

  private static boolean isImmutable(Object value) {
    Class<?> type = value.getClass();
    return IMMUTABLE.contains(type)
        || value instanceof Enum<?>
        || type.getPackageName().equals("java.time");
  }

  /** {@code write} reached the cache: it is the new baseline. */
  synchronized void written(SessionWrite write) {
    for (Map.Entry<String, byte[]> field : write.fields().entrySet()) {
      if (field.getKey().startsWith(StoredSession.ATTRIBUTE_PREFIX)) {
        stored.put(
            field.getKey().substring(StoredSession.ATTRIBUTE_PREFIX.length()), field.getValue());
      }
    }
    write.removedAttributes().forEach(stored::remove);
    if (write.fields().containsKey(StoredSession.ACCESSED)) {
      accessed = thisAccess;
    }
    setBytes.clear();
    persisted = true;
    timeoutChanged = false;
  }
}
