package io.larder.server;

import static io.larder.server.IsolationContext.MARKER;
import static io.larder.server.IsolationContext.infoField;
import static io.larder.server.IsolationContext.markerComesNext;
import static io.larder.server.IsolationRow.asList;
import static io.larder.server.IsolationRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import java.util.List;

/**
 * The isolation matrix's rows for pub/sub and keyspace notifications: channels, patterns and events
 * belong to one cache. "Gets nothing" is shown without waiting: after the checks, a marker is
 * published in the subscriber's own cache and must be the next thing it receives.
 */
final class IsolationPubSubRows {
  private static final String B = TwoCacheServer.OTHER;
  private static final String KEY_EVENTS = "__key*__:*";

  private IsolationPubSubRows() {}

  static List<IsolationRow> all() {
    String f = "pubsub";
    return List.of(
        row(
            f,
            "PUBLISH in A reaches A's subscribers only and counts only them",
            List.of("publish", "subscribe"),
            caches -> {
              IsolationContext.Conn subA = caches.subscriberA("news");
              IsolationContext.Conn subB = caches.subscriberB("news");
              IsolationContext.Conn subB2 = caches.subscriberB("news");

              assertThat(caches.a.call("PUBLISH", "news", "from-a")).isEqualTo(1L);
              assertThat(subA.read()).isEqualTo(List.of("message", "news", "from-a"));
              markerComesNext(caches.observerB(), subB, subB2);

              assertThat(caches.b.call("PUBLISH", "news", "from-b")).isEqualTo(2L);
              assertThat(subB.read()).isEqualTo(List.of("message", "news", "from-b"));
              assertThat(subB2.read()).isEqualTo(List.of("message", "news", "from-b"));
              markerComesNext(caches.observerA(), subA);
            }),
        row(
            f,
            "PSUBSCRIBE * in B sees nothing of A's messages or A's keyspace events",
            List.of("psubscribe", "publish", "config|set"),
            caches -> {
              IsolationContext.Conn everythingB = caches.connectB();
              assertThat(everythingB.call("PSUBSCRIBE", "*"))
                  .isEqualTo(List.of("psubscribe", "*", 1L));
              assertThat(caches.a.call("CONFIG", "SET", "notify-keyspace-events", "KEA"))
                  .isEqualTo("OK");

              assertThat(caches.a.call("PUBLISH", "news", "from-a")).isEqualTo(0L);
              assertThat(caches.a.call("PUBLISH", MARKER, "fake-marker-from-a")).isEqualTo(0L);
              caches.a.call("SET", "s", "changed");
              caches.a.call("DEL", "h");

              markerComesNext(caches.observerB(), everythingB);
            }),
        row(
            f,
            "UNSUBSCRIBE and PUNSUBSCRIBE in A leave B's subscriptions to the same names",
            List.of("unsubscribe", "punsubscribe", "psubscribe", "subscribe", "publish"),
            caches -> {
              IsolationContext.Conn subA = caches.subscriberA("news");
              IsolationContext.Conn subB = caches.subscriberB("news");
              assertThat(subA.call("PSUBSCRIBE", "n*")).isEqualTo(List.of("psubscribe", "n*", 3L));
              assertThat(subB.call("PSUBSCRIBE", "n*")).isEqualTo(List.of("psubscribe", "n*", 3L));

              assertThat(subA.call("UNSUBSCRIBE", "news"))
                  .isEqualTo(List.of("unsubscribe", "news", 2L));
              assertThat(subA.call("PUNSUBSCRIBE")).isEqualTo(List.of("punsubscribe", "n*", 1L));

              assertThat(caches.b.call("PUBLISH", "news", "from-b")).isEqualTo(2L);
              assertThat(subB.read()).isEqualTo(List.of("message", "news", "from-b"));
              assertThat(subB.read()).isEqualTo(List.of("pmessage", "n*", "news", "from-b"));
              assertThat(caches.a.call("PUBLISH", "news", "from-a")).isEqualTo(0L);
              markerComesNext(caches.observerA(), subA);
              markerComesNext(caches.observerB(), subB);
            }),
        row(
            f,
            "PUBSUB CHANNELS, NUMSUB and NUMPAT in A show A's channels and patterns only",
            List.of("pubsub|channels", "pubsub|numsub", "pubsub|numpat"),
            caches -> {
              caches.subscriberA("a-chan", "shared").call("PSUBSCRIBE", "a*");
              IsolationContext.Conn subB = caches.subscriberB("b-chan", "shared");
              subB.call("PSUBSCRIBE", "b*");
              subB.call("PSUBSCRIBE", "s*");
              caches.subscriberB("shared");

              assertThat(asList(caches.a.call("PUBSUB", "CHANNELS")))
                  .containsExactlyInAnyOrder(MARKER, "a-chan", "shared");
              assertThat(asList(caches.b.call("PUBSUB", "CHANNELS")))
                  .containsExactlyInAnyOrder(MARKER, "b-chan", "shared");
              assertThat(caches.a.call("PUBSUB", "CHANNELS", "b*")).isEqualTo(List.of());
              assertThat(caches.a.call("PUBSUB", "NUMSUB", "shared", "b-chan", "a-chan"))
                  .isEqualTo(List.of("shared", 1L, "b-chan", 0L, "a-chan", 1L));
              assertThat(caches.b.call("PUBSUB", "NUMSUB", "shared", "b-chan", "a-chan"))
                  .isEqualTo(List.of("shared", 2L, "b-chan", 1L, "a-chan", 0L));
              assertThat(caches.a.call("PUBSUB", "NUMPAT")).isEqualTo(1L);
              assertThat(caches.b.call("PUBSUB", "NUMPAT")).isEqualTo(2L);
            }),
        row(
            "notifications",
            "keyspace events on in both: writes in A notify A's subscribers only",
            List.of("config|set", "psubscribe", "set", "del", "hset", "expire"),
            caches -> {
              enableEvents(caches.a);
              enableEvents(caches.b);
              IsolationContext.Conn subA = caches.subscriberA();
              IsolationContext.Conn subB = caches.subscriberB();
              subA.call("PSUBSCRIBE", KEY_EVENTS);
              subB.call("PSUBSCRIBE", KEY_EVENTS);

              caches.a.call("SET", "s", "changed");
              caches.a.call("HSET", "h", "f9", "v");
              caches.a.call("EXPIRE", "n", "100");
              caches.a.call("DEL", "f");

              assertThat(channelsOf(subA, 8))
                  .containsExactly(
                      "__keyspace@0__:s", "__keyevent@0__:set",
                      "__keyspace@0__:h", "__keyevent@0__:hset",
                      "__keyspace@0__:n", "__keyevent@0__:expire",
                      "__keyspace@0__:f", "__keyevent@0__:del");
              markerComesNext(caches.observerB(), subB);
            }),
        row(
            "notifications",
            "keyspace events on in A only: B's writes notify nobody, A's reach A",
            List.of("config|set", "psubscribe", "set"),
            caches -> {
              enableEvents(caches.a);
              IsolationContext.Conn subA = caches.subscriberA();
              IsolationContext.Conn subB = caches.subscriberB();
              subA.call("PSUBSCRIBE", KEY_EVENTS);
              subB.call("PSUBSCRIBE", KEY_EVENTS);

              caches.b.call("SET", "s", "changed-in-b");
              caches.a.call("SET", "n", "1");

              assertThat(channelsOf(subA, 2))
                  .containsExactly("__keyspace@0__:n", "__keyevent@0__:set");
              markerComesNext(caches.observerA(), subA);
              markerComesNext(caches.observerB(), subB);
            }),
        row(
            "notifications",
            "a key expiring in A is reported in A only; B's key of that name stays",
            List.of("config|set", "psubscribe", "set", "info"),
            caches -> {
              enableEvents(caches.a);
              enableEvents(caches.b);
              IsolationContext.Conn subA = caches.subscriberA();
              IsolationContext.Conn subB = caches.subscriberB();
              subA.call("PSUBSCRIBE", "__keyevent@0__:expired");
              subB.call("PSUBSCRIBE", "__keyevent@0__:expired");

              assertThat(caches.a.call("SET", "s", "short-lived", "PX", "100")).isEqualTo("OK");

              // the reaper runs every 50ms here (see IsolationMatrixIT); read waits for it
              assertThat(subA.read())
                  .isEqualTo(
                      List.of("pmessage", "__keyevent@0__:expired", "__keyevent@0__:expired", "s"));
              markerComesNext(caches.observerB(), subB);
              assertThat(caches.observerB().call("GET", "s")).isEqualTo("bravo-b");
              assertThat(infoField(caches.a.call("INFO", "stats"), "expired_keys")).isEqualTo("1");
              assertThat(infoField(caches.b.call("INFO", "stats"), "expired_keys")).isEqualTo("0");
            }),
        row(
            "connection",
            "AUTH to B on a RESP3 connection subscribed in A: A's messages and events stop"
                + " reaching it",
            List.of("hello", "subscribe", "psubscribe", "auth"),
            caches -> {
              enableEvents(caches.a);
              IsolationContext.Conn conn = caches.connectA();
              assertThat(conn.call("HELLO", "3")).isNotNull();
              assertThat(conn.call("SUBSCRIBE", "news"))
                  .isEqualTo(List.of("subscribe", "news", 1L));
              assertThat(conn.call("PSUBSCRIBE", KEY_EVENTS))
                  .isEqualTo(List.of("psubscribe", KEY_EVENTS, 2L));
              assertThat(conn.call("AUTH", B, TwoCacheServer.OTHER_KEY)).isEqualTo("OK");

              caches.a.call("SET", "s", "changed");
              Object published = caches.a.call("PUBLISH", "news", "from-a");
              Object numsub = caches.a.call("PUBSUB", "NUMSUB", "news");
              // a message to conn would be queued before the reply to this PING
              assertThat(conn.call("PING")).as("the reply after A's writes").isEqualTo("PONG");
              assertThat(published).as("subscribers A's PUBLISH counted").isEqualTo(0L);
              assertThat(numsub).isEqualTo(List.of("news", 0L));
            }));
  }

  private static void enableEvents(IsolationContext.Conn conn) {
    assertThat(conn.call("CONFIG", "SET", "notify-keyspace-events", "KEA")).isEqualTo("OK");
  }

  /** The channels of the next count pmessages subscriber receives. */
  private static List<Object> channelsOf(IsolationContext.Conn subscriber, int count) {
    Object[] channels = new Object[count];
    for (int i = 0; i < count; i++) {
      List<Object> message = asList(subscriber.read());
      assertThat(message.get(0)).isEqualTo("pmessage");
      channels[i] = message.get(2);
    }
    return List.of(channels);
  }
}
