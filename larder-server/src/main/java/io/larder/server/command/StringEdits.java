package io.larder.server.command;

import static io.larder.server.command.StringCommands.asString;
import static io.larder.server.command.StringCommands.bytesOf;

import io.larder.server.engine.Mutation;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The string commands that edit a value in place: INCR DECR INCRBY DECRBY INCRBYFLOAT APPEND
 * SETRANGE. Each is one atomic read-modify-write that keeps the key's expiry, creates the key when
 * absent, and checks everything that can fail (type, number, size) before it changes anything.
 */
final class StringEdits {
  private static final CommandException OVERFLOW =
      new CommandException("ERR increment or decrement would overflow");
  private static final CommandException TOO_LONG =
      new CommandException("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

  private StringEdits() {}

  static void decrBy(Request request) {
    long decrement = request.longArg(2);
    if (decrement == Long.MIN_VALUE) {
      throw new CommandException("ERR decrement would overflow");
    }
    incrementBy(request, -decrement);
  }

  static void incrementBy(Request request, long increment) {
    long result =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue current = asString(entry.current());
                  long value = current == null ? 0 : Numbers.parseLong(current.bytes());
                  if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                      || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
                    throw OVERFLOW;
                  }
                  long sum = value + increment;
                  replace(entry, current, Long.toString(sum).getBytes(StandardCharsets.US_ASCII));
                  return sum;
                });
    request.reply().integer(result);
  }

  static void incrByFloat(Request request) {
    byte[] result =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue current = asString(entry.current());
                  byte[] sum = StringLongDouble.add(bytesOf(current), request.arg(2));
                  replace(entry, current, sum);
                  return sum;
                });
    request.reply().bulk(result);
  }

  static void append(Request request) {
    byte[] suffix = request.arg(2);
    int length =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue current = asString(entry.current());
                  if (current == null) {
                    entry.set(new StringValue(suffix));
                    return suffix.length;
                  }
                  byte[] bytes = current.bytes();
                  checkLength(request, bytes.length, suffix.length);
                  byte[] joined = Arrays.copyOf(bytes, bytes.length + suffix.length);
                  System.arraycopy(suffix, 0, joined, bytes.length, suffix.length);
                  replace(entry, current, joined);
                  return joined.length;
                });
    request.reply().integer(length);
  }

  static void setRange(Request request) {
    long offset = request.longArg(2);
    if (offset < 0) {
      throw new CommandException("ERR offset is out of range");
    }
    byte[] patch = request.arg(3);
    int length =
        request
            .keyspace()
            .update(
                request.key(1),
                entry -> {
                  StringValue current = asString(entry.current());
                  byte[] bytes = bytesOf(current);
                  if (patch.length == 0) {
                    return bytes == null ? 0 : bytes.length; // nothing to write, nothing created
                  }
                  checkLength(request, offset, patch.length);
                  int end = (int) offset + patch.length;
                  byte[] patched =
                      bytes == null
                          ? new byte[end]
                          : Arrays.copyOf(bytes, Math.max(end, bytes.length));
                  System.arraycopy(patch, 0, patched, (int) offset, patch.length);
                  replace(entry, current, patched);
                  return patched.length;
                });
    request.reply().integer(length);
  }

  /** Redis's checkStringLength: a string may not outgrow proto-max-bulk-len. */
  private static void checkLength(Request request, long offset, int length) {
    if (offset > request.server().config().maxBulkLength() - length) {
      throw TOO_LONG;
    }
  }

  /** New contents for the key, keeping the expiry of what was there. */
  private static void replace(Mutation entry, StringValue current, byte[] bytes) {
    entry.set(new StringValue(bytes, current == null ? StoredValue.NO_EXPIRY : current.expireAt()));
  }
}
