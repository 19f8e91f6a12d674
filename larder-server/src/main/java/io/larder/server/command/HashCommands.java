package io.larder.server.command;

import static io.larder.server.command.CommandFlag.DENYOOM;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.READONLY;
import static io.larder.server.command.CommandFlag.WRITE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.engine.HashFields;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.StoredValue;
import io.larder.server.resp.RespWriter;
import java.nio.charset.StandardCharsets;

/**
 * Hash commands, with Redis 7.0's replies, error texts and argument checks.
 *
 * <p>Writes go through {@code Keyspace.update}, field by field, so the append-only log records
 * fields rather than whole hashes. Reads count keyspace hits and misses as Redis's read lookups do;
 * writes count neither. HSCAN and HRANDFIELD live in {@link HashScan} and {@link HashRandomFields}.
 *
 * <p>A read of a hash takes no key lock. It answers from one call into {@link HashFields} (HMGET
 * through {@link HashFields#getAll}, the listings through one copy), and the keyspace holds the
 * same monitor over a whole update of the hash, so a read sees a write of several fields (HSET,
 * HDEL) whole or not at all, as Redis's single thread would.
 */
public final class HashCommands implements CommandFamily {
  private static final CommandException NOT_AN_INTEGER =
      new CommandException("ERR hash value is not an integer");
  private static final CommandException NOT_A_FLOAT =
      new CommandException("ERR hash value is not a float");
  private static final CommandException OVERFLOW =
      new CommandException("ERR increment or decrement would overflow");
  private static final CommandException NAN_OR_INFINITY_INCREMENT =
      new CommandException("ERR value is NaN or Infinity");

