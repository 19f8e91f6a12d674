package io.larder.server.tenant;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing of access keys: failed authentications are counted per client address.
 *
 * <p>The policy: an address may fail {@link #FREE_FAILURES} times; its failures are forgotten once
 * a minute passes without one. At the {@value #FREE_FAILURES}th failure the address enters a
 * penalty of 1 second, during which every AUTH from it is refused with WRONGPASS <em>without the
 * key being checked</em>; each further failure, refused attempts included, doubles the penalty (2
 * s, 4 s, ...) up to 30 seconds, counted from that failure. A successful AUTH does not clear the
 * count (a client holding one cache's key could otherwise reset it while guessing another's).
 *
 * <p>Why refusal rather than a delayed answer: AUTH runs on a network event loop, which must never
 * sleep, and a refusal that does not look at the key gives a guesser nothing to learn. An address
 * that keeps retrying during its penalty stays at the 30-second penalty until it pauses. The price
 * is that all clients behind one address (a NAT) share the penalty, and a client that misconfigured
 * its key keeps being refused for up to 30 seconds after the key is fixed.
 *
 * <p>Memory is bounded: at most {@link #MAX_ADDRESSES} addresses are tracked; beyond that, stale
 * entries are dropped and, if none are stale, new addresses are not tracked (fail open, logged).
 */
public final class AuthThrottle {
  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

  public static final int FREE_FAILURES = 10;
  static final long WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(1);
  static final long FIRST_PENALTY_MILLIS = 1000;
  static final long MAX_PENALTY_MILLIS = 30_000;
  static final int MAX_ADDRESSES = 100_000;

  private final LongSupplier clock;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
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
   * How long address stays refused, in milliseconds; 0 when it may try. While it is positive, do
   * not check the key: refuse, and call {@link #failed}.
   */
  public long penaltyLeft(String address) {
    Failures failures = byAddress.get(address);
    if (failures == null) {
      return 0;
    }
    synchronized (failures) {
      return Math.max(0, failures.blockedUntil - clock.getAsLong());
    }
  }

  /** Counts a failed (or refused) authentication from address. */
  public void failed(String address) {
    long now = clock.getAsLong();
    Failures failures = byAddress.get(address);
    if (failures == null) {
      if (byAddress.size() >= MAX_ADDRESSES && !makeRoom(now)) {
        return;
      }
      failures = byAddress.computeIfAbsent(address, a -> new Failures());
    }
    synchronized (failures) {
      if (now - failures.last > WINDOW_MILLIS && now >= failures.blockedUntil) {
        failures.count = 0;
        failures.penalty = 0;
      }
      failures.count++;
      failures.last = now;
      if (failures.count >= FREE_FAILURES) {
        if (failures.penalty == 0) {
          failures.penalty = FIRST_PENALTY_MILLIS;
          LOG.warn(
              "{} failed authentications from {} within a minute; refusing AUTH from it for a while",
              failures.count,
              address);
        } else {
          failures.penalty = Math.min(failures.penalty * 2, MAX_PENALTY_MILLIS);
        }
        failures.blockedUntil = now + failures.penalty;
      }
    }
  }

  /** Addresses tracked now. */
  int tracked() {
    return byAddress.size();
  }

  /** Drops entries whose failures are forgotten anyway; returns whether there is room now. */
  private boolean makeRoom(long now) {
    byAddress
        .entrySet()
        .removeIf(
            entry -> {
              Failures failures = entry.getValue();
              synchronized (failures) {
                return now - failures.last > WINDOW_MILLIS && now >= failures.blockedUntil;
              }
            });
    if (byAddress.size() < MAX_ADDRESSES) {
      return true;
    }
    if (!warnedFull) {
      warnedFull = true;
      LOG.warn(
          "failed authentications come from more than {} addresses; not throttling new ones",
          MAX_ADDRESSES);
    }
    return false;
  }

  private static final class Failures {
    int count;
    long last;
    long penalty;
    long blockedUntil;
  }
}
