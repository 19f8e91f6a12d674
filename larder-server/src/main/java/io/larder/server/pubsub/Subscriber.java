package io.larder.server.pubsub;

/**
 * Where messages for one connection go; the network layer implements it. {@link #deliver} is called
 * from any thread (the publisher's event loop, the engine's expiry reaper) and must neither block
 * nor write to the socket from the wrong thread: the implementation hands the message to the
 * connection's own event loop, keeps it behind replies already queued there, and drops the
 * connection when its pending output grows past its limit.
 */
public interface Subscriber {
  void deliver(Message message);
}
