package io.larder.client;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one client: the shared one, and the pool of exclusive ones.
 *
 * <p>The shared connection carries every idempotent command. Lettuce connections are thread-safe
 * and pipelined, so one is enough for any number of threads. It reconnects by itself (a first retry
 * after 10 ms, backing off to one attempt a second); commands issued meanwhile wait for the
 * reconnection, each at most the command timeout. A connection on which a command timed out is
 * replaced (see {@link #discardShared}). It is opened in the background when the client is created,
 * and if that first attempt fails, the next operation tries again: an application starts even while
 * its cache is down, and its requests fail fast until the cache is back.
 *
 * <p>The exclusive connections are described in {@link ExclusiveConnections}.
 */
final class Connections implements AutoCloseable {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final ClientResources resources;
  private final RedisClient sharedClient;
  private final RedisClient exclusiveClient;
  private final RedisURI uri;
  private final Retry retry;
  private final ExclusiveConnections exclusive;

  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> shared; // guarded by this
  private boolean closed; // guarded by this

  Connections(Settings settings) {
    resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    uri = settings.uri();
    sharedClient = RedisClient.create(resources, uri);
    sharedClient.setOptions(options(settings, true));
    exclusiveClient = RedisClient.create(resources, uri);
    exclusiveClient.setOptions(options(settings, false));
    retry =
        new Retry(
            settings.retries(),
            settings.retryBackoff(),
            resources.eventExecutorGroup(),
            new Failures(settings.endpoint()));
    exclusive =
        new ExclusiveConnections(
            () -> exclusiveClient.connectAsync(ByteArrayCodec.INSTANCE, uri),
            settings.exclusiveConnections(),
            settings.commandTimeout(),
            retry);
    shared();
  }

  private static ClientOptions options(Settings settings, boolean reconnect) {
    return ClientOptions.builder()
        .autoReconnect(reconnect)
        .disconnectedBehavior(
            reconnect ? DisconnectedBehavior.ACCEPT_COMMANDS : DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(settings.connectTimeout())
                .keepAlive(true)
                .build())
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .build();
  }

  /** The shared connection, opening it if it is not open and no attempt is under way. */
  synchronized CompletableFuture<StatefulRedisConnection<byte[], byte[]>> shared() {
    if (closed) {
      return CompletableFuture.failedFuture(new LarderException("the client is closed"));
    }
    if (shared == null || shared.isCompletedExceptionally()) {
      shared = sharedClient.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
    }
    return shared;
  }

  /**
   * A command on {@code suspect} got no reply within the command timeout: close it, so that the
   * next operation opens a fresh connection instead of queueing behind a connection that may never
   * answer again (a half-open TCP connection, a server that stopped reading). Commands still
   * waiting on it fail and, being idempotent, are retried on the new one.
   */
  void discardShared(StatefulRedisConnection<byte[], byte[]> suspect) {
    synchronized (this) {
      if (shared == null || shared.getNow(null) != suspect) {
        return; // already replaced
      }
      shared = null;
    }
    suspect.closeAsync();
  }

  ExclusiveConnections exclusive() {
    return exclusive;
  }

  Retry retry() {
    return retry;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    exclusive.close();
    sharedClient.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
    exclusiveClient.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
    resources
        .shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() * 2);
  }
}
