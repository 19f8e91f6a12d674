package io.larder.server.command;

import io.larder.server.engine.Keyspace;
import io.larder.server.engine.Mutation;
import io.larder.server.engine.StoredValue;

/**
 * The expiry commands: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT set it; TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME read it; PERSIST removes it. Expiry is an absolute time in epoch milliseconds, as in
 * Redis; a time already past deletes the key at once.
 */
final class KeyExpiry {
  private static final long NO_TTL = -1;
  private static final long NO_KEY = -2;
  private static final int NX = 1;
  private static final int XX = 2;
  private static final int GT = 4;
  private static final int LT = 8;

  void expire(Request request) {
    setExpiry(request, true, true);
  }

  void pexpire(Request request) {
    setExpiry(request, false, true);
  }

  void expireAt(Request request) {
    setExpiry(request, true, false);
  }

  void pexpireAt(Request request) {
    setExpiry(request, false, false);
  }

  void ttl(Request request) {
    reportExpiry(request, false, false);
  }

  void pttl(Request request) {
    reportExpiry(request, true, false);
  }

  void expireTime(Request request) {
    reportExpiry(request, false, true);
  }

  void pexpireTime(Request request) {
    reportExpiry(request, true, true);
  }

  void persist(Request request) {
    boolean removed =
        request
            .keyspace()
            .update(
                request.key(1),
                key -> {
                  StoredValue value = key.current();
                  if (value == null || !value.hasExpiry()) {
                    return false;
                  }
                  key.expireAt(StoredValue.NO_EXPIRY);
                  return true;
                });
    request.reply().integer(removed ? 1 : 0);
  }

  /** Redis's order of checks: options, then the number, then overflow, then the key. */
  private void setExpiry(Request request, boolean inSeconds, boolean relative) {
    int flags = parseFlags(request);
    long when = request.longArg(2);
    if (inSeconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        throw invalidExpireTime(request);
      }
      when *= 1000;
    }
    Keyspace keyspace = request.keyspace();
    long now = keyspace.now();
    long base = relative ? now : 0;
    if (when > Long.MAX_VALUE - base) {
      throw invalidExpireTime(request);
    }
    long expireAt = when + base;
    boolean set = keyspace.update(request.key(1), key -> apply(key, flags, expireAt, now));
    request.reply().integer(set ? 1 : 0);
  }

  private static boolean apply(Mutation key, int flags, long expireAt, long now) {
    StoredValue value = key.current();
    if (value == null || !allowed(flags, value.hasExpiry() ? value.expireAt() : NO_TTL, expireAt)) {
      return false;
    }
    if (expireAt <= now) {
      key.delete();
    } else {
      key.expireAt(expireAt);
    }
    return true;
  }

  /** NX, XX, GT, LT as Redis reads them: a key without expiry has an infinite TTL. */
  private static boolean allowed(int flags, long current, long expireAt) {
    if ((flags & NX) != 0 && current != NO_TTL) {
      return false;
    }
    if ((flags & XX) != 0 && current == NO_TTL) {
      return false;
    }
    if ((flags & GT) != 0 && (current == NO_TTL || expireAt <= current)) {
      return false;
    }
    return (flags & LT) == 0 || current == NO_TTL || expireAt < current;
  }

  private static int parseFlags(Request request) {
    int flags = 0;
    for (int i = 3; i < request.argCount(); i++) {
      if (request.is(i, "NX")) {
        flags |= NX;
      } else if (request.is(i, "XX")) {
        flags |= XX;
      } else if (request.is(i, "GT")) {
        flags |= GT;
      } else if (request.is(i, "LT")) {
        flags |= LT;
      } else {
        throw new CommandException("ERR Unsupported option " + request.text(i));
      }
    }
    if ((flags & NX) != 0 && flags != NX) {
      throw new CommandException(
          "ERR NX and XX, GT or LT options at the same time are not compatible");
    }
    if ((flags & (GT | LT)) == (GT | LT)) {
      throw new CommandException("ERR GT and LT options at the same time are not compatible");
    }
    return flags;
  }

  private static CommandException invalidExpireTime(Request request) {
    return new CommandException(
        "ERR invalid expire time in '" + request.spec().name() + "' command");
  }

  /** TTL and friends: -2 for a missing key, -1 without expiry; seconds are rounded. */
  private void reportExpiry(Request request, boolean inMillis, boolean absolute) {
    Keyspace keyspace = request.keyspace();
    StoredValue value = keyspace.get(request.key(1));
    request.tenant().stats().lookup(value != null);
    if (value == null) {
      request.reply().integer(NO_KEY);
      return;
    }
    if (!value.hasExpiry()) {
      request.reply().integer(NO_TTL);
      return;
    }
    long millis = Math.max(0, absolute ? value.expireAt() : value.expireAt() - keyspace.now());
    // unsigned, as Redis's compiled division behaves for expiries near 2^63 ms
    request.reply().integer(inMillis ? millis : Long.divideUnsigned(millis + 500, 1000));
  }
}
