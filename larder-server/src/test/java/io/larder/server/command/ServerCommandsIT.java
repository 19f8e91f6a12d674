package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DBSIZE, FLUSHDB, FLUSHALL, TIME and INFO, with tenant isolation between two caches. */
class ServerCommandsIT {
  private static final Pattern INFO_LINE = Pattern.compile("([a-z0-9_]+):(.*)");

  @RegisterExtension static final TwoCacheServer server = TwoCacheServer.perClass();

  @BeforeEach
  void emptyCaches() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther()) {
      own.call("FLUSHDB");
      other.call("FLUSHDB");
    }
  }

  @Test
  void dbsize_keysInTwoCaches_countsOnlyOwnCache() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther()) {
      own.call("SET", "a", "1");
      own.call("SET", "b", "2");
      other.call("SET", "c", "3");

      assertThat(own.callRaw("DBSIZE")).isEqualTo(":2\r\n");
      assertThat(other.callRaw("DBSIZE")).isEqualTo(":1\r\n");
    }
  }

  @Test
  void flushall_inOneCache_leavesOtherCacheIntact() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther()) {
      own.call("SET", "a", "1");
      other.call("SET", "a", "theirs");

      assertThat(own.callRaw("FLUSHALL")).isEqualTo("+OK\r\n");

      assertThat(own.call("DBSIZE")).isEqualTo(0L);
      assertThat(other.call("GET", "a")).isEqualTo("theirs");
    }
  }

  @Test
  void flushdb_asyncAndSyncOptions_emptyTheCache() {
    try (RespClient client = server.connectDefault()) {
      for (String option : List.of("ASYNC", "sync")) {
        client.call("SET", "a", "1");
        assertThat(client.callRaw("FLUSHDB", option)).isEqualTo("+OK\r\n");
        assertThat(client.call("DBSIZE")).isEqualTo(0L);
      }
    }
  }

  @Test
  void flush_badOption_answersSyntaxErrorAndKeepsKeys() {
    try (RespClient client = server.connectDefault()) {
      client.call("SET", "a", "1");

      assertThat(client.callRaw("FLUSHDB", "now")).isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("FLUSHALL", "SYNC", "ASYNC")).isEqualTo("-ERR syntax error\r\n");
      assertThat(client.call("DBSIZE")).isEqualTo(1L);
    }
  }

  @Test
  void time_returnsUnixSecondsAndMicroseconds() {
    try (RespClient client = server.connectDefault()) {
      long before = System.currentTimeMillis() / 1000;
      List<Object> reply = list(client.call("TIME"));
      long after = System.currentTimeMillis() / 1000;

      assertThat(reply).hasSize(2);
      assertThat(Long.parseLong((String) reply.get(0))).isBetween(before, after);
      assertThat(Long.parseLong((String) reply.get(1))).isBetween(0L, 999_999L);
      assertThat(client.callRaw("TIME", "x"))
          .isEqualTo("-ERR wrong number of arguments for 'time' command\r\n");
    }
  }

  @Test
  void info_noArguments_hasEverySectionInRedisOrder() {
    try (RespClient client = server.connectDefault()) {
      String info = (String) client.call("INFO");

      assertThat(headers(info))
          .containsExactly(
              "# Server",
              "# Clients",
              "# Memory",
              "# Persistence",
              "# Stats",
              "# Replication",
              "# Cluster",
              "# Keyspace");
      assertThat(info).endsWith("\r\n").doesNotContain("\r\n\r\n\r\n");
      assertThat(client.call("INFO", "all")).asString().contains("# Server", "# Keyspace");
      assertThat(client.call("INFO", "everything")).asString().contains("# Stats");
    }
  }

  @Test
  void info_keyspace_isExactlyRedisFormatForOwnCache() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther()) {
      assertThat(own.callRaw("INFO", "keyspace")).isEqualTo("$12\r\n# Keyspace\r\n\r\n");
      own.call("SET", "a", "1");
      own.call("SET", "b", "2", "EX", "100");
      other.call("SET", "c", "3");

      assertThat(own.call("INFO", "keyspace"))
          .isEqualTo("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n");
      assertThat(other.call("INFO", "keyspace"))
          .isEqualTo("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n");
    }
  }

  @Test
  void info_severalSections_inRedisOrderWhateverTheArgumentOrder() {
    try (RespClient client = server.connectDefault()) {
      String info = (String) client.call("INFO", "KEYSPACE", "server", "keyspace", "nosuch");

      assertThat(headers(info)).containsExactly("# Server", "# Keyspace");
      assertThat(client.callRaw("INFO", "nosuch")).isEqualTo("$0\r\n\r\n");
    }
  }

  @Test
  void info_server_reportsVersionsModeAndConnectedPort() {
    try (RespClient client = server.connectDefault()) {
      Map<String, String> fields = fields((String) client.call("INFO", "server"));

      assertThat(fields)
          .containsEntry("redis_version", ServerContext.REDIS_VERSION)
          .containsEntry("larder_version", ServerContext.LARDER_VERSION)
          .containsEntry("redis_mode", "standalone")
          .containsEntry("tcp_port", Integer.toString(server.port()))
          .containsEntry("process_id", Long.toString(ProcessHandle.current().pid()))
          .containsEntry("executable", "")
          .containsEntry("config_file", "")
          .containsKeys("os", "arch_bits", "uptime_in_seconds", "uptime_in_days");
      assertThat(fields.get("run_id")).matches("[0-9a-f]{40}");
    }
  }

  @Test
  void info_statsAndClients_countOwnCacheOnly() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther();
        RespClient otherAgain = server.connectOther()) {
      own.call("CONFIG", "RESETSTAT");
      other.call("SET", "k", "v");
      other.call("GET", "k");
      other.call("GET", "missing");
      own.call("SET", "k", "v");
      own.call("GET", "k");

      Map<String, String> fields = fields((String) own.call("INFO", "stats", "clients"));

      assertThat(fields)
          .containsEntry("keyspace_hits", "1")
          .containsEntry("keyspace_misses", "0")
          .containsEntry("connected_clients", "1")
          .containsEntry("maxclients", "10000");
      // SET, GET and this INFO: RESETSTAT cleared the count, itself included.
      assertThat(fields).containsEntry("total_commands_processed", "3");
      assertThat(Long.parseLong(fields.get("total_connections_received"))).isPositive();
      assertThat(otherAgain.call("INFO", "clients")).asString().contains("connected_clients:2");
    }
  }

  @Test
  void info_memory_reportsCacheMemoryInRedisUnits() {
    try (RespClient client = server.connectDefault()) {
      client.call("SET", "k", "x".repeat(4096));

      Map<String, String> fields = fields((String) client.call("INFO", "memory"));

      assertThat(Long.parseLong(fields.get("used_memory"))).isGreaterThanOrEqualTo(4096);
      assertThat(fields.get("used_memory_human")).matches("\\d+\\.\\d\\dK");
      // the cache's own limits: a cache created without settings has 256 MiB and noeviction
      assertThat(fields)
          .containsEntry("maxmemory", "268435456")
          .containsEntry("maxmemory_human", "256.00M")
          .containsEntry("maxmemory_policy", "noeviction");
    }
  }

  @Test
  void info_persistence_reportsAppendOnlyLog() {
    try (RespClient client = server.connectDefault()) {
      assertThat(fields((String) client.call("INFO", "persistence")))
          .containsEntry("loading", "0")
          .containsEntry("aof_enabled", "1")
          .containsEntry("appendfsync", "everysec");
    }
  }

  @Test
  void info_everySection_neverNamesOtherCaches() {
    try (RespClient own = server.connectDefault();
        RespClient other = server.connectOther()) {
      other.call("SET", "secret-key", "v");

      String info = (String) own.call("INFO", "everything");

      assertThat(info).doesNotContain(TwoCacheServer.OTHER).doesNotContain("secret-key");
      assertThat(info).doesNotContain("db0:");
    }
  }

  @Test
  void info_resp3_isVerbatimText() {
    try (RespClient client = server.connectDefault()) {
      client.call("HELLO", "3");

      assertThat(client.callRaw("INFO", "keyspace")).isEqualTo("=16\r\ntxt:# Keyspace\r\n\r\n");
    }
  }

  @Test
  void humanBytes_acrossUnits_formatsLikeRedis() {
    assertThat(InfoReport.humanBytes(0)).isEqualTo("0B");
    assertThat(InfoReport.humanBytes(1023)).isEqualTo("1023B");
    assertThat(InfoReport.humanBytes(1024)).isEqualTo("1.00K");
    assertThat(InfoReport.humanBytes(1_346_272)).isEqualTo("1.28M");
    assertThat(InfoReport.humanBytes(25_276_063_744L)).isEqualTo("23.54G");
  }

  private static List<String> headers(String info) {
    return info.lines().filter(line -> line.startsWith("# ")).toList();
  }

  private static Map<String, String> fields(String info) {
    return info.lines()
        .map(INFO_LINE::matcher)
        .filter(Matcher::matches)
        .collect(Collectors.toMap(m -> m.group(1), m -> m.group(2)));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object reply) {
    return (List<Object>) reply;
  }
}
