package io.larder.server.command;

import static io.larder.server.command.CommandFlag.DENYOOM;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.READONLY;
import static io.larder.server.command.CommandFlag.WRITE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.command.StringSetOptions.Option;
import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.Mutation;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.util.Arrays;

/**
 * String commands, with Redis 7's semantics and error texts: GET SET SETNX SETEX PSETEX GETSET
 * GETDEL GETEX MGET MSET MSETNX INCR DECR INCRBY DECRBY INCRBYFLOAT APPEND STRLEN GETRANGE
 * SETRANGE.
 *
 * <p>Every read-modify-write runs inside one {@link Keyspace#update}, and all validation that can
 * fail happens before the first change, so an error never leaves a half-made change behind. Reads
 * that Redis counts as keyspace hits or misses (lookupKeyRead) are counted here too; writes that
 * look the key up only to change it are not. The commands that edit a string in place, keeping its
 * expiry (INCR and its kin, APPEND, SETRANGE), are handled by {@link StringEdits}.
 *
 * <p>MSET and MSETNX run in the keyspace's exclusive section, and MGET of several keys reads them
 * in its shared one ({@link Keyspace#shared}), so MGET never sees an MSET half done. GET takes no
 * lock.
 */
public final class StringCommands implements CommandFamily {
  private static final StringSetOptions SETNX = StringSetOptions.of(Option.NX);
  private static final StringSetOptions GETSET = StringSetOptions.of(Option.GET);
  private static final StringSetOptions SETEX = StringSetOptions.expiring(Option.EX, 2);
  private static final StringSetOptions PSETEX = StringSetOptions.expiring(Option.PX, 2);

  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            string("get", 2, READONLY, FAST)
                .doc("1.0.0", "Get the value of a key")
                .handledBy(this::get))
        .register(
            string("set", -3, WRITE, DENYOOM)
                .doc("1.0.0", "Set the string value of a key")
                .handledBy(this::set))
        .register(
            string("setnx", 3, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Set the value of a key, only if the key does not exist")
                .handledBy(this::setNx))
        .register(
            string("setex", 4, WRITE, DENYOOM)
                .doc("2.0.0", "Set the value and expiration of a key")
                .handledBy(request -> setEx(request, SETEX)))
        .register(
            string("psetex", 4, WRITE, DENYOOM)
                .doc("2.6.0", "Set the value and expiration in milliseconds of a key")
                .handledBy(request -> setEx(request, PSETEX)))
        .register(
            string("getset", 3, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Set the string value of a key and return its old value")
                .handledBy(this::getSet))
        .register(
            string("getdel", 2, WRITE, FAST)
                .doc("6.2.0", "Get the value of a key and delete the key")
                .handledBy(this::getDel))
        .register(
            string("getex", -2, WRITE, FAST)
                .doc("6.2.0", "Get the value of a key and optionally set its expiration")
                .handledBy(this::getEx))
        .register(
            string("mget", -2, READONLY, FAST)
                .keys(1, -1, 1)
                .doc("1.0.0", "Get the values of all the given keys")
                .handledBy(this::mget))
        .register(
            string("mset", -3, WRITE, DENYOOM)
                .keys(1, -1, 2)
                .doc("1.0.1", "Set multiple keys to multiple values")
                .handledBy(this::mset))
        .register(
            string("msetnx", -3, WRITE, DENYOOM)
                .keys(1, -1, 2)
                .doc(
                    "1.0.1", "Set multiple keys to multiple values, only if none of the keys exist")
                .handledBy(this::msetNx))
        .register(
            string("incr", 2, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Increment the integer value of a key by one")
                .handledBy(request -> StringEdits.incrementBy(request, 1)))
        .register(
            string("decr", 2, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Decrement the integer value of a key by one")
                .handledBy(request -> StringEdits.incrementBy(request, -1)))
        .register(
            string("incrby", 3, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Increment the integer value of a key by the given amount")
                .handledBy(request -> StringEdits.incrementBy(request, request.longArg(2))))
        .register(
            string("decrby", 3, WRITE, DENYOOM, FAST)
                .doc("1.0.0", "Decrement the integer value of a key by the given number")
                .handledBy(StringEdits::decrBy))
        .register(
            string("incrbyfloat", 3, WRITE, DENYOOM, FAST)
                .doc("2.6.0", "Increment the float value of a key by the given amount")
                .handledBy(StringEdits::incrByFloat))
        .register(
            string("append", 3, WRITE, DENYOOM, FAST)
                .doc("2.0.0", "Append a value to a key")
                .handledBy(StringEdits::append))
        .register(
            string("strlen", 2, READONLY, FAST)
                .doc("2.2.0", "Get the length of the value stored in a key")
                .handledBy(this::strlen))
        .register(
            string("getrange", 4, READONLY)
                .doc("2.4.0", "Get a substring of the string stored at a key")
                .handledBy(this::getRange))
        .register(
            string("setrange", 4, WRITE, DENYOOM)
                .doc("2.2.0", "Overwrite part of a string at key starting at the specified offset")
                .handledBy(StringEdits::setRange));
  }

  /** A string command whose one key is its first argument, as most are. */
  private static CommandSpec.Builder string(String name, int arity, CommandFlag... flags) {
    return command(name, arity).flags(flags).keys(1, 1, 1).group("string");
  }

  // --- reads ---

  private void get(Request request) {
    request.reply().bulk(bytesOf(lookup(request, request.key(1))));
  }

  private void mget(Request request) {
    StoredValue[] values = KeyCommands.lookUpAll(request, true);
    request.reply().arrayHeader(values.length);
    for (StoredValue value : values) {
      request.tenant().stats().lookup(value != null);
      // MGET answers nil for a key of another type rather than failing the whole command
      request.reply().bulk(value instanceof StringValue string ? string.bytes() : null);
    }
  }

  private void strlen(Request request) {
    StringValue value = lookup(request, request.key(1));
    request.reply().integer(value == null ? 0 : value.bytes().length);
  }

  private void getRange(Request request) {
    long start = request.longArg(2);
    long end = request.longArg(3);
    StringValue value = lookup(request, request.key(1));
    byte[] bytes = value == null ? new byte[0] : value.bytes();
    long length = bytes.length;
    if (start < 0 && end < 0 && start > end) {
      request.reply().bulk(new byte[0]);
      return;
    }
    start = Math.max(start < 0 ? length + start : start, 0);
    end = Math.min(Math.max(end < 0 ? length + end : end, 0), length - 1);
    if (start > end) {
      request.reply().bulk(new byte[0]);
    } else {
      request.reply().bulk(Arrays.copyOfRange(bytes, (int) start, (int) end + 1));
    }
  }

  // --- sets ---

  private void set(Request request) {
    if (request.argCount() == 3) {
      // the hot path: a plain SET replaces whatever is there, so it need not read it
      request.keyspace().put(request.key(1), new StringValue(request.arg(2)));
      request.reply().ok();
      return;
    }
    StringSetOptions options = StringSetOptions.forSet(request);
    SetOutcome outcome = setString(request, options, 2);
    if (options.has(Option.GET)) {
      request.reply().bulk(bytesOf(outcome.previous()));
    } else if (outcome.stored()) {
      request.reply().ok();
    } else {
      request.reply().nullBulk();
    }
  }

  private void setNx(Request request) {
    request.reply().integer(setString(request, SETNX, 2).stored() ? 1 : 0);
  }

  private void setEx(Request request, StringSetOptions options) {
    setString(request, options, 3);
    request.reply().ok();
  }

  private void getSet(Request request) {
    request.reply().bulk(bytesOf(setString(request, GETSET, 2).previous()));
  }

  private record SetOutcome(boolean stored, StringValue previous) {}

  /**
   * Redis's setGenericCommand: stores argument valueIndex at the key, as options say. The expiry is
   * validated first, then GET's type check, then NX/XX, in Redis's order.
   */
  private static SetOutcome setString(Request request, StringSetOptions options, int valueIndex) {
    long expireAt = options.expireAt(request);
    byte[] bytes = request.arg(valueIndex);
    return request
        .keyspace()
        .update(
            request.key(1),
            entry -> {
              StoredValue current = entry.current();
              StringValue previous = null;
              if (options.has(Option.GET)) {
                request.tenant().stats().lookup(current != null);
                previous = asString(current);
              }
              boolean found = current != null;
              if ((options.has(Option.NX) && found) || (options.has(Option.XX) && !found)) {
                return new SetOutcome(false, previous);
              }
              boolean keepTtl = options.has(Option.KEEPTTL) && found;
              setOrExpire(request, entry, bytes, keepTtl ? current.expireAt() : expireAt);
              return new SetOutcome(true, previous);
            });
  }

  private void getDel(Request request) {
    StringValue previous =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue value = counted(request, entry.current());
                  entry.delete();
                  return value;
                });
    request.reply().bulk(bytesOf(previous));
  }

  private void getEx(Request request) {
    StringSetOptions options = StringSetOptions.forGetEx(request);
    StringValue value =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue current = counted(request, entry.current());
                  if (current == null) {
                    return null; // a missing key answers nil before its expiry is validated
                  }
                  if (options.hasExpiry()) {
                    expireOrDelete(request, entry, options.expireAt(request));
                  } else if (options.has(Option.PERSIST)) {
                    entry.expireAt(StoredValue.NO_EXPIRY);
                  }
                  return current;
                });
    request.reply().bulk(bytesOf(value));
  }

  private void mset(Request request) {
    checkPairs(request);
    request.keyspace().exclusive(() -> putAll(request));
    request.reply().ok();
  }

  private void msetNx(Request request) {
    checkPairs(request);
    boolean stored =
        request
            .keyspace()
            .exclusive(
                () -> {
                  for (int i = 1; i < request.argCount(); i += 2) {
                    if (request.keyspace().get(request.key(i)) != null) {
                      return false;
                    }
                  }
                  return putAll(request);
                });
    request.reply().integer(stored ? 1 : 0);
  }

  /** MSET's arity: the minimum is checked centrally, that keys and values pair up here. */
  private static void checkPairs(Request request) {
    if (request.argCount() % 2 == 0) {
      throw new CommandException(
          "ERR wrong number of arguments for '" + request.spec().name() + "' command");
    }
  }

  /** Stores every key/value pair of an MSET, the last of a repeated key winning. */
  private static boolean putAll(Request request) {
    for (int i = 1; i < request.argCount(); i += 2) {
      request.keyspace().put(request.key(i), new StringValue(request.arg(i + 1)));
    }
    return true;
  }

  // --- shared ---

  /** The string at key, counted as a keyspace hit or miss; null when absent. */
  private static StringValue lookup(Request request, ByteKey key) {
    return counted(request, request.keyspace().get(key));
  }

  private static StringValue counted(Request request, StoredValue value) {
    request.tenant().stats().lookup(value != null);
    return asString(value);
  }

  /** value as a string, null when absent; WRONGTYPE for any other type. */
  static StringValue asString(StoredValue value) {
    if (value == null || value instanceof StringValue) {
      return (StringValue) value;
    }
    throw CommandException.WRONG_TYPE;
  }

  static byte[] bytesOf(StringValue value) {
    return value == null ? null : value.bytes();
  }

  /** Stores bytes with an expiry; one already past (EXAT/PXAT) deletes the key instead. */
  private static void setOrExpire(Request request, Mutation entry, byte[] bytes, long expireAt) {
    if (isPast(request, expireAt)) {
      entry.delete();
    } else {
      entry.set(new StringValue(bytes, expireAt));
    }
  }

  private static void expireOrDelete(Request request, Mutation entry, long expireAt) {
    if (isPast(request, expireAt)) {
      entry.delete();
    } else {
      entry.expireAt(expireAt);
    }
  }

  private static boolean isPast(Request request, long expireAt) {
    return expireAt != StoredValue.NO_EXPIRY && expireAt <= request.keyspace().now();
  }
}
