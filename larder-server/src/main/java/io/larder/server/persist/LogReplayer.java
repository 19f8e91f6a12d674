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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a log file into a keyspace. A file that ends inside a record (the process died while
 * writing it, so that write was never acknowledged) is truncated to its last whole record, as Redis
 * does with {@code aof-load-truncated yes}; anything else unreadable stops start-up.
 */
final class LogReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(LogReplayer.class);
  private static final int CHUNK = 1 << 20;
  private static final RespLimits REPLAY_LIMITS =
      new RespLimits(Integer.MAX_VALUE - 8, Integer.MAX_VALUE, 1 << 20);

  private final Keyspace keyspace;

  LogReplayer(Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  /** Applies every record of file; returns the number of records applied. */
  long replay(Path file) throws IOException {
    long records = 0;
    long consumed = 0;
    long lastRecordEnd = 0;
    RespParser parser = new RespParser(REPLAY_LIMITS);
    ByteBuf buffer = Unpooled.buffer(CHUNK);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        buffer.discardReadBytes();
        int read = buffer.writeBytes(channel, CHUNK);
        byte[][] record;
        while (true) {
          int before = buffer.readerIndex();
          try {
            record = parser.next(buffer);
          } catch (RespProtocolException e) {
            throw new IOException(
                "the append-only log "
                    + file
                    + " is corrupt near byte "
                    + consumed
                    + ": "
                    + e.getMessage());
          }
          consumed += buffer.readerIndex() - before;
          if (record == null) {
            break;
          }
          apply(record, file);
          records++;
          lastRecordEnd = consumed;
        }
        if (read < 0) {
          break;
        }
      }
    } finally {
      buffer.release();
    }
    long size = Files.size(file);
    long complete = lastRecordEnd;
    if (complete < size) {
      LOG.warn(
          "{} ends inside a record (a write cut off by a crash, never acknowledged); truncating {} bytes",
          file,
          size - complete);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(complete);
      }
    }
    return records;
  }

  private void apply(byte[][] record, Path file) throws IOException {
    String name = new String(record[0], StandardCharsets.US_ASCII);
    ByteKey key = record.length > 1 ? new ByteKey(record[1]) : null;
    switch (name) {
      case "SET" -> {
        long expireAt = record.length == 5 ? parseLong(record[4]) : StoredValue.NO_EXPIRY;
        keyspace.update(
            key,
            m -> {
              m.set(new StringValue(record[2], expireAt));
              return null;
            });
      }
      case "DEL" ->
          keyspace.update(
              key,
              m -> {
                m.delete();
                return null;
              });
      case "HSET" ->
          keyspace.update(
              key,
              m -> {
                if (!(m.current() instanceof HashValue) && m.current() != null) {
                  m.delete();
                }
                for (int i = 2; i + 1 < record.length; i += 2) {
                  m.setField(record[i], record[i + 1]);
                }
                return null;
              });
      case "HDEL" ->
          keyspace.update(
              key,
              m -> {
                for (int i = 2; i < record.length; i++) {
                  m.deleteField(record[i]);
                }
                return null;
              });
      case "PEXPIREAT" ->
          keyspace.update(
              key,
              m -> {
                m.expireAt(parseLong(record[2]));
                return null;
              });
      case "PERSIST" ->
          keyspace.update(
              key,
              m -> {
                m.expireAt(StoredValue.NO_EXPIRY);
                return null;
              });
      case "FLUSHALL" -> keyspace.clear();
      default ->
          throw new IOException(
              "the append-only log "
                  + file
                  + " holds an unknown record: "
                  + Arrays.toString(record));
    }
  }

  private static long parseLong(byte[] text) {
    return Long.parseLong(new String(text, StandardCharsets.US_ASCII));
  }
}
