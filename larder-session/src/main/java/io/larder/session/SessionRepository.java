package io.larder.session;

import io.larder.client.LarderClient;
import io.larder.client.LarderException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads and writes sessions in the cache, one hash per session (see {@link StoredSession}).
 *
 * <p>A request costs one round trip to read (HGETALL) and at most one to write: the commands of a
 * save are sent back to back on the client's shared, pipelined connection and only then awaited.
 * The TTL is set after the field writes, so even a write that lands after a concurrent invalidation
 * leaves nothing that lives forever (and nothing that reads as a session: it lacks {@code
 * created}).
 *
 * <p>Every failure, a timeout, an unreachable server or a refused command, becomes a {@link
 * SessionUnavailableException}; the client bounds each command by its command timeout.
 */
final class SessionRepository {
  /** A last bound on waiting, beyond the client's own command timeout. */
  private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

  /**
   * With expiry events, how much longer than the session the hash lives, so that the listeners of
   * an expired session can still read its attributes.
   */
  static final long EXPIRY_GRACE_MILLIS = 5 * 60_000;

  private final LarderClient client;
  private final SessionKeys keys;
  private final boolean expiryMarkers;
  private final java.util.function.LongSupplier clock;

  /** Without expiry events: the hash's TTL is the session's. */
  SessionRepository(LarderClient client, SessionKeys keys) {
    this(client, keys, false, System::currentTimeMillis);
  }

  /**
   * With {@code expiryMarkers}, each session has an expiry marker key with the session's TTL and
   * the hash lives {@link #EXPIRY_GRACE_MILLIS} longer (see {@link ExpiryEvents}); a hash past its
   * session's expiry then reads as no session.
   */
  SessionRepository(
      LarderClient client,
      SessionKeys keys,
      boolean expiryMarkers,
      java.util.function.LongSupplier clock) {
    this.client = client;
    this.keys = keys;
    this.expiryMarkers = expiryMarkers;
    this.clock = clock;
  }

  SessionKeys keys() {
    return keys;
  }

  /** The session with {@code id}, or null if there is none. */
  StoredSession load(String id) {
    RedisAsyncCommands<byte[], byte[]> redis = commands("read session");
    Map<byte[], byte[]> hash = await("read session", redis.hgetall(keys.session(id)));
    StoredSession session = hash.isEmpty() ? null : StoredSession.fromHash(id, hash);
    if (session != null && expiryMarkers && session.isExpiredAt(clock.getAsLong())) {
      return null; // kept for the expiry listeners only
    }
    return session;
  }

  /** The session's hash even past its expiry (for the expiry listeners), or null. */
  StoredSession loadExpired(String id) {
    Map<byte[], byte[]> hash =
        await("read session", commands("read session").hgetall(keys.session(id)));
    return hash.isEmpty() ? null : StoredSession.fromHash(id, hash);
  }

  /** Takes the right to report the session's expiry, for a minute: true for one caller only. */
  boolean claimExpiry(String id) {
    return "OK"
        .equals(
            await(
                "claim session expiry",
                commands("claim session expiry")
                    .set(
                        keys.destroyed(id),
                        new byte[0],
                        io.lettuce.core.SetArgs.Builder.nx().px(60_000))));
  }

  /** Applies {@code write}: HSET, HDEL, then PEXPIRE or PERSIST, pipelined. */
  void save(SessionWrite write) {
    if (write.isEmpty()) {
      return;
    }
    RedisAsyncCommands<byte[], byte[]> redis = commands("save session");
    byte[] key = keys.session(write.id());
    List<Future<?>> replies = new ArrayList<>(3);
    if (!write.fields().isEmpty()) {
      Map<byte[], byte[]> fields = new LinkedHashMap<>();
      write.fields().forEach((name, value) -> fields.put(StoredSession.field(name), value));
      replies.add(redis.hset(key, fields));
    }
    if (!write.removedAttributes().isEmpty()) {
      byte[][] names =
          write.removedAttributes().stream()
              .map(StoredSession::attributeField)
              .toArray(byte[][]::new);
      replies.add(redis.hdel(key, names));
    }
    if (write.ttlMillis() != null) {
      long ttl = write.ttlMillis();
      if (ttl <= 0) {
        replies.add(redis.persist(key));
        if (expiryMarkers) {
          replies.add(redis.del(keys.expires(write.id())));
        }
      } else if (expiryMarkers) {
        replies.add(redis.pexpire(key, ttl + EXPIRY_GRACE_MILLIS));
        replies.add(
            redis.set(
                keys.expires(write.id()), new byte[0], io.lettuce.core.SetArgs.Builder.px(ttl)));
      } else {
        replies.add(redis.pexpire(key, ttl));
      }
    }
    for (Future<?> reply : replies) {
      await("save session", reply);
    }
  }

  /** Deletes the session; true if it existed. */
  boolean delete(String id) {
    RedisAsyncCommands<byte[], byte[]> redis = commands("delete session");
    Future<Long> deleted = redis.del(keys.session(id));
    if (expiryMarkers) {
      await("delete session", redis.del(keys.expires(id)));
    }
    return await("delete session", deleted) > 0;
  }

  /**
   * Moves the session to a new id, atomically (RENAMENX keeps fields and TTL): true if it moved,
   * false if there was no session under {@code oldId} any more (invalidated or expired meanwhile).
   */
  boolean rename(String oldId, String newId) {
    try {
      RedisAsyncCommands<byte[], byte[]> redis = commands("change session id");
      boolean moved =
          await("change session id", redis.renamenx(keys.session(oldId), keys.session(newId)));
      if (moved && expiryMarkers) {
        // A second step: should it fail, the old marker's expiry finds no session, and the next
        // save writes the new one.
        Future<Boolean> marker = redis.renamenx(keys.expires(oldId), keys.expires(newId));
        try {
          await("move the expiry marker", marker);
        } catch (SessionUnavailableException e) {
          // see above
        }
      }
      return moved;
    } catch (SessionUnavailableException e) {
      if (e.getCause() != null
          && e.getCause().getMessage() != null
          && e.getCause().getMessage().contains("no such key")) {
        return false;
      }
      throw e;
    }
  }

  private RedisAsyncCommands<byte[], byte[]> commands(String what) {
    try {
      return client.connection().async();
    } catch (LarderException e) {
      throw new SessionUnavailableException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private static <T> T await(String what, Future<T> future) {
    try {
      return future.get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new SessionUnavailableException("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SessionUnavailableException("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new SessionUnavailableException(
          "cannot " + what + ": no answer within " + WAIT_LIMIT.toSeconds() + " s", e);
    }
  }
}
