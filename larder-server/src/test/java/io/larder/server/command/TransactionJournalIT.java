package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.resp.RespLimits;
import io.larder.server.resp.RespParser;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EXEC's writes in the append-only log: one MULTI … EXEC group, which a restart applies whole,
 * or not at all when a crash cut it off.
 */
class TransactionJournalIT {
  private static final String EXEC_RECORD = "*1\r\n$4\r\nEXEC\r\n";

  @TempDir Path dataDir;

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.startOn(dataDir, Map.of("appendonly", "yes"));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void exec_writes_journaledAsOneGroup() throws IOException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "before", "1");
      client.call("MULTI");
      client.call("SET", "a", "1");
      client.call("HSET", "h", "f", "v");
      client.call("GET", "a");
      client.call("INCR", "a");
      client.call("DEL", "before");
      assertThat(client.call("EXEC")).isEqualTo(List.of("OK", 1L, "1", 2L, 1L));

      assertThat(records(log()))
          .endsWith(
              "SET before 1", "MULTI", "SET a 1", "HSET h f v", "SET a 2", "DEL before", "EXEC");
    }
  }

  @Test
  void exec_readsOnly_journalsNothing() throws IOException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      client.call("MULTI");
      client.call("GET", "k");
      client.call("EXEC");

      assertThat(records(log())).endsWith("SET k v");
    }
  }

  @Test
  void restart_afterExec_hasEveryWrite() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("MULTI");
      client.call("SET", "a", "1");
      client.call("HSET", "h", "f", "v");
      client.call("EXEC");
    }
    server.close();
    server = TestServer.startOn(dataDir, Map.of("appendonly", "yes"));

    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("GET", "a")).isEqualTo("1");
      assertThat(client.call("HGET", "h", "f")).isEqualTo("v");
    }
  }

  /** A crash while the log was written left the group without its EXEC: none of it is applied. */
  @Test
  void restart_logCutInsideAnExec_appliesNoneOfIt() throws IOException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "before", "1");
      client.call("MULTI");
      client.call("SET", "a", "1");
      client.call("HSET", "h", "f", "v");
      client.call("DEL", "before");
      client.call("EXEC");
    }
    Path log = log();
    server.close();
    server = null;
    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(text).endsWith(EXEC_RECORD);
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - EXEC_RECORD.length());
    }

    server = TestServer.startOn(dataDir, Map.of("appendonly", "yes"));

    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("MGET", "before", "a")).isEqualTo(Arrays.asList("1", null));
      assertThat(client.call("EXISTS", "h")).isEqualTo(0L);
    }
  }

  /** The incremental log the cache {@code default} writes to now (the manifest's last). */
  private Path log() throws IOException {
    Path directory = dataDir.resolve("caches").resolve("default");
    List<String> lines = Files.readAllLines(directory.resolve("manifest"));
    String last = null;
    for (String line : lines) {
      if (line.startsWith("incr ")) {
        last = line.substring("incr ".length()).trim();
      }
    }
    assertThat(last).as("an incremental log in the manifest").isNotNull();
    return directory.resolve(last);
  }

  /** The records of a log file, each as its words joined by spaces. */
  private static List<String> records(Path file) throws IOException {
    ByteBuf bytes = Unpooled.wrappedBuffer(Files.readAllBytes(file));
    RespParser parser = new RespParser(RespLimits.DEFAULTS);
    List<String> records = new ArrayList<>();
    byte[][] record;
    while ((record = parser.next(bytes)) != null) {
      List<String> words = new ArrayList<>();
      for (byte[] word : record) {
        words.add(new String(word, StandardCharsets.UTF_8));
      }
      records.add(String.join(" ", words));
    }
    return records;
  }
}
