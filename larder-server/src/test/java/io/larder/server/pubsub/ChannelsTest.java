package io.larder.server.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.ByteKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelsTest {
  private final Channels channels = new Channels();

  /** A subscriber that keeps what it receives, in RESP2 form. */
  private static final class Inbox implements Subscriber {
    final List<String> received = new ArrayList<>();

    @Override
    public void deliver(Message message) {
      byte[] body = message.body();
      byte[] wire = new byte[body.length + 1];
      wire[0] = Message.typeByte(false);
      System.arraycopy(body, 0, wire, 1, body.length);
      received.add(new String(wire, StandardCharsets.UTF_8));
    }
  }

  @Test
  void publish_noSubscribers_reachesNobody() {
    assertThat(channels.publish(ByteKey.of("news"), bytes("hi"))).isZero();
    assertThat(channels.isEmpty()).isTrue();
  }

  @Test
  void publish_channelAndMatchingPattern_deliversBothAndCountsTwo() {
    Inbox inbox = new Inbox();
    Subscriptions subscriptions = new Subscriptions(inbox);
    subscriptions.subscribe(channels, ByteKey.of("news"));
    subscriptions.psubscribe(channels, ByteKey.of("n*"), text -> text[0] == 'n');

    int receivers = channels.publish(ByteKey.of("news"), bytes("hi"));

    assertThat(receivers).isEqualTo(2);
    assertThat(inbox.received)
        .containsExactly(
            "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
            "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n");
  }

  @Test
  void subscribe_sameChannelTwice_subscribesOnce() {
    Subscriptions subscriptions = new Subscriptions(new Inbox());

    assertThat(subscriptions.subscribe(channels, ByteKey.of("a"))).isTrue();
    assertThat(subscriptions.subscribe(channels, ByteKey.of("a"))).isFalse();

    assertThat(subscriptions.count()).isEqualTo(1);
    assertThat(channels.subscriberCount(ByteKey.of("a"))).isEqualTo(1);
  }

  @Test
  void clear_lastSubscriber_removesChannelAndPattern() {
    Subscriptions subscriptions = new Subscriptions(new Inbox());
    subscriptions.subscribe(channels, ByteKey.of("a"));
    subscriptions.psubscribe(channels, ByteKey.of("p*"), text -> true);

    subscriptions.clear();

    assertThat(channels.activeChannels()).isEmpty();
    assertThat(channels.patternCount()).isZero();
    assertThat(channels.isEmpty()).isTrue();
    assertThat(subscriptions.count()).isZero();
  }

  @Test
  void publish_otherCachesChannels_reachesNobodyHere() {
    Channels otherCache = new Channels();
    Inbox inbox = new Inbox();
    new Subscriptions(inbox).subscribe(channels, ByteKey.of("news"));

    assertThat(otherCache.publish(ByteKey.of("news"), bytes("hi"))).isZero();
    assertThat(inbox.received).isEmpty();
  }

  @Test
  void subscribe_inAnotherCache_leavesTheFirst() {
    Channels otherCache = new Channels();
    Subscriptions subscriptions = new Subscriptions(new Inbox());
    subscriptions.subscribe(channels, ByteKey.of("a"));

    subscriptions.subscribe(otherCache, ByteKey.of("b"));

    assertThat(channels.isEmpty()).isTrue();
    assertThat(subscriptions.channels()).containsExactly(ByteKey.of("b"));
  }

  @Test
  void receives_afterUnsubscribe_isFalse() {
    Inbox inbox = new Inbox();
    Subscriptions subscriptions = new Subscriptions(inbox);
    subscriptions.subscribe(channels, ByteKey.of("a"));
    List<Message> captured = new ArrayList<>();
    new Subscriptions(captured::add).subscribe(channels, ByteKey.of("a"));
    channels.publish(ByteKey.of("a"), bytes("x"));

    subscriptions.unsubscribe(ByteKey.of("a"));

    assertThat(subscriptions.receives(captured.get(0))).isFalse();
    assertThat(subscriptions.channels()).isEmpty();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
