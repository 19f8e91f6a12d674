package io.larder.session;

import io.larder.client.Codec;
import io.larder.client.Codecs;
import io.larder.client.LarderCache;
import io.larder.client.LarderClient;
import io.larder.client.LarderException;
import io.larder.client.LockHandle;
import io.larder.client.LockTimeoutException;
import io.larder.session.SessionConfig.CodecKind;
import io.larder.session.SessionConfig.Concurrency;
import io.larder.session.SessionConfig.OnFailure;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the requests of one web application share: the settings, the cache, the codec, the
 * cookie, the listeners and the locks. Made by {@link LarderSessionFilter} when it starts.
 */
final class SessionProvider implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionProvider.class);
  private static final int DEFAULT_TIMEOUT_SECONDS = 30 * 60;

  private final SessionConfig config;
  private final LarderClient client;
  private final SessionRepository repository;
  private final LarderCache<byte[]> locks;
  private final Codec<Object> codec;
  private final SessionIdTransport ids;
  private final SessionListeners listeners;
  private final ReadOnlyRequests readOnly;
  private final ServletContext context;
  private final int timeoutSeconds;
  private final LongSupplier clock;
  private final LocalSessions local;
  private final ExpiryEvents expiry;
  private final AtomicLong lastDegradeWarning = new AtomicLong(Long.MIN_VALUE / 2);

  SessionProvider(
      SessionConfig config,
      LarderClient client,
      ServletContext context,
      SessionListeners listeners,
      LongSupplier clock) {
    this.config = config;
    this.client = client;
    this.repository =
        new SessionRepository(
            client,
            new SessionKeys(config.applicationName()),
            listeners.wantsExpiryEvents(),
            clock);
    this.locks = client.cache(Codecs.bytes());
    this.codec = codecOf(config);
    this.ids =
        config.headerName() != null
            ? new SessionHeaders(config.headerName())
            : new SessionCookies(config);
    this.listeners = listeners;
    this.readOnly = ReadOnlyRequests.parse(config.readOnlyPatterns());
    this.context = context;
    this.timeoutSeconds = timeoutOf(config, context);
    this.clock = clock;
    this.local = new LocalSessions(clock);
    if (listeners.wantsExpiryEvents()) {
      ClassLoader loader = context != null ? context.getClassLoader() : getClass().getClassLoader();
      expiry = new ExpiryEvents(config.url(), repository, this::expired, clock, loader);
      expiry.start();
    } else {
      expiry = null;
    }
  }

  /** An expired session, told to the listeners as an invalidated one would be. */
  private void expired(StoredSession stored) {
    SessionState state = SessionState.loaded(stored, codec, now());
    new LarderHttpSession(state, null, context, listeners).destroyed();
  }

  static Codec<Object> codecOf(SessionConfig config) {
    return config.codec() == CodecKind.JSON
        ? new JsonAttributeCodec(config.allowlist())
        : Codecs.java(config.allowlist().toArray(String[]::new));
  }

  /** The configured timeout, else the web application's ({@code session-config}), else 30 min. */
  private static int timeoutOf(SessionConfig config, ServletContext context) {
    if (config.timeout() != null) {
      return (int) Math.min(Integer.MAX_VALUE, config.timeout().toSeconds());
    }
    int minutes = context != null ? context.getSessionTimeout() : 0;
    return minutes > 0 ? minutes * 60 : DEFAULT_TIMEOUT_SECONDS;
  }

  SessionConfig config() {
    return config;
  }

  long now() {
    return clock.getAsLong();
  }

  int timeoutSeconds() {
    return timeoutSeconds;
  }

  Codec<Object> codec() {
    return codec;
  }

  SessionIdTransport ids() {
    return ids;
  }

  SessionListeners listeners() {
    return listeners;
  }

  SessionRepository repository() {
    return repository;
  }

  boolean isReadOnly(HttpServletRequest request) {
    if (readOnly.isEmpty()) {
      return false;
    }
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return readOnly.matches(request.getMethod(), path);
  }

  boolean isExclusive() {
    return config.concurrency() == Concurrency.EXCLUSIVE;
  }

  LarderHttpSession wrap(SessionState state, SessionRequest request) {
    return new LarderHttpSession(state, request, context, listeners);
  }

  /**
   * The session with {@code id}: from the cache; while the cache fails and the policy is {@code
   * degrade}, from this instance's memory. A session made in memory during an outage moves to the
   * cache on its first request after the cache is back.
   */
  StoredSession load(String id) {
    StoredSession stored;
    try {
      stored = repository.load(id);
    } catch (SessionUnavailableException e) {
      if (!degrades(e)) {
        throw e;
      }
      return local.load(id);
    }
    if (stored == null && !local.isEmpty()) {
      StoredSession moving = local.take(id);
      if (moving != null) {
        repository.save(
            new SessionWrite(
                id, moving.fields(), List.of(), SessionState.ttlMillis(moving.timeoutSeconds())));
        LOG.info("Session {} moved from local memory to the cache", SessionIds.forLog(id));
        return moving;
      }
    }
    return stored;
  }

  void save(SessionWrite write) {
    try {
      repository.save(write);
    } catch (SessionUnavailableException e) {
      if (!degrades(e)) {
        throw e;
      }
      local.save(write);
    }
  }

  void delete(String id) {
    boolean deletedLocally = local.delete(id);
    try {
      repository.delete(id);
    } catch (SessionUnavailableException e) {
      if (!degrades(e) && !deletedLocally) {
        throw e;
      }
    }
  }

  boolean rename(String oldId, String newId) {
    if (local.rename(oldId, newId)) {
      return true;
    }
    try {
      return repository.rename(oldId, newId);
    } catch (SessionUnavailableException e) {
      if (!degrades(e)) {
        throw e;
      }
      return false;
    }
  }

  /**
   * Whether to go on with local sessions after {@code failure}: under {@code degrade}, with a
   * warning at most once a minute.
   */
  private boolean degrades(SessionUnavailableException failure) {
    if (config.onFailure() != OnFailure.DEGRADE) {
      return false;
    }
    long now = clock.getAsLong();
    long last = lastDegradeWarning.get();
    if (now - last >= 60_000 && lastDegradeWarning.compareAndSet(last, now)) {
      LOG.warn(
          "The session cache is unreachable; sessions are kept in this instance's memory"
              + " (larder.session.on-failure=degrade) until it is back: {}",
          failure.getMessage());
    }
    return true;
  }

  /**
   * Takes the session's lock for this request, waiting up to the lock wait.
   *
   * @throws SessionUnavailableException if it stayed taken, or the cache failed
   */
  LockHandle lock(String id) {
    try {
      return lockOnce(id);
    } catch (SessionUnavailableException e) {
      if (!neverSent(e)) {
        throw e;
      }
      // larder-client's pool of exclusive connections can lend a connection whose channel was
      // just closed (seen when many locks are taken at once on a fresh client); the command was
      // rejected before it was sent, so trying again cannot take the lock twice.
      return lockOnce(id);
    }
  }

  private static boolean neverSent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("Commands are rejected")) {
        return true;
      }
    }
    return false;
  }

  private LockHandle lockOnce(String id) {
    try {
      return locks
          .getAndLock(repository.keys().exclusive(id), config.lockTimeout(), config.lockWait())
          .handle();
    } catch (LockTimeoutException e) {
      throw new SessionUnavailableException(
          "session "
              + SessionIds.forLog(id)
              + " stayed locked by another request for "
              + config.lockWait()
              + " (larder.session.lock-wait)",
          e);
    } catch (LarderException e) {
      SessionUnavailableException failure =
          new SessionUnavailableException("cannot lock the session: " + e.getMessage(), e);
      if (degrades(failure)) {
        return null; // no lock while degraded: local sessions are this instance's alone anyway
      }
      throw failure;
    }
  }

  /** Releases a lock; a failure is logged (the lock then expires after its timeout). */
  void unlock(LockHandle handle) {
    if (handle == null) {
      return;
    }
    try {
      if (!locks.unlock(handle)) {
        LOG.warn(
            "The session lock {} had expired before its request ended; raise"
                + " larder.session.lock-timeout above the longest request",
            handle);
      }
    } catch (LarderException e) {
      LOG.warn(
          "Cannot release the session lock {} (it expires after {}): {}",
          handle,
          config.lockTimeout(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    if (expiry != null) {
      expiry.close();
    }
    client.close();
  }
}
