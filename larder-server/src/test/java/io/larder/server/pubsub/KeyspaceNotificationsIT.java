package io.larder.server.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.EvictionPolicy;
import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.Tenant;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keyspace notifications against a running server: CONFIG SET/GET of notify-keyspace-events per
 * cache, the events writes, expiry and commands publish, and that each expiry is published once.
 *
 * <p>Each test ends what it expects with a marker message published after the writes: messages from
 * one publisher arrive in order, so everything read before the marker is everything the writes
 * published.
 */
class KeyspaceNotificationsIT {
  private static final String MARKER = "test-marker";

  @RegisterExtension
  static final TestServer server = TestServer.perClass(Map.of("active-expire-interval", "50ms"));

  private static String otherKey;
  private RespClient subscriber;
  private RespClient client;

  @BeforeAll
  static void createOtherCache() {
    Tenant other = server.server().tenants().create("other", CacheSettings.defaults(false));
    otherKey = other.primaryKey().text();
  }

  @BeforeEach
  void connect() {
    client = server.connectAuthenticated();
    client.call("FLUSHALL");
    subscriber = server.connectAuthenticated();
    subscriber.call("SUBSCRIBE", MARKER);
  }

  @AfterEach
  void disconnect() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "");
    client.close();
    subscriber.close();
  }

  @Test
  void notifications_byDefault_areOff() {
    subscriber.call("PSUBSCRIBE", "__key*");

    client.call("SET", "k", "v");
    client.call("DEL", "k");

    assertThat(client.call("CONFIG", "GET", "notify-keyspace-events"))
        .isEqualTo(List.of("notify-keyspace-events", ""));
    assertThat(eventsUntilMarker()).isEmpty();
  }

  @Test
  void configSet_classes_readBackInRedisNormalizedForm() {
    assertThat(client.call("CONFIG", "SET", "notify-keyspace-events", "Egx")).isEqualTo("OK");
    assertThat(client.call("CONFIG", "GET", "notify-keyspace-events"))
        .isEqualTo(List.of("notify-keyspace-events", "gxE"));

    assertThat(client.call("CONFIG", "SET", "notify-keyspace-events", "KEQ"))
        .isEqualTo(
            new RespClient.Error(
                "ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') -"
                    + " Invalid event class character. Use 'Ag$lshzxeKEtmdn'."));
    assertThat(client.call("CONFIG", "GET", "notify*"))
        .isEqualTo(List.of("notify-keyspace-events", "gxE"));
  }

  @Test
  void configSet_refusedWithOtherParameter_changesNothing() {
    Object reply = client.call("CONFIG", "SET", "notify-keyspace-events", "KEA", "maxclients", "1");

    assertThat(reply).isInstanceOf(RespClient.Error.class);
    assertThat(client.call("CONFIG", "GET", "notify-keyspace-events"))
        .isEqualTo(List.of("notify-keyspace-events", ""));
  }

  @Test
  void configSet_inOneCache_leavesOtherCachesOff() {
    try (RespClient other = server.connect()) {
      other.call("AUTH", "other", otherKey);
      other.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
      subscriber.call("PSUBSCRIBE", "__key*");

      client.call("SET", "k", "v");
      other.call("SET", "k", "v");

      assertThat(client.call("CONFIG", "GET", "notify-keyspace-events"))
          .isEqualTo(List.of("notify-keyspace-events", ""));
      assertThat(eventsUntilMarker()).isEmpty();
      other.call("CONFIG", "SET", "notify-keyspace-events", "");
    }
  }

  @Test
  void set_keyspaceAndKeyevent_publishBothInOrder() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "KEA");
    subscriber.call("PSUBSCRIBE", "__key*");

    client.call("SET", "k", "v");

    assertThat(eventsUntilMarker())
        .containsExactly(
            List.of("pmessage", "__key*", "__keyspace@0__:k", "set"),
            List.of("pmessage", "__key*", "__keyevent@0__:set", "k"));
  }

  @Test
  void writes_publishTheirKeyevents() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "EA");
    subscriber.call("PSUBSCRIBE", "__keyevent@0__:*");

    client.call("SET", "s", "v");
    client.call("SET", "s", "v", "EX", "100");
    client.call("HSET", "h", "f", "1", "g", "2");
    client.call("HDEL", "h", "f", "nosuch");
    client.call("EXPIRE", "h", "100");
    client.call("PERSIST", "h");
    client.call("HDEL", "h", "g");
    client.call("MSET", "a", "1", "b", "2");
    client.call("DEL", "a", "b", "nosuch");
    client.call("EXPIRE", "s", "-1");

    assertThat(keyevents())
        .containsExactly(
            "set s",
            "set s",
            "expire s",
            "hset h",
            "hdel h",
            "expire h",
            "persist h",
            "hdel h",
            "del h",
            "set a",
            "set b",
            "del a",
            "del b",
            "del s");
  }

  @Test
  void commandsRedisNamesItsOwnWay_publishRedisNames() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "EA");
    subscriber.call("PSUBSCRIBE", "__keyevent@0__:*");

    client.call("INCR", "n");
    client.call("INCRBYFLOAT", "n", "1.5");
    client.call("APPEND", "s", "ab");
    client.call("SETRANGE", "s", "1", "x");
    client.call("HINCRBY", "h", "f", "1");
    client.call("HINCRBYFLOAT", "h", "f", "1.5");
    client.call("RENAME", "s", "t");

    assertThat(keyevents())
        .containsExactly(
            "incrby n",
            "incrbyfloat n",
            "append s",
            "setrange s",
            "hincrby h",
            "hincrbyfloat h",
            "rename_to t",
            "rename_from s");
  }

  @Test
  void newKeys_withClassN_publishNewBeforeTheWrite() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "E$n");
    subscriber.call("PSUBSCRIBE", "__keyevent@0__:*");

    client.call("SET", "k", "v");
    client.call("SET", "k", "w");

    assertThat(keyevents()).containsExactly("new k", "set k", "set k");
  }

  @Test
  void springSessionSetting_Egx_publishesDelExpireAndExpiredOnly() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "Egx");
    subscriber.call("PSUBSCRIBE", "__keyevent@*__:*");

    client.call("HSET", "session", "attr", "1");
    client.call("PEXPIRE", "session", "100000");
    client.call("SET", "other", "v");
    client.call("DEL", "session");

    assertThat(keyevents()).containsExactly("expire session", "del session");
  }

  @Test
  void expiry_keyWithPx200_publishesExactlyOneExpired() throws InterruptedException {
    client.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
    subscriber.call("SUBSCRIBE", "__keyevent@0__:expired");

    client.call("SET", "short", "v", "PX", "200");

    assertThat(subscriber.read()).isEqualTo(List.of("message", "__keyevent@0__:expired", "short"));
    // reads that find it gone, and the reaper's later rounds, must not report it again
    assertThat(client.call("GET", "short")).isNull();
    Thread.sleep(300);
    assertThat(client.call("EXISTS", "short")).isEqualTo(0L);
    assertThat(eventsUntilMarker()).isEmpty();
  }

  @Test
  void expiry_foundByReadsBeforeTheReaper_publishesOnce() throws InterruptedException {
    client.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
    subscriber.call("SUBSCRIBE", "__keyevent@0__:expired");
    for (int i = 0; i < 20; i++) {
      client.call("SET", "key" + i, "v", "PX", "100");
    }
    Thread.sleep(150);

    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 20; i++) {
        client.send("GET", "key" + i);
      }
      for (int i = 0; i < 20; i++) {
        assertThat(client.read()).isNull();
      }
    }
    Thread.sleep(300); // a few reaper rounds

    List<String> expired = new ArrayList<>();
    for (List<?> event : eventsUntilMarker()) {
      expired.add((String) event.get(2));
    }
    assertThat(expired).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void expiry_foundByAReadLongBeforeTheReaper_publishesExpired() throws InterruptedException {
    try (TestServer slowReaper = TestServer.start(Map.of("active-expire-interval", "1h"));
        RespClient writer = slowReaper.connectAuthenticated();
        RespClient listener = slowReaper.connectAuthenticated()) {
      writer.call("CONFIG", "SET", "notify-keyspace-events", "Ex");
      listener.call("SUBSCRIBE", "__keyevent@0__:expired");
      writer.call("SET", "lazy", "v", "PX", "50");
      Thread.sleep(100);

      assertThat(writer.call("GET", "lazy")).isNull();

      assertThat(listener.read()).isEqualTo(List.of("message", "__keyevent@0__:expired", "lazy"));
    }
  }

  @Test
  void eviction_overTheQuota_publishesEvictedOncePerKey() {
    CacheSettings small =
        CacheSettings.defaults(false)
            .withMemoryQuota(CacheSettings.MIN_MEMORY)
            .withEviction(EvictionPolicy.ALLKEYS_LRU);
    Tenant cache = server.server().tenants().create("small", small);
    try (RespClient writer = server.connect();
        RespClient listener = server.connect()) {
      writer.call("AUTH", "small", cache.primaryKey().text());
      listener.call("AUTH", "small", cache.primaryKey().text());
      writer.call("CONFIG", "SET", "notify-keyspace-events", "Ee");
      listener.call("SUBSCRIBE", "__keyevent@0__:evicted", MARKER);
      listener.read();
      String value = "v".repeat(16 * 1024);
      int written = 200; // about 3 MiB into a 1 MiB cache
      for (int i = 0; i < written; i++) {
        writer.call("SET", "key" + i, value);
      }
      writer.call("PUBLISH", MARKER, "end");

      List<String> evicted = new ArrayList<>();
      for (List<?> message = (List<?>) listener.read();
          !message.get(1).equals(MARKER);
          message = (List<?>) listener.read()) {
        evicted.add((String) message.get(2));
      }

      assertThat(evicted).isNotEmpty().doesNotHaveDuplicates();
      assertThat((Long) writer.call("DBSIZE") + evicted.size()).isEqualTo(written);
    } finally {
      server.server().tenants().delete("small");
    }
  }

  @Test
  void notificationOfOwnWriteResp3_comesAfterTheReply() {
    client.call("CONFIG", "SET", "notify-keyspace-events", "E$");
    client.call("HELLO", "3");
    client.call("SUBSCRIBE", "__keyevent@0__:set");

    assertThat(client.callRaw("SET", "k", "v")).isEqualTo("+OK\r\n");
    assertThat(client.read()).isEqualTo(List.of("message", "__keyevent@0__:set", "k"));
  }

  /** The keyevent messages up to the marker, as "event key". */
  private List<String> keyevents() {
    List<String> events = new ArrayList<>();
    for (List<?> message : eventsUntilMarker()) {
      String channel = (String) message.get(2);
      events.add(channel.substring(channel.indexOf(':') + 1) + " " + message.get(3));
    }
    return events;
  }

  /** Publishes the marker and returns every message the subscriber got before it. */
  private List<List<?>> eventsUntilMarker() {
    try (RespClient publisher = server.connectAuthenticated()) {
      publisher.call("PUBLISH", MARKER, "end");
    }
    List<List<?>> messages = new ArrayList<>();
    while (true) {
      List<?> message = (List<?>) subscriber.read();
      if (message.get(0).equals("message") && message.get(1).equals(MARKER)) {
        return messages;
      }
      messages.add(message);
    }
  }
}
