package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import io.larder.server.testing.RespClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a row of the isolation matrix works with: two caches on one server, A ({@code default}) and
 * B ({@code other}), seeded with the same key names holding different values, a connection to each,
 * and an observer per cache that reads contents and figures without counting as the row's own
 * commands.
 *
 * <p>Seed (a key of B's alone, {@code onlyB}, lets a reply show whether A sees it):
 *
 * <pre>
 *        A (default)                 B (other)
 *   s    "alpha"                     "bravo-b"
 *   n    "10"                        "500"
 *   f    "1.5"                       "7.25"
 *   h    {f1:a1, f2:a2, c:1}         {f1:b-1, f2:b-2, f3:b-3, c:100}
 *   t    "a-ttl", EX 1000            "b-ttl", EX 5000
 *   onlyB                            "b-only", EX 9000
 * </pre>
 *
 * So A has 5 keys (1 with an expiry), B has 6 (2 with an expiry).
 */
final class IsolationContext implements AutoCloseable {
  static final List<String> A_KEYS = List.of("s", "n", "f", "h", "t");
  static final List<String> B_KEYS = List.of("s", "n", "f", "h", "t", "onlyB");

  /** Subscribers also listen here; a marker published after a check shows what came before. */
  static final String MARKER = "isolation-marker";

  private final TwoCacheServer server;
  private final RespClient observerA;
  private final RespClient observerB;
  private final Set<String> exercised = new LinkedHashSet<>();
  private final List<Conn> opened = new ArrayList<>();

  /** The row's connection to A. */
  final Conn a;

  /** The row's connection to B. */
  final Conn b;

  /** Connects the observers, seeds both caches, and connects the row's two connections. */
  IsolationContext(TwoCacheServer server) {
    this.server = server;
    this.observerA = server.connectDefault();
    this.observerB = server.connectOther();
    seed(observerA, observerB);
    this.a = connectA();
    this.b = connectB();
  }

  /** Empties both caches and writes the seed; resets statistics and notifications. */
  private static void seed(RespClient observerA, RespClient observerB) {
    for (RespClient observer : List.of(observerA, observerB)) {
      assertThat(observer.call("FLUSHALL")).isEqualTo("OK");
      assertThat(observer.call("CONFIG", "SET", "notify-keyspace-events", "")).isEqualTo("OK");
    }
    observerA.call("MSET", "s", "alpha", "n", "10", "f", "1.5");
    observerA.call("HSET", "h", "f1", "a1", "f2", "a2", "c", "1");
    observerA.call("SET", "t", "a-ttl", "EX", "1000");
    observerB.call("MSET", "s", "bravo-b", "n", "500", "f", "7.25");
    observerB.call("HSET", "h", "f1", "b-1", "f2", "b-2", "f3", "b-3", "c", "100");
    observerB.call("SET", "t", "b-ttl", "EX", "5000");
    observerB.call("SET", "onlyB", "b-only", "EX", "9000");
    for (RespClient observer : List.of(observerA, observerB)) {
      assertThat(observer.call("CONFIG", "RESETSTAT")).isEqualTo("OK");
    }
  }

  /** A new connection authenticated to A. */
  Conn connectA() {
    return track(new Conn(server.connectDefault()));
  }

  /** A new connection authenticated to B. */
  Conn connectB() {
    return track(new Conn(server.connectOther()));
  }

  /** A new connection, not authenticated. */
  Conn connect() {
    return track(new Conn(server.testServer().connect()));
  }

  /** A new RESP2 connection to A subscribed to the marker channel and to channels. */
  Conn subscriberA(String... channels) {
    return subscribed(connectA(), channels);
  }

  /** A new RESP2 connection to B subscribed to the marker channel and to channels. */
  Conn subscriberB(String... channels) {
    return subscribed(connectB(), channels);
  }

  private static Conn subscribed(Conn subscriber, String... channels) {
    subscriber.call("SUBSCRIBE", MARKER);
    for (String channel : channels) {
      subscriber.call("SUBSCRIBE", channel);
    }
    return subscriber;
  }

  private Conn track(Conn conn) {
    opened.add(conn);
    return conn;
  }

  TwoCacheServer server() {
    return server;
  }

  /** A's observer: reads and setup that are not the row's commands. */
  RespClient observerA() {
    return observerA;
  }

  /** B's observer. */
  RespClient observerB() {
    return observerB;
  }

  /** The commands the row's connections sent (registry names). */
  Set<String> exercised() {
    return exercised;
  }

  /** Everything A holds, key by key: type, value and absolute expiry. */
  Map<String, String> contentsA() {
    return contents(observerA);
  }

  /** Everything B holds. */
  Map<String, String> contentsB() {
    return contents(observerB);
  }

  private static Map<String, String> contents(RespClient observer) {
    Map<String, String> contents = new TreeMap<>();
    for (Object key : IsolationRow.asList(observer.call("KEYS", "*"))) {
      Object type = observer.call("TYPE", key);
      Object value =
          "hash".equals(type)
              ? new TreeMap<>(
                  IsolationRow.asMap(IsolationRow.asList(observer.call("HGETALL", key))))
              : observer.call("GET", key);
      contents.put(
          (String) key, type + " " + value + " expires " + observer.call("PEXPIRETIME", key));
    }
    return contents;
  }

  /**
   * Publishes the marker in the subscribers' cache and checks that it is the next thing each
   * receives: nothing published before it (in any cache) reached them. Delivery to one connection
   * keeps the order of publication, so this needs no waiting.
   */
  static void markerComesNext(RespClient publisherInTheirCache, Conn... subscribers) {
    assertThat(publisherInTheirCache.call("PUBLISH", MARKER, "marker")).isNotEqualTo(0L);
    for (Conn subscriber : subscribers) {
      // a message, or a pmessage when the subscriber listens to a pattern that matches the marker
      assertThat(IsolationRow.asList(subscriber.read()))
          .as("the next message after the checks")
          .endsWith(MARKER, "marker");
    }
  }

  /** One value of an INFO reply, or null when the field is absent. */
  static String infoField(Object info, String field) {
    for (String line : String.valueOf(info).split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    opened.forEach(Conn::close);
    observerA.close();
    observerB.close();
  }

  /** A connection of the row: a {@link RespClient} that records the commands it sends. */
  final class Conn implements AutoCloseable {
    private final RespClient client;

    private Conn(RespClient client) {
      this.client = client;
    }

    Object call(Object... args) {
      send(args);
      return client.read();
    }

    String callRaw(Object... args) {
      send(args);
      return client.readRaw();
    }

    void send(Object... args) {
      exercised.add(IsolationRow.commandName(args));
      client.send(args);
    }

    Object read() {
      return client.read();
    }

    boolean isClosedByServer(int waitMillis) {
      return client.isClosedByServer(waitMillis);
    }

    /** CLIENT ID, without recording it as the row's command. */
    long id() {
      return (Long) client.call("CLIENT", "ID");
    }

    /** This connection's {@code ip:port} as the server sees it, from its own CLIENT INFO. */
    String address() {
      String info = (String) client.call("CLIENT", "INFO");
      return field(info, "addr");
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** One {@code name=value} field of a CLIENT INFO/LIST line. */
  static String field(String clientLine, String name) {
    for (String part : clientLine.trim().split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return null;
  }
}
