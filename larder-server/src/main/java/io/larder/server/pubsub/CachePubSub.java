package io.larder.server.pubsub;

/** The pub/sub of one cache: its channels, and the keyspace notifications published on them. */
public final class CachePubSub {
  private final Channels channels = new Channels();
  private final KeyspaceNotifier notifier = new KeyspaceNotifier(channels);

  public Channels channels() {
    return channels;
  }

  public KeyspaceNotifier notifier() {
    return notifier;
  }
}
