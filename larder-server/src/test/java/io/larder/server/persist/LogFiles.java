package io.larder.server.persist;

import io.larder.server.resp.RespLimits;
import io.larder.server.resp.RespParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads and writes log files as lists of commands, for tests. */
final class LogFiles {
  private LogFiles() {}

  /** The records of a log file, each as its words joined by spaces. */
  static List<String> records(Path file) {
    try {
      ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
      RespParser parser = new RespParser(RespLimits.DEFAULTS);
      List<String> records = new ArrayList<>();
      byte[][] record;
      while ((record = parser.next(bytes)) != null) {
        records.add(
            String.join(
                " ",
                Arrays.stream(record).map(a -> new String(a, StandardCharsets.UTF_8)).toList()));
      }
      if (bytes.isReadable()) {
        throw new IllegalStateException(file + " ends inside a record");
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RESP encoding of commands, each given as words separated by spaces. */
  static byte[] encode(String... commands) {
    ByteBuf out = Unpooled.buffer();
    for (String command : commands) {
      byte[][] args =
          Arrays.stream(command.split(" "))
              .map(word -> word.getBytes(StandardCharsets.UTF_8))
              .toArray(byte[][]::new);
      RecordEncoder.command(out, args);
    }
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /** Appends bytes to file, creating it if needed. */
  static void append(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileChannel openForAppend(Path file) {
    try {
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
