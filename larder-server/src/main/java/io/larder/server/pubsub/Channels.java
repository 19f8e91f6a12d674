package io.larder.server.pubsub;

import io.larder.server.engine.ByteKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The channels of one cache: who is subscribed to which channel and pattern, and publishing to
 * them. A cache's channels are its own (DESIGN.md D2): a message published in one cache never
 * reaches a subscriber of another, even on a channel of the same name.
 *
 * <p>Thread-safe. Subscriptions change on their connection's event loop while publishers on other
 * loops (and the expiry reaper) read them, so both maps are concurrent and a channel's subscriber
 * set is dropped, atomically with its last member, inside the map's own locking. A publish
 * concurrent with a subscribe may or may not reach the new subscriber, as in any server that does
 * more than one thing at a time.
 */
public final class Channels {
  private final Map<ByteKey, Set<Subscriber>> channels = new ConcurrentHashMap<>();
  private final Map<ByteKey, PatternSubscribers> patterns = new ConcurrentHashMap<>();

  /** The subscribers of one pattern and how the pattern matches. */
  private record PatternSubscribers(Predicate<byte[]> matcher, Set<Subscriber> subscribers) {}

  /**
   * Sends payload to every subscriber of channel and of each pattern channel matches, and returns
   * how many deliveries that made (a connection subscribed both to the channel and to a matching
   * pattern counts, and receives it, twice, as in Redis).
   */
  public int publish(ByteKey channel, byte[] payload) {
    int receivers = 0;
    Set<Subscriber> direct = channels.get(channel);
    if (direct != null) {
      Message message = Message.toChannel(channel, payload);
      for (Subscriber subscriber : direct) {
        subscriber.deliver(message);
        receivers++;
      }
    }
    if (!patterns.isEmpty()) {
      for (Map.Entry<ByteKey, PatternSubscribers> entry : patterns.entrySet()) {
        PatternSubscribers subscribers = entry.getValue();
        if (!subscribers.matcher().test(channel.bytes())) {
          continue;
        }
        Message message = Message.toPattern(entry.getKey(), channel, payload);
        for (Subscriber subscriber : subscribers.subscribers()) {
          subscriber.deliver(message);
          receivers++;
        }
      }
    }
    return receivers;
  }

  /** True when nobody is subscribed to anything: publishing would reach no one. */
  public boolean isEmpty() {
    return channels.isEmpty() && patterns.isEmpty();
  }

  /** The channels with at least one subscriber (PUBSUB CHANNELS), in no particular order. */
  public List<ByteKey> activeChannels() {
    return new ArrayList<>(channels.keySet());
  }

  /** Subscribers of channel, not counting pattern subscriptions (PUBSUB NUMSUB). */
  public int subscriberCount(ByteKey channel) {
    Set<Subscriber> subscribers = channels.get(channel);
    return subscribers == null ? 0 : subscribers.size();
  }

  /** Distinct patterns someone is subscribed to (PUBSUB NUMPAT). */
  public int patternCount() {
    return patterns.size();
  }

  void subscribe(ByteKey channel, Subscriber subscriber) {
    channels.compute(
        channel,
        (key, subscribers) -> {
          Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
          set.add(subscriber);
          return set;
        });
  }

  void unsubscribe(ByteKey channel, Subscriber subscriber) {
    channels.computeIfPresent(
        channel,
        (key, subscribers) -> {
          subscribers.remove(subscriber);
          return subscribers.isEmpty() ? null : subscribers;
        });
  }

  void psubscribe(ByteKey pattern, Predicate<byte[]> matcher, Subscriber subscriber) {
    patterns.compute(
        pattern,
        (key, subscribers) -> {
          PatternSubscribers entry =
              subscribers == null
                  ? new PatternSubscribers(matcher, ConcurrentHashMap.newKeySet())
                  : subscribers;
          entry.subscribers().add(subscriber);
          return entry;
        });
  }

  void punsubscribe(ByteKey pattern, Subscriber subscriber) {
    patterns.computeIfPresent(
        pattern,
        (key, subscribers) -> {
          subscribers.subscribers().remove(subscriber);
          return subscribers.subscribers().isEmpty() ? null : subscribers;
        });
  }
}