  /** Names, arities, flags and key positions as Redis 7.0's COMMAND INFO gives them. */
  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            hash("hset", -4, WRITE, DENYOOM, FAST)
                .doc("2.0.0", "Set the string value of a hash field")
                .handledBy(this::hset))
        .register(
            hash("hsetnx", 4, WRITE, DENYOOM, FAST)
                .doc("2.0.0", "Set the value of a hash field, only if the field does not exist")
                .handledBy(this::hsetnx))
        .register(
            hash("hmset", -4, WRITE, DENYOOM, FAST)
                .doc("2.0.0", "Set multiple hash fields to multiple values")
                .handledBy(this::hset))
        .register(
            hash("hget", 3, READONLY, FAST)
                .doc("2.0.0", "Get the value of a hash field")
                .handledBy(this::hget))
        .register(
            hash("hmget", -3, READONLY, FAST)
                .doc("2.0.0", "Get the values of all the given hash fields")
                .handledBy(this::hmget))
        .register(
            hash("hgetall", 2, READONLY)
                .doc("2.0.0", "Get all the fields and values in a hash")
                .handledBy(this::hgetall))
        .register(
            hash("hkeys", 2, READONLY)
                .doc("2.0.0", "Get all the fields in a hash")
                .handledBy(this::hkeys))
        .register(
            hash("hvals", 2, READONLY)
                .doc("2.0.0", "Get all the values in a hash")
                .handledBy(this::hvals))
        .register(
            hash("hdel", -3, WRITE, FAST)
                .doc("2.0.0", "Delete one or more hash fields")
                .handledBy(this::hdel))
        .register(
            hash("hexists", 3, READONLY, FAST)
                .doc("2.0.0", "Determine if a hash field exists")
                .handledBy(this::hexists))
        .register(
            hash("hlen", 2, READONLY, FAST)
                .doc("2.0.0", "Get the number of fields in a hash")
                .handledBy(this::hlen))
        .register(
            hash("hstrlen", 3, READONLY, FAST)
                .doc("3.2.0", "Get the length of the value of a hash field")
                .handledBy(this::hstrlen))
        .register(
            hash("hincrby", 4, WRITE, DENYOOM, FAST)
                .doc("2.0.0", "Increment the integer value of a hash field by the given number")
                .handledBy(this::hincrby))
        .register(
            hash("hincrbyfloat", 4, WRITE, DENYOOM, FAST)
                .doc("2.6.0", "Increment the float value of a hash field by the given amount")
                .handledBy(this::hincrbyfloat))
        .register(
            hash("hscan", -3, READONLY)
                .doc("2.8.0", "Incrementally iterate hash fields and associated values")
                .handledBy(HashScan::hscan))
        .register(
            hash("hrandfield", -2, READONLY)
                .doc("6.2.0", "Get one or multiple random fields from a hash")
                .handledBy(HashRandomFields::hrandfield));
  }

  private static CommandSpec.Builder hash(String name, int arity, CommandFlag... flags) {
    return command(name, arity).flags(flags).keys(1, 1, 1).group("hash");
  }

  /**
   * The fields of the hash at argument 1, for a read: null when the key is absent, WRONGTYPE when
   * it holds another type. Counts the lookup as a keyspace hit or miss.
   */
  static HashFields readHash(Request request) {
    StoredValue value = request.keyspace().get(request.key(1));
    request.tenant().stats().lookup(value != null);
    return fieldsOf(value);
  }

  /** The fields of value: null when there is no value, WRONGTYPE when it is not a hash. */
  private static HashFields fieldsOf(StoredValue value) {
    if (value == null) {
      return null;
    }
    if (value instanceof HashValue hash) {
      return hash.fields();
    }
    throw CommandException.WRONG_TYPE;
  }

  /** HSET answers the number of new fields, HMSET (deprecated, otherwise the same) OK. */
  private void hset(Request request) {
    if (request.argCount() % 2 == 1) {
      throw new CommandException(
          "ERR wrong number of arguments for '" + request.spec().name() + "' command");
    }
    long created =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  fieldsOf(entry.current()); // WRONGTYPE before any change
                  long added = 0;
                  for (int i = 2; i < request.argCount(); i += 2) {
                    added += entry.setField(request.arg(i), request.arg(i + 1)) ? 1 : 0;
                  }
                  return added;
                });
    if (request.spec().name().equals("hset")) {
      request.reply().integer(created);
    } else {
      request.reply().ok();
    }
  }

  private void hsetnx(Request request) {
    boolean set =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  if (fieldValue(fieldsOf(entry.current()), request.arg(2)) != null) {
                    return false;
                  }
                  entry.setField(request.arg(2), request.arg(3));
                  return true;
                });
    request.reply().integer(set ? 1 : 0);
  }

  private void hget(Request request) {
    request.reply().bulk(fieldValue(readHash(request), request.arg(2)));
  }

  /** The fields are read at one instant, so a concurrent HSET of several is seen whole. */
  private void hmget(Request request) {
    HashFields fields = readHash(request);
    byte[][] names = new byte[request.argCount() - 2][];
    for (int i = 0; i < names.length; i++) {
      names[i] = request.arg(i + 2);
    }
    byte[][] values = fields == null ? new byte[names.length][] : fields.getAll(names);
    RespWriter reply = request.reply();
    reply.arrayHeader(values.length);
    for (byte[] value : values) {
      reply.bulk(value);
    }
  }

  private void hgetall(Request request) {
    byte[][] pairs = pairs(request);
    RespWriter reply = request.reply();
    reply.mapHeader(pairs.length / 2);
    for (byte[] fieldOrValue : pairs) {
      reply.bulk(fieldOrValue);
    }
  }

  private void hkeys(Request request) {
    writeEveryOther(request.reply(), pairs(request), 0);
  }

  private void hvals(Request request) {
    writeEveryOther(request.reply(), pairs(request), 1);
  }

  /** A consistent copy of the hash's fields and values, alternating; empty when absent. */
  private static byte[][] pairs(Request request) {
    HashFields fields = readHash(request);
    return fields == null ? new byte[0][] : fields.toPairs();
  }

  private static void writeEveryOther(RespWriter reply, byte[][] pairs, int first) {
    reply.arrayHeader(pairs.length / 2);
    for (int i = first; i < pairs.length; i += 2) {
      reply.bulk(pairs[i]);
    }
  }

  private void hdel(Request request) {
    long deleted =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  if (fieldsOf(entry.current()) == null) {
                    return 0L;
                  }
                  long removed = 0;
                  for (int i = 2; i < request.argCount(); i++) {
                    removed += entry.deleteField(request.arg(i)) ? 1 : 0;
                  }
                  return removed;
                });
    request.reply().integer(deleted);
  }

  private void hexists(Request request) {
    request.reply().integer(fieldValue(readHash(request), request.arg(2)) != null ? 1 : 0);
  }

  private void hlen(Request request) {
    HashFields fields = readHash(request);
    request.reply().integer(fields == null ? 0 : fields.size());
  }

  private void hstrlen(Request request) {
    byte[] value = fieldValue(readHash(request), request.arg(2));
    request.reply().integer(value == null ? 0 : value.length);
  }

  private void hincrby(Request request) {
    long increment = request.longArg(3);
    long result =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  byte[] field = request.arg(2);
                  byte[] old = fieldValue(fieldsOf(entry.current()), field);
                  long current = 0;
                  if (old != null) {
                    Long parsed = Numbers.tryParseLong(old);
                    if (parsed == null) {
                      throw NOT_AN_INTEGER;
                    }
                    current = parsed;
                  }
                  long sum;
                  try {
                    sum = Math.addExact(current, increment);
                  } catch (ArithmeticException e) {
                    throw OVERFLOW;
                  }
                  entry.setField(field, Long.toString(sum).getBytes(StandardCharsets.US_ASCII));
                  return sum;
                });
    request.reply().integer(result);
  }

  /** The sum is computed and printed as Redis does it, in long double: see StringLongDouble. */
  private void hincrbyfloat(Request request) {
    byte[] increment = request.arg(3);
    checkFloatIncrement(increment);
    byte[] result =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  byte[] field = request.arg(2);
                  byte[] sum = floatSum(fieldValue(fieldsOf(entry.current()), field), increment);
                  entry.setField(field, sum);
                  return sum;
                });
    request.reply().bulk(result);
  }

  /** Redis checks the increment alone first, with its own error for an infinite one. */
  private static void checkFloatIncrement(byte[] increment) {
    try {
      StringLongDouble.add(null, increment);
    } catch (CommandException e) {
      throw e == StringLongDouble.NAN_OR_INFINITY ? NAN_OR_INFINITY_INCREMENT : e;
    }
  }

  /** current + increment; the increment is known good, so a number that is not is the field's. */
  private static byte[] floatSum(byte[] current, byte[] increment) {
    try {
      return StringLongDouble.add(current, increment);
    } catch (CommandException e) {
      throw e == CommandException.NOT_FLOAT ? NOT_A_FLOAT : e;
    }
  }

  private static byte[] fieldValue(HashFields fields, byte[] field) {
    return fields == null ? null : fields.get(field);
  }
}
