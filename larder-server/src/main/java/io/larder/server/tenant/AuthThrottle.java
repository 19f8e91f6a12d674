package io.larder.server.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing of access keys: failed authentications are counted per client address and
 * cache.
 *
 * <p>The policy: from one address, AUTH to one cache may fail {@value #FREE_FAILURES} times; the
 * failures are forgotten once a minute passes without one, or when an AUTH to that cache from that
 * address succeeds. At the {@value #FREE_FAILURES}th failure the pair enters a penalty of 1 second,
 * during which every AUTH from that address to that cache is refused <em>without the key being
 * checked</em>; each further failure, refused attempts included, doubles the penalty (2 s, 4 s,
 * ...) up to 30 seconds, counted from that failure. Attempts with names of caches that do not exist
 * share one count per address.
 *
 * <p>Why per cache: a client that holds the key of one cache cannot reset the count of another by
 * authenticating successfully, and a neighbour behind the same NAT using another cache is not
 * locked out. Why refusal rather than a delayed answer: AUTH runs on a network event loop, which
 * must never sleep, and a refusal that does not look at the key gives a guesser nothing to learn.
 * The price: a client that keeps retrying with a wrong key (say, after a rotation) stays refused
 * for up to 30 seconds after its key is fixed.
 *
 * <p>Memory is bounded: at most {@link #MAX_ENTRIES} pairs are tracked; beyond that, forgotten
 * entries are dropped and, if none are, new pairs are not tracked (fail open, logged once).
 */
public final class AuthThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

  public static final int FREE_FAILURES = 10;
  static final long WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(1);
  static final long FIRST_PENALTY_MILLIS = 1000;
  static final long MAX_PENALTY_MILLIS = 30_000;
  static final int MAX_ENTRIES = 100_000;

  private final LongSupplier clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private volatile boolean warnedFull;

  /** A throttle on the monotonic clock. */
  public AuthThrottle() {
    this(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
  }

  /**
   * @param clock milliseconds on a clock that never goes back
   */
  AuthThrottle(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * How long AUTH from address to cache stays refused, in milliseconds; 0 when it may try. While it
   * is positive, do not check the key: refuse, and call {@link #failed}.
   *
   * @param cache the name of an existing cache, or null for a name that names none
   */
  public long penaltyLeft(String address, String cache) {
    Failures entry = failures.get(key(address, cache));
    if (entry == null) {
      return 0;
    }
    synchronized (entry) {
      return Math.max(0, entry.blockedUntil - clock.getAsLong());
    }
  }

  /** Counts a failed (or refused) authentication from address to cache (null: no such cache). */
  public void failed(String address, String cache) {
    long now = clock.getAsLong();
    String key = key(address, cache);
    Failures entry = failures.get(key);
    if (entry == null) {
      if (failures.size() >= MAX_ENTRIES && !makeRoom(now)) {
        return;
      }
      entry = failures.computeIfAbsent(key, k -> new Failures());
    }
    synchronized (entry) {
      if (entry.forgotten(now)) {
        entry.count = 0;
        entry.penalty = 0;
      }
      entry.count++;
      entry.last = now;
      if (entry.count >= FREE_FAILURES) {
        if (entry.penalty == 0) {
          entry.penalty = FIRST_PENALTY_MILLIS;
          LOG.warn(
              "{} failed authentications from {} to {} within a minute; refusing them for a while",
              entry.count,
              address,
              cache == null ? "unknown caches" : "cache " + cache);
        } else {
          entry.penalty = Math.min(entry.penalty * 2, MAX_PENALTY_MILLIS);
        }
        entry.blockedUntil = now + entry.penalty;
      }
    }
  }

  /** Forgets the failures from address to cache: its key was just given right. */
  public void succeeded(String address, String cache) {
    failures.remove(key(address, cache));
  }

  /** Entries tracked now. */
  int tracked() {
    return failures.size();
  }

  private static String key(String address, String cache) {
    return cache == null ? address : address + ' ' + cache;
  }

  /** Drops entries whose failures are forgotten anyway; returns whether there is room now. */
  private boolean makeRoom(long now) {
    failures
        .values()
        .removeIf(
            entry -> {
              synchronized (entry) {
                return entry.forgotten(now);
              }
            });
    if (failures.size() < MAX_ENTRIES) {
      return true;
    }
    if (!warnedFull) {
      warnedFull = true;
      LOG.warn(
          "failed authentications come from more than {} address and cache pairs; not throttling"
              + " new ones",
          MAX_ENTRIES);
    }
    return false;
  }

  private static final class Failures {
    int count;
    long last;
    long penalty;
    long blockedUntil;

    /** No failure for a minute and no penalty running: the count starts again. */
    boolean forgotten(long now) {
      return now - last > WINDOW_MILLIS && now >= blockedUntil;
    }
  }
}
