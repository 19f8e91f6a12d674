package io.larder.server.pubsub;

import static io.larder.server.engine.KeyspaceListener.DEL;
import static io.larder.server.engine.KeyspaceListener.EXPIRE;
import static io.larder.server.engine.KeyspaceListener.HDEL;
import static io.larder.server.engine.KeyspaceListener.HSET;
import static io.larder.server.engine.KeyspaceListener.NEW;
import static io.larder.server.engine.KeyspaceListener.PERSIST;
import static io.larder.server.engine.KeyspaceListener.SET;
import static java.util.Map.entry;

import io.larder.server.engine.ByteKey;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyspace notifications of one cache (Redis's {@code notify-keyspace-events}, set per cache with
 * CONFIG SET; off by default): for each event of an enabled class, publishes the event name on
 * {@code __keyspace@0__:<key>} ({@code K}) and the key on {@code __keyevent@0__:<event>} ({@code
 * E}), in that order, on the cache's own {@link Channels}. A cache has one database, so the
 * database number is always 0.
 *
 * <p>The engine reports what each write did to a key at the one place writes take effect (its
 * commit), and expiry and eviction where they happen; the running command ({@link RunningCommand})
 * only renames those events the way Redis names them per command. The events Larder publishes:
 *
 * <table>
 *   <caption>Events by command</caption>
 *   <tr><th>Commands</th><th>Event(s)</th><th>Class</th></tr>
 *   <tr><td>any write that creates the key</td><td>{@code new}, before the write's own
 *       event</td><td>{@code n}</td></tr>
 *   <tr><td>SET, SETNX, SETEX, PSETEX, GETSET, MSET, MSETNX</td><td>{@code set}, then {@code
 *       expire} when the write gives the key a new expiry (SET EX, SETEX)</td><td>{@code $},
 *       {@code g}</td></tr>
 *   <tr><td>INCR, INCRBY, DECR, DECRBY</td><td>{@code incrby}</td><td>{@code $}</td></tr>
 *   <tr><td>INCRBYFLOAT</td><td>{@code incrbyfloat}</td><td>{@code $}</td></tr>
 *   <tr><td>APPEND</td><td>{@code append}</td><td>{@code $}</td></tr>
 *   <tr><td>SETRANGE</td><td>{@code setrange}</td><td>{@code $}</td></tr>
 *   <tr><td>HSET, HSETNX, HMSET</td><td>{@code hset}</td><td>{@code h}</td></tr>
 *   <tr><td>HINCRBY</td><td>{@code hincrby}</td><td>{@code h}</td></tr>
 *   <tr><td>HINCRBYFLOAT</td><td>{@code hincrbyfloat}</td><td>{@code h}</td></tr>
 *   <tr><td>HDEL</td><td>{@code hdel}, then {@code del} when the last field went</td><td>{@code
 *       h}, {@code g}</td></tr>
 *   <tr><td>DEL, UNLINK, GETDEL</td><td>{@code del} per deleted key</td><td>{@code g}</td></tr>
 *   <tr><td>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, GETEX EX/PX/EXAT/PXAT</td><td>{@code expire};
 *       {@code del} when the time is already past</td><td>{@code g}</td></tr>
 *   <tr><td>PERSIST, GETEX PERSIST</td><td>{@code persist}</td><td>{@code g}</td></tr>
 *   <tr><td>RENAME, RENAMENX</td><td>{@code rename_to} (destination), {@code rename_from}
 *       (source)</td><td>{@code g}</td></tr>
 *   <tr><td>COPY</td><td>{@code copy_to}</td><td>{@code g}</td></tr>
 *   <tr><td>a key's time to live ran out (found by the reaper, a read or a write)</td><td>{@code
 *       expired}, once per expiry</td><td>{@code x}</td></tr>
 *   <tr><td>a key evicted to stay within the cache's memory quota</td><td>{@code
 *       evicted}</td><td>{@code e}</td></tr>
 *   <tr><td>FLUSHDB, FLUSHALL</td><td>none (as in Redis)</td><td></td></tr>
 * </table>
 *
 * <p>Differences from Redis 7.0: RENAME publishes {@code rename_to} before {@code rename_from} (the
 * order the engine makes the two changes in); a write that changes nothing (EXPIRE to the expiry a
 * key already has) publishes nothing; classes {@code l s z t d} (types and modules Larder does not
 * have) and {@code m} (key misses) are accepted and shown but never publish anything.
 *
 * <p>Cost: when notifications are off a write pays one volatile read ({@link #observesChanges});
 * when they are on but nobody in the cache subscribes to anything, nothing is encoded.
 */
public final class KeyspaceNotifier {
  private static final byte[] KEYSPACE_PREFIX = ascii("__keyspace@0__:");
  private static final String NONE = "";

  /** Renames of engine events for commands Redis gives their own event names; "" drops one. */
  private static final Map<String, Map<String, String>> BY_COMMAND = byCommand();

  /** Every event Larder publishes, with its class and channel. */
  private static final Map<String, Event> EVENTS = events();

  private static final Event EXPIRED = EVENTS.get("expired");
  private static final Event EVICTED = EVENTS.get("evicted");

  private final Channels channels;
  private volatile int flags;
  private volatile boolean observing;

  /** An event name, its class, and the keyevent channel it is published on. */
  private record Event(byte[] name, int eventClass, ByteKey channel) {}

  public KeyspaceNotifier(Channels channels) {
    this.channels = channels;
  }

  /** The setting as CONFIG GET shows it (Redis's normalized form; empty when off). */
  public String configuration() {
    return EventClasses.format(flags);
  }

  /**
   * Applies a {@code notify-keyspace-events} value.
   *
   * @throws IllegalArgumentException with Redis's reason, for a character that is no class
   */
  public void configure(String classes) {
    int parsed = EventClasses.parse(classes);
    flags = parsed;
    observing =
        EventClasses.publishes(parsed)
            && (parsed
                    & (EventClasses.GENERIC
                        | EventClasses.STRING
                        | EventClasses.HASH
                        | EventClasses.NEW))
                != 0;
  }

  /** Whether writes should report their changes: one volatile read, false while off. */
  public boolean observesChanges() {
    return observing;
  }

  /**
   * A write changed key; event is one of the engine's change names ({@code set}, {@code del} …).
   */
  public void changed(ByteKey key, String event) {
    String name = event;
    String command = RunningCommand.name();
    if (command != null) {
      Map<String, String> renames = BY_COMMAND.get(command);
      if (renames != null) {
        name = renames.getOrDefault(event, event);
      }
    }
    Event known = EVENTS.get(name);
    if (known != null) {
      publish(known, key);
    }
  }

  /** key's time to live ran out; the engine reports each expiry once. */
  public void expired(ByteKey key) {
    publish(EXPIRED, key);
  }

  /** key was evicted to keep the cache within its memory quota. */
  public void evicted(ByteKey key) {
    publish(EVICTED, key);
  }

  private void publish(Event event, ByteKey key) {
    int enabled = flags;
    if ((enabled & event.eventClass()) == 0 || channels.isEmpty()) {
      return;
    }
    if ((enabled & EventClasses.KEYSPACE) != 0) {
      byte[] channel = new byte[KEYSPACE_PREFIX.length + key.length()];
      System.arraycopy(KEYSPACE_PREFIX, 0, channel, 0, KEYSPACE_PREFIX.length);
      System.arraycopy(key.bytes(), 0, channel, KEYSPACE_PREFIX.length, key.length());
      channels.publish(new ByteKey(channel), event.name());
    }
    if ((enabled & EventClasses.KEYEVENT) != 0) {
      channels.publish(event.channel(), key.bytes());
    }
  }

  private static Map<String, Map<String, String>> byCommand() {
    Map<String, String> incrby = Map.of(SET, "incrby");
    Map<String, String> renamed = Map.of(SET, "rename_to", DEL, "rename_from", EXPIRE, NONE);
    return Map.ofEntries(
        entry("incr", incrby),
        entry("incrby", incrby),
        entry("decr", incrby),
        entry("decrby", incrby),
        entry("incrbyfloat", Map.of(SET, "incrbyfloat")),
        entry("append", Map.of(SET, "append")),
        entry("setrange", Map.of(SET, "setrange")),
        entry("hincrby", Map.of(HSET, "hincrby")),
        entry("hincrbyfloat", Map.of(HSET, "hincrbyfloat")),
        entry("rename", renamed),
        entry("renamenx", renamed),
        entry("copy", Map.of(SET, "copy_to", EXPIRE, NONE)));
  }

  private static Map<String, Event> events() {
    Map<String, Integer> classes = new HashMap<>();
    classes.put(NEW, EventClasses.NEW);
    for (String name : new String[] {SET, "incrby", "incrbyfloat", "append", "setrange"}) {
      classes.put(name, EventClasses.STRING);
    }
    for (String name : new String[] {HSET, HDEL, "hincrby", "hincrbyfloat"}) {
      classes.put(name, EventClasses.HASH);
    }
    for (String name : new String[] {DEL, EXPIRE, PERSIST, "rename_from", "rename_to", "copy_to"}) {
      classes.put(name, EventClasses.GENERIC);
    }
    classes.put("expired", EventClasses.EXPIRED);
    classes.put("evicted", EventClasses.EVICTED);
    Map<String, Event> events = new HashMap<>();
    classes.forEach(
        (name, eventClass) ->
            events.put(
                name,
                new Event(ascii(name), eventClass, new ByteKey(ascii("__keyevent@0__:" + name)))));
    return Map.copyOf(events);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
