package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a graceful restart keeps, through real commands against an in-process server. */
class PersistenceIT {
  @TempDir Path dataDir;

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private RespClient start(Map<String, String> settings) {
    server = TestServer.startOn(dataDir, settings);
    return server.connectAuthenticated();
  }

  private RespClient restart() {
    server.restart();
    return server.connectAuthenticated();
  }

  private Path cacheDirectory() {
    return dataDir.resolve("caches").resolve("default");
  }

  @Test
  void restart_stringsHashesAndTtls_kept() {
    try (RespClient client = start(Map.of())) {
      assertThat(client.call("SET", "s", "plain")).isEqualTo("OK");
      assertThat(client.call("SET", "t", "timed", "PX", "60000")).isEqualTo("OK");
      assertThat(client.call("HSET", "h", "a", "1", "b", "2")).isEqualTo(2L);
      assertThat(client.call("HDEL", "h", "a")).isEqualTo(1L);
      assertThat(client.call("PEXPIRE", "h", "60000")).isEqualTo(1L);
      assertThat(client.call("SET", "p", "persisted", "PX", "60000")).isEqualTo("OK");
      assertThat(client.call("PERSIST", "p")).isEqualTo(1L);
    }

    try (RespClient client = restart()) {
      assertThat(client.call("GET", "s")).isEqualTo("plain");
      assertThat(client.call("GET", "t")).isEqualTo("timed");
      assertThat((Long) client.call("PTTL", "t")).isBetween(1L, 60_000L);
      assertThat(client.call("HGETALL", "h")).isEqualTo(List.of("b", "2"));
      assertThat((Long) client.call("PTTL", "h")).isBetween(1L, 60_000L);
      assertThat(client.call("GET", "p")).isEqualTo("persisted");
      assertThat(client.call("PTTL", "p")).isEqualTo(-1L);
    }
  }

  @Test
  void restart_keyExpiringWhileDown_isGone() throws InterruptedException {
    long expireAt = System.currentTimeMillis() + 500;
    try (RespClient client = start(Map.of())) {
      assertThat(client.call("SET", "short", "v", "PXAT", Long.toString(expireAt))).isEqualTo("OK");
      assertThat(client.call("SET", "long", "v", "PX", "60000")).isEqualTo("OK");
    }
    server.close();
    while (System.currentTimeMillis() <= expireAt) {
      TimeUnit.MILLISECONDS.sleep(50);
    }

    server = TestServer.startOn(dataDir, Map.of());
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("GET", "short")).isNull();
      assertThat(client.call("EXISTS", "short")).isEqualTo(0L);
      assertThat(client.call("GET", "long")).isEqualTo("v");
    }
  }

  @Test
  void restart_deletesSurviveAsDeletions() {
    try (RespClient client = start(Map.of())) {
      client.call("SET", "a", "1");
      client.call("SET", "b", "1");
      client.call("HSET", "h", "f", "v");
      assertThat(client.call("DEL", "a", "h")).isEqualTo(2L);
    }

    try (RespClient client = restart()) {
      assertThat(client.call("EXISTS", "a", "h")).isEqualTo(0L);
      assertThat(client.call("GET", "b")).isEqualTo("1");
    }
  }

  @Test
  void restart_flushallThenWrites_keepsOnlyTheLaterWrites() {
    try (RespClient client = start(Map.of())) {
      client.call("SET", "before", "1");
      client.call("HSET", "hash-before", "f", "v");
      assertThat(client.call("FLUSHALL")).isEqualTo("OK");
      client.call("SET", "after", "2");
    }

    try (RespClient client = restart()) {
      assertThat(client.call("DBSIZE")).isEqualTo(1L);
      assertThat(client.call("GET", "after")).isEqualTo("2");
    }
  }

  @Test
  void restart_appendonlyNo_keepsNothing() {
    Map<String, String> settings = Map.of("appendonly", "no");
    try (RespClient client = start(settings)) {
      assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
    }

    try (RespClient client = restart()) {
      assertThat(client.call("GET", "k")).isNull();
    }
    assertThat(cacheDirectory()).doesNotExist();
  }

  @Test
  void autoRewrite_logOutgrowsMinSize_compactsIntoBaseAndKeepsData() throws Exception {
    String value = "x".repeat(200);
    try (RespClient client = start(Map.of("auto-aof-rewrite-min-size", "64kb"))) {
      // ~1,000 overwrites of 50 keys: about 250 KB of log for 12 KB of data.
      for (int round = 0; round < 20; round++) {
        for (int key = 0; key < 50; key++) {
          client.send("SET", "key:" + key, value + round);
        }
        for (int key = 0; key < 50; key++) {
          assertThat(client.read()).isEqualTo("OK");
        }
      }
      client.call("HSET", "hash", "f", "v");
      awaitCompaction();
      client.call("SET", "key:0", "after compaction");
    }

    try (RespClient client = restart()) {
      assertThat(client.call("DBSIZE")).isEqualTo(51L);
      assertThat(client.call("GET", "key:0")).isEqualTo("after compaction");
      assertThat(client.call("GET", "key:49")).isEqualTo(value + 19);
      assertThat(client.call("HGET", "hash", "f")).isEqualTo("v");
    }
    List<String> manifest = Files.readAllLines(cacheDirectory().resolve("manifest"));
    assertThat(manifest).hasSize(2);
    assertThat(manifest.get(0)).startsWith("base ");
    Path base = cacheDirectory().resolve(manifest.get(0).substring("base ".length()));
    Path incremental = cacheDirectory().resolve(manifest.get(1).substring("incr ".length()));
    assertThat(base).exists();
    assertThat(Files.size(incremental)).isLessThan(64 * 1024);
  }

  /** Waits (bounded) for the once-a-second check to compact the log into a base snapshot. */
  private void awaitCompaction() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Files.readAllLines(cacheDirectory().resolve("manifest")).stream()
        .noneMatch(line -> line.startsWith("base "))) {
      assertThat(System.nanoTime()).as("compacted within 30 s").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
