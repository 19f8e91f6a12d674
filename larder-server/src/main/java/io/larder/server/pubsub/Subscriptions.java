package io.larder.server.pubsub;

import io.larder.server.engine.ByteKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The channels and patterns one connection is subscribed to, in the order it subscribed (which is
 * the order a bare UNSUBSCRIBE or PUNSUBSCRIBE reports them in).
 *
 * <p>Changed only by the connection's own event loop; the counts are also read by other threads
 * (CLIENT LIST), hence volatile. Subscriptions live in the {@link Channels} of the cache the
 * connection was in when it subscribed; should a RESP3 connection authenticate to another cache and
 * subscribe there, its subscriptions in the first cache are dropped (without replies), so a
 * connection never listens in two caches at once.
 */
public final class Subscriptions {
  private final Subscriber subscriber;
  private final Set<ByteKey> channels = new LinkedHashSet<>();
  private final Set<ByteKey> patterns = new LinkedHashSet<>();
  private Channels cache;
  private volatile int channelCount;
  private volatile int patternCount;

  public Subscriptions(Subscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Subscribes to channel in cache; false when already subscribed. */
  public boolean subscribe(Channels in, ByteKey channel) {
    enter(in);
    if (!channels.add(channel)) {
      return false;
    }
    in.subscribe(channel, subscriber);
    channelCount = channels.size();
    return true;
  }

  /** Unsubscribes from channel; false when not subscribed. */
  public boolean unsubscribe(ByteKey channel) {
    if (!channels.remove(channel)) {
      return false;
    }
    cache.unsubscribe(channel, subscriber);
    channelCount = channels.size();
    return true;
  }

  /** Subscribes to pattern in cache, matching channel names with matcher; false when already. */
  public boolean psubscribe(Channels in, ByteKey pattern, Predicate<byte[]> matcher) {
    enter(in);
    if (!patterns.add(pattern)) {
      return false;
    }
    in.psubscribe(pattern, matcher, subscriber);
    patternCount = patterns.size();
    return true;
  }

  /** Unsubscribes from pattern; false when not subscribed. */
  public boolean punsubscribe(ByteKey pattern) {
    if (!patterns.remove(pattern)) {
      return false;
    }
    cache.punsubscribe(pattern, subscriber);
    patternCount = patterns.size();
    return true;
  }

  /** The subscribed channels, in subscription order (a copy). */
  public List<ByteKey> channels() {
    return new ArrayList<>(channels);
  }

  /** The subscribed patterns, in subscription order (a copy). */
  public List<ByteKey> patterns() {
    return new ArrayList<>(patterns);
  }

  public int channelCount() {
    return channelCount;
  }

  public int patternCount() {
    return patternCount;
  }

  /** Channels and patterns together: the count subscribe and unsubscribe replies report. */
  public int count() {
    return channelCount + patternCount;
  }

  /**
   * Whether message is still wanted here: a message published just before an unsubscribe may reach
   * the connection after it; it is dropped rather than sent after the unsubscribe reply.
   */
  public boolean receives(Message message) {
    return message.pattern() == null
        ? channels.contains(message.channel())
        : patterns.contains(message.pattern());
  }

  /** Leaves every channel and pattern without replies (the connection closed). */
  public void clear() {
    for (ByteKey channel : channels) {
      cache.unsubscribe(channel, subscriber);
    }
    for (ByteKey pattern : patterns) {
      cache.punsubscribe(pattern, subscriber);
    }
    channels.clear();
    patterns.clear();
    channelCount = 0;
    patternCount = 0;
  }

  private void enter(Channels in) {
    if (cache != in) {
      if (cache != null) {
        clear();
      }
      cache = in;
    }
  }
}
