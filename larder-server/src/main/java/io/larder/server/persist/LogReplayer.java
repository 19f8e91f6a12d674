package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import io.larder.server.resp.RespLimits;
import io.larder.server.resp.RespParser;
import io.larder.server.resp.RespProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays log files into a keyspace.
 *
 * <p>An incremental log that ends inside a record (the process died while writing it, so that write
 * was never acknowledged) is truncated to its last whole record, as Redis does with {@code
 * aof-load-truncated yes}; an unfinished {@code MULTI} group at the end is dropped whole. Anything
 * else unreadable, and a snapshot that ends inside a record (snapshots are complete before the
 * manifest names them), stops start-up with an error naming the file and the byte offset.
 */
final class LogReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(LogReplayer.class);
  private static final int CHUNK = 1 << 20;
  private static final RespLimits REPLAY_LIMITS =
      new RespLimits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1 << 20);
  private static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);

  private final Keyspace keyspace;

  LogReplayer(Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  /** Applies every record of a snapshot; returns the number of records applied. */
  long replaySnapshot(Path file) throws IOException {
    return replay(file, false);
  }

  /** Applies every whole record of an incremental log, cutting off a torn tail. */
  long replayLog(Path file) throws IOException {
    return replay(file, true);
  }

  private long replay(Path file, boolean mayEndInsideRecord) throws IOException {
    long records = 0;
    long offset = 0; // bytes parsed so far
    long recordStart = 0;
    long complete = 0; // end of the last record applied (or of the last EXEC)
    List<byte[][]> transaction = null;
    RespParser parser = new RespParser(REPLAY_LIMITS);
    ByteBuf buffer = Unpooled.buffer(CHUNK);
    long size;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      size = channel.size();
      int read;
      do {
        buffer.discardReadBytes();
        read = buffer.writeBytes(channel, CHUNK);
        while (true) {
          if (!parser.inCommand()) {
            recordStart = offset;
            if (buffer.isReadable() && buffer.getByte(buffer.readerIndex()) != '*') {
              throw corrupt(file, offset, "a record must start with '*'");
            }
          }
          int before = buffer.readerIndex();
          byte[][] record;
          try {
            record = parser.next(buffer);
          } catch (RespProtocolException e) {
            throw corrupt(file, recordStart, e.getMessage());
          }
          offset += buffer.readerIndex() - before;
          if (record == null) {
            break;
          }
          String name = new String(record[0], StandardCharsets.US_ASCII);
          if (name.equals("MULTI") && record.length == 1 && transaction == null) {
            transaction = new ArrayList<>();
            continue;
          }
          if (name.equals("EXEC") && record.length == 1 && transaction != null) {
            transaction.forEach(this::apply);
            records += transaction.size();
            transaction = null;
            complete = offset;
            continue;
          }
          String problem = check(name, record);
          if (problem != null) {
            throw corrupt(file, recordStart, problem);
          }
          if (transaction != null) {
            transaction.add(record);
          } else {
            apply(record);
            records++;
            complete = offset;
          }
        }
      } while (read >= 0);
    } finally {
      buffer.release();
    }
    if (complete < size) {
      if (!mayEndInsideRecord) {
        throw corrupt(file, complete, "the snapshot ends inside a record");
      }
      cutOff(file, complete);
    }
    return records;
  }

  private static void cutOff(Path file, long complete) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      LOG.warn(
          "{} ends inside a record (a write cut off by a crash, never acknowledged);"
              + " truncating {} bytes",
          file,
          channel.size() - complete);
      channel.truncate(complete);
      channel.force(true);
    }
  }

  private static IOException corrupt(Path file, long offset, String problem) {
    return new IOException(
        "the append-only log " + file + " is corrupt at byte " + offset + ": " + problem);
  }

  /** What is wrong with a record, or null when it is one this replayer can apply. */
  private static String check(String name, byte[][] record) {
    int args = record.length;
    boolean valid =
        switch (name) {
          case "SET" ->
              args == 3 || (args == 5 && Arrays.equals(record[3], PXAT) && isLong(record[4]));
          case "DEL", "PERSIST" -> args == 2;
          case "HSET" -> args >= 4 && args % 2 == 0;
          case "HDEL" -> args >= 3;
          case "PEXPIREAT" -> args == 3 && isLong(record[2]);
          case "FLUSHALL" -> args == 1;
          default -> false;
        };
    return valid ? null : "unexpected record " + describe(record);
  }

  private void apply(byte[][] record) {
    String name = new String(record[0], StandardCharsets.US_ASCII);
    if (name.equals("FLUSHALL")) {
      keyspace.clear();
      return;
    }
    keyspace.update(
        new ByteKey(record[1]),
        m -> {
          switch (name) {
            case "SET" -> {
              long expireAt = record.length == 5 ? parseLong(record[4]) : StoredValue.NO_EXPIRY;
              m.set(new StringValue(record[2], expireAt));
            }
            case "DEL" -> m.delete();
            case "HSET" -> {
              if (m.current() != null && !(m.current() instanceof HashValue)) {
                m.delete();
              }
              for (int i = 2; i < record.length; i += 2) {
                m.setField(record[i], record[i + 1]);
              }
            }
            case "HDEL" -> {
              for (int i = 2; i < record.length; i++) {
                m.deleteField(record[i]);
              }
            }
            case "PEXPIREAT" -> m.expireAt(parseLong(record[2]));
            case "PERSIST" -> m.expireAt(StoredValue.NO_EXPIRY);
            default -> throw new IllegalStateException("unchecked record " + name);
          }
          return null;
        });
  }

  private static boolean isLong(byte[] text) {
    try {
      parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long parseLong(byte[] text) {
    return Long.parseLong(new String(text, StandardCharsets.US_ASCII));
  }

  private static String describe(byte[][] record) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Math.min(record.length, 4); i++) {
      String arg = new String(record[i], StandardCharsets.UTF_8);
      text.append(i == 0 ? "" : " ").append(arg.length() > 40 ? arg.substring(0, 40) + "…" : arg);
    }
    if (record.length > 4) {
      text.append(" … (").append(record.length).append(" arguments)");
    }
    return text.toString();
  }
}
