package io.larder.server.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.Tenant;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pub/sub against a running server: subscribe, publish and unsubscribe with channels and patterns
 * in RESP2 and RESP3, the subscribed-mode rules, isolation between caches, and the output limit.
 */
class PubSubIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  private static String otherKey;

  @BeforeAll
  static void createOtherCache() {
    Tenant other = server.server().tenants().create("other", CacheSettings.defaults(false));
    otherKey = other.primaryKey().text();
  }

  private static RespClient connectOther() {
    RespClient client = server.connect();
    assertThat(client.call("AUTH", "other", otherKey)).isEqualTo("OK");
    return client;
  }

  @Test
  void subscribe_publishFromAnotherConnection_deliversMessage() {
    try (RespClient subscriber = server.connectAuthenticated();
        RespClient publisher = server.connectAuthenticated()) {
      assertThat(subscriber.call("SUBSCRIBE", "news")).isEqualTo(List.of("subscribe", "news", 1L));

      assertThat(publisher.call("PUBLISH", "news", "hello")).isEqualTo(1L);

      assertThat(subscriber.readRaw())
          .isEqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n");
    }
  }

  @Test
  void subscribe_severalChannels_confirmsEachWithRunningCount() {
    try (RespClient subscriber = server.connectAuthenticated()) {
      subscriber.send("SUBSCRIBE", "a", "b", "a");

      assertThat(subscriber.read()).isEqualTo(List.of("subscribe", "a", 1L));
      assertThat(subscriber.read()).isEqualTo(List.of("subscribe", "b", 2L));
      assertThat(subscriber.read()).isEqualTo(List.of("subscribe", "a", 2L));
    }
  }

  @Test
  void psubscribe_channelAndMatchingPattern_deliversBothAndCountsTwo() {
    try (RespClient subscriber = server.connectAuthenticated();
        RespClient publisher = server.connectAuthenticated()) {
      subscriber.call("SUBSCRIBE", "user:1");
      assertThat(subscriber.call("PSUBSCRIBE", "user:*"))
          .isEqualTo(List.of("psubscribe", "user:*", 2L));

      assertThat(publisher.call("PUBLISH", "user:1", "hi")).isEqualTo(2L);
      assertThat(publisher.call("PUBLISH", "user:2", "ho")).isEqualTo(1L);
      assertThat(publisher.call("PUBLISH", "group:1", "no")).isEqualTo(0L);

      assertThat(subscriber.read()).isEqualTo(List.of("message", "user:1", "hi"));
      assertThat(subscriber.read()).isEqualTo(List.of("pmessage", "user:*", "user:1", "hi"));
      assertThat(subscriber.read()).isEqualTo(List.of("pmessage", "user:*", "user:2", "ho"));
    }
  }

  @Test
  void unsubscribe_withoutArguments_leavesEveryChannelInSubscriptionOrder() {
    try (RespClient subscriber = server.connectAuthenticated();
        RespClient publisher = server.connectAuthenticated()) {
      subscriber.send("SUBSCRIBE", "c", "a", "b");
      subscriber.read();
      subscriber.read();
      subscriber.read();
      subscriber.call("PSUBSCRIBE", "p*");

      subscriber.send("UNSUBSCRIBE");

      assertThat(subscriber.read()).isEqualTo(List.of("unsubscribe", "c", 3L));
      assertThat(subscriber.read()).isEqualTo(List.of("unsubscribe", "a", 2L));
      assertThat(subscriber.read()).isEqualTo(List.of("unsubscribe", "b", 1L));
      assertThat(publisher.call("PUBLISH", "a", "x")).isEqualTo(0L);
      assertThat(subscriber.call("PUNSUBSCRIBE")).isEqualTo(List.of("punsubscribe", "p*", 0L));
      assertThat(subscriber.callRaw("PUNSUBSCRIBE"))
          .isEqualTo("*3\r\n$12\r\npunsubscribe\r\n$-1\r\n:0\r\n");
    }
  }

  @Test
  void subscribedResp2_otherCommands_areRefusedUntilUnsubscribed() {
    try (RespClient subscriber = server.connectAuthenticated()) {
      subscriber.call("SUBSCRIBE", "a");

      assertThat(subscriber.call("GET", "k"))
          .isEqualTo(
              new RespClient.Error(
                  "ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT"
                      + " / RESET are allowed in this context"));
      assertThat(subscriber.call("CONFIG", "GET", "maxmemory"))
          .isEqualTo(
              new RespClient.Error(
                  "ERR Can't execute 'config|get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING"
                      + " / QUIT / RESET are allowed in this context"));
      assertThat(subscriber.callRaw("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
      assertThat(subscriber.call("PING", "hi")).isEqualTo(List.of("pong", "hi"));

      subscriber.call("UNSUBSCRIBE");

      assertThat(subscriber.call("PING")).isEqualTo("PONG");
      assertThat(subscriber.call("GET", "k")).isNull();
    }
  }

  @Test
  void subscribedResp2_quit_closes() {
    try (RespClient subscriber = server.connectAuthenticated()) {
      subscriber.call("SUBSCRIBE", "a");

      assertThat(subscriber.call("QUIT")).isEqualTo("OK");
      assertThat(subscriber.isClosedByServer(10_000)).isTrue();
    }
  }

  @Test
  void subscribedResp3_anyCommandRunsAndMessagesArePushes() {
    try (RespClient subscriber = server.connectAuthenticated();
        RespClient publisher = server.connectAuthenticated()) {
      subscriber.call("HELLO", "3");
      assertThat(subscriber.callRaw("SUBSCRIBE", "a"))
          .isEqualTo(">3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n");
      assertThat(subscriber.callRaw("GET", "k")).isEqualTo("_\r\n");
      assertThat(subscriber.call("PING")).isEqualTo("PONG");

      publisher.call("PUBLISH", "a", "hello");

      assertThat(subscriber.readRaw())
          .isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$5\r\nhello\r\n");
      assertThat(subscriber.callRaw("UNSUBSCRIBE"))
          .isEqualTo(">3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:0\r\n");
      assertThat(subscriber.callRaw("UNSUBSCRIBE"))
          .isEqualTo(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n");
    }
  }

  @Test
  void publishResp3_toOwnChannel_repliesBeforeTheMessage() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HELLO", "3");
      client.call("SUBSCRIBE", "self");

      assertThat(client.callRaw("PUBLISH", "self", "me")).isEqualTo(":1\r\n");
      assertThat(client.readRaw()).isEqualTo(">3\r\n$7\r\nmessage\r\n$4\r\nself\r\n$2\r\nme\r\n");
    }
  }

  @Test
  void publishPipelined_toSubscriberOnSameServer_keepsRepliesAndMessagesInOrder() {
    try (RespClient client = server.connectAuthenticated();
        RespClient publisher = server.connectAuthenticated()) {
      client.call("HELLO", "3");
      client.call("SUBSCRIBE", "ordered");
      for (int i = 0; i < 100; i++) {
        client.send("PUBLISH", "ordered", Integer.toString(i));
        publisher.send("PUBLISH", "ordered", "p" + i);
      }

      int ownMessages = 0;
      int replies = 0;
      int otherMessages = 0;
      for (int read = 0; read < 300; read++) {
        Object item = client.read();
        if (item instanceof Long) {
          replies++;
          assertThat(ownMessages)
              .as("own messages before reply %d", replies)
              .isEqualTo(replies - 1);
        } else {
          List<?> message = (List<?>) item;
          String payload = (String) message.get(2);
          if (payload.startsWith("p")) {
            assertThat(payload).isEqualTo("p" + otherMessages++);
          } else {
            assertThat(payload).isEqualTo(Integer.toString(ownMessages++));
          }
        }
      }
      assertThat(List.of(replies, ownMessages, otherMessages)).containsExactly(100, 100, 100);
      for (int i = 0; i < 100; i++) {
        publisher.read();
      }
    }
  }

  @Test
  void publish_inAnotherCache_reachesOnlyThatCachesSubscribers() {
    try (RespClient here = server.connectAuthenticated();
        RespClient there = connectOther();
        RespClient publisherThere = connectOther();
        RespClient publisherHere = server.connectAuthenticated()) {
      here.call("SUBSCRIBE", "shared", "marker");
      here.read();
      there.call("PSUBSCRIBE", "*");

      assertThat(publisherThere.call("PUBLISH", "shared", "for-other")).isEqualTo(1L);
      assertThat(publisherHere.call("PUBLISH", "marker", "done")).isEqualTo(1L);

      assertThat(there.read()).isEqualTo(List.of("pmessage", "*", "shared", "for-other"));
      // the first message here is the marker published after: nothing came from the other cache
      assertThat(here.read()).isEqualTo(List.of("message", "marker", "done"));
    }
  }

  @Test
  void pubsubIntrospection_showsOnlyTheCallersCache() {
    try (RespClient here = server.connectAuthenticated();
        RespClient there = connectOther();
        RespClient askHere = server.connectAuthenticated();
        RespClient askThere = connectOther()) {
      here.call("SUBSCRIBE", "only-here");
      here.call("PSUBSCRIBE", "here:*");
      there.call("SUBSCRIBE", "only-there");

      assertThat(askHere.call("PUBSUB", "CHANNELS", "only-*")).isEqualTo(List.of("only-here"));
      assertThat(askThere.call("PUBSUB", "CHANNELS", "only-*")).isEqualTo(List.of("only-there"));
      assertThat(askHere.call("PUBSUB", "NUMSUB", "only-here", "only-there"))
          .isEqualTo(List.of("only-here", 1L, "only-there", 0L));
      assertThat(askThere.call("PUBSUB", "NUMSUB", "only-here", "only-there"))
          .isEqualTo(List.of("only-here", 0L, "only-there", 1L));
      assertThat(askHere.call("PUBSUB", "NUMPAT")).isEqualTo(1L);
      assertThat(askThere.call("PUBSUB", "NUMPAT")).isEqualTo(0L);
    }
  }

  @Test
  void disconnect_subscriber_leavesItsChannels() throws InterruptedException {
    try (RespClient publisher = server.connectAuthenticated()) {
      RespClient subscriber = server.connectAuthenticated();
      subscriber.call("SUBSCRIBE", "gone");
      assertThat(publisher.call("PUBSUB", "NUMSUB", "gone")).isEqualTo(List.of("gone", 1L));

      subscriber.close();

      assertThat(awaitSubscribers(publisher, "gone", 0)).isTrue();
    }
  }

  @Test
  void slowSubscriber_pendingOutputOverLimit_isDisconnected() {
    try (TestServer limited = TestServer.start(Map.of("client-output-buffer-limit", "1mb"));
        RespClient subscriber = limited.connectAuthenticated();
        RespClient publisher = limited.connectAuthenticated()) {
      subscriber.call("SUBSCRIBE", "firehose");
      String payload = "x".repeat(16 * 1024);

      // The subscriber never reads: once the socket buffers are full, output piles up in the
      // server until it passes the limit and the subscriber is dropped (and so unsubscribed).
      long receivers = 1;
      for (int i = 0; i < 20_000 && receivers > 0; i++) {
        receivers = (Long) publisher.call("PUBLISH", "firehose", payload);
      }

      assertThat(receivers).isZero();
      assertThat(subscriber.readUntilClosedOrQuiet(10_000).closed()).isTrue();
      assertThat(publisher.call("PING")).isEqualTo("PONG");
    }
  }

  /** Polls PUBSUB NUMSUB until channel has count subscribers, for at most ten seconds. */
  private static boolean awaitSubscribers(RespClient client, String channel, long count)
      throws InterruptedException {
    for (int attempt = 0; attempt < 1000; attempt++) {
      if (client.call("PUBSUB", "NUMSUB", channel).equals(List.of(channel, count))) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
