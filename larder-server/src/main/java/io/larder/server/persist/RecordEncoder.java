package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import io.larder.server.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Encodes log records as RESP commands ({@code SET k v PXAT t}, {@code HSET k f v}, {@code DEL k},
 * {@code HDEL k f}, {@code PEXPIREAT k t}, {@code PERSIST k}, {@code FLUSHALL}), so a log file is
 * readable with any RESP tool and replays through the same parser the network uses.
 *
 * <p>A value that takes several records (a whole hash) is wrapped in {@code MULTI} … {@code EXEC}
 * in the incremental log, as Redis does for transactions: a crash in the middle of it must not
 * leave the key deleted by the leading {@code DEL} but not yet refilled, so replay applies the
 * group whole or, when it is cut off, not at all.
 */
final class RecordEncoder {
  static final byte[] SET = bytes("SET");
  static final byte[] DEL = bytes("DEL");
  static final byte[] HSET = bytes("HSET");
  static final byte[] HDEL = bytes("HDEL");
  static final byte[] PEXPIREAT = bytes("PEXPIREAT");
  static final byte[] PERSIST = bytes("PERSIST");
  static final byte[] FLUSHALL = bytes("FLUSHALL");
  static final byte[] MULTI = bytes("MULTI");
  static final byte[] EXEC = bytes("EXEC");
  private static final byte[] PXAT = bytes("PXAT");

  /** Large hashes are written as several HSET records so no single record grows without bound. */
  private static final int FIELDS_PER_RECORD = 512;

  private RecordEncoder() {}

  /** The records that replace whatever is at key by value, applied as one by replay. */
  static void atomicValue(ByteBuf out, ByteKey key, StoredValue value) {
    if (value instanceof StringValue) {
      value(out, key, value);
      return;
    }
    command(out, MULTI);
    value(out, key, value);
    command(out, EXEC);
  }

  /** The records that recreate value at key from nothing (for a snapshot, which is never cut). */
  static void value(ByteBuf out, ByteKey key, StoredValue value) {
    if (value instanceof StringValue string) {
      if (string.hasExpiry()) {
        command(out, SET, key.bytes(), string.bytes(), PXAT, decimal(string.expireAt()));
      } else {
        command(out, SET, key.bytes(), string.bytes());
      }
      return;
    }
    HashValue hash = (HashValue) value;
    command(out, DEL, key.bytes());
    byte[][] pairs = hash.fields().toPairs();
    for (int from = 0; from < pairs.length; from += FIELDS_PER_RECORD * 2) {
      int to = Math.min(pairs.length, from + FIELDS_PER_RECORD * 2);
      header(out, 2 + to - from);
      arg(out, HSET);
      arg(out, key.bytes());
      for (int i = from; i < to; i++) {
        arg(out, pairs[i]);
      }
    }
    if (hash.hasExpiry()) {
      command(out, PEXPIREAT, key.bytes(), decimal(hash.expireAt()));
    }
  }

  static void command(ByteBuf out, byte[]... args) {
    header(out, args.length);
    for (byte[] arg : args) {
      arg(out, arg);
    }
  }

  static byte[] decimal(long value) {
    return bytes(Long.toString(value));
  }

  private static void header(ByteBuf out, int count) {
    RespWriter.writeArrayHeader(out, count);
  }

  private static void arg(ByteBuf out, byte[] arg) {
    RespWriter.writeBulkHeader(out, arg.length);
    out.writeBytes(arg);
    out.writeByte('\r').writeByte('\n');
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
