package io.larder.session;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listeners about sessions that expired, from the server's keyspace notifications.
 *
 * <p>An expired key is gone, so its attributes could not be shown to {@code sessionDestroyed}.
 * Hence the scheme (Spring Session's): with expiry events on, each session has an empty marker key
 * with the session's TTL, and the hash lives {@link SessionRepository#EXPIRY_GRACE_MILLIS} longer
 * (reads treat it as gone once the session expired). The marker's {@code expired} event, on {@code
 * __keyevent@0__:expired}, finds the hash still there: the listeners get the session with its
 * attributes, then the hash is deleted. Every instance hears the event; a {@code SET NX} on a third
 * key lets exactly one of them report it.
 *
 * <p>The notifications are turned on with {@code CONFIG SET notify-keyspace-events} (adding {@code
 * E} and {@code x} to what is set) where the server allows it; where it does not, they must be on
 * already, or expiry goes unreported (a warning says so). The subscription is a Lettuce pub/sub
 * connection of its own, which re-subscribes after reconnecting; if the server cannot be reached at
 * start, subscribing is retried every few seconds until it works or the application stops.
 * Notifications are fire-and-forget: an event sent while no instance is connected is lost, and that
 * session's expiry is not reported.
 */
final class ExpiryEvents implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryEvents.class);
  static final String CHANNEL = "__keyevent@0__:expired";
  private static final long RETRY_SECONDS = 5;

  private final String url;
  private final SessionRepository repository;
  private final Consumer<StoredSession> onExpired;
  private final LongSupplier clock;
  private final ClassLoader loader;
  private final ScheduledExecutorService executor;
  private RedisClient client; // guarded by this
  private StatefulRedisPubSubConnection<String, String> connection; // guarded by this
  private boolean closed; // guarded by this

  ExpiryEvents(
      String url,
      SessionRepository repository,
      Consumer<StoredSession> onExpired,
      LongSupplier clock,
      ClassLoader loader) {
    this.url = url;
    this.repository = repository;
    this.onExpired = onExpired;
    this.clock = clock;
    this.loader = loader;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "larder-session-expiry");
              thread.setDaemon(true);
              thread.setContextClassLoader(loader);
              return thread;
            });
  }

  void start() {
    executor.execute(this::subscribe);
  }

  private void subscribe() {
    try {
      synchronized (this) {
        if (closed) {
          return;
        }
        if (client == null) {
          RedisURI uri = RedisURI.create(url);
          uri.setTimeout(Duration.ofSeconds(5));
          client = RedisClient.create(uri);
        }
        connection = client.connectPubSub(StringCodec.UTF8);
        enableNotifications(connection);
        connection.addListener(
            new RedisPubSubAdapter<>() {
              @Override
              public void message(String channel, String key) {
                String id = repository.keys().idOfExpires(key);
                if (id != null) {
                  submit(() -> expired(id));
                }
              }
            });
        connection.sync().subscribe(CHANNEL);
      }
      LOG.info("Session expiry events: subscribed to {}", CHANNEL);
    } catch (RuntimeException e) {
      LOG.warn(
          "Session expiry events: cannot subscribe ({}); trying again in {} s",
          e.getMessage(),
          RETRY_SECONDS);
      synchronized (this) {
        if (connection != null) {
          connection.closeAsync();
          connection = null;
        }
      }
      try {
        executor.schedule(this::subscribe, RETRY_SECONDS, TimeUnit.SECONDS);
      } catch (RejectedExecutionException closing) {
        // stopped meanwhile
      }
    }
  }

  private static void enableNotifications(StatefulRedisPubSubConnection<String, String> c) {
    try {
      Map<String, String> current = c.sync().configGet("notify-keyspace-events");
      String flags = current.getOrDefault("notify-keyspace-events", "");
      String wanted = flags;
      if (wanted.indexOf('E') < 0) {
        wanted += "E";
      }
      if (wanted.indexOf('x') < 0 && wanted.indexOf('A') < 0) {
        wanted += "x";
      }
      if (!wanted.equals(flags)) {
        c.sync().configSet("notify-keyspace-events", wanted);
      }
    } catch (io.lettuce.core.RedisCommandExecutionException e) {
      // Refused (a managed server's CONFIG is often off limits): nothing a retry would change.
      // A timeout or a lost connection, on the other hand, fails the subscription, which retries.
      LOG.warn(
          "Session expiry events: cannot turn on keyspace notifications ({}); unless"
              + " notify-keyspace-events holds E and x already, expired sessions are not reported"
              + " to the listeners",
          e.getMessage());
    }
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // stopped meanwhile
    }
  }

  /**
   * One instance reports the session, if it really expired (a request may have just renewed it).
   */
  private void expired(String id) {
    try {
      if (!repository.claimExpiry(id)) {
        return;
      }
      StoredSession session = repository.loadExpired(id);
      if (session == null || !session.isExpiredAt(clock.getAsLong())) {
        return;
      }
      Thread.currentThread().setContextClassLoader(loader);
      onExpired.accept(session);
      repository.delete(id);
    } catch (RuntimeException e) {
      LOG.warn(
          "Session {}: cannot report its expiry to the listeners: {}",
          SessionIds.forLog(id),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    executor.shutdownNow();
    synchronized (this) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
  }
}
