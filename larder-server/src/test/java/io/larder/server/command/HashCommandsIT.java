package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.tenant.CacheStats;
import io.larder.server.tenant.TenantRegistry;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the differential script (hashes.redis) cannot cover: hashes beyond 128 fields, where Redis's
 * order is its own, random replies, concurrency, persistence and statistics.
 */
class HashCommandsIT {
  private static final int LARGE = 300;

  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void flush() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("FLUSHALL");
    }
  }

  @Test
  void hgetall_largeHash_returnsEveryFieldWithItsValue() {
    try (RespClient client = server.connectAuthenticated()) {
      Map<String, String> expected = fillLarge(client, "h");

      assertThat(toMap(list(client.call("HGETALL", "h")))).isEqualTo(expected);
      assertThat(list(client.call("HKEYS", "h")))
          .hasSize(LARGE)
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(list(client.call("HVALS", "h")))
          .hasSize(LARGE)
          .containsExactlyInAnyOrderElementsOf(expected.values());
      assertThat(client.call("HLEN", "h")).isEqualTo((long) LARGE);
    }
  }

  @Test
  void hgetall_largeHashInResp3_isMapOfEveryField() {
    try (RespClient client = server.connectAuthenticated()) {
      fillLarge(client, "h");
      client.call("HELLO", "3");

      assertThat(client.callRaw("HGETALL", "h")).startsWith("%" + LARGE + "\r\n");
    }
  }

  @Test
  void hscan_largeHash_pagesThroughEveryFieldExactlyOnce() {
    try (RespClient client = server.connectAuthenticated()) {
      Map<String, String> expected = fillLarge(client, "h");

      List<String> seen = new ArrayList<>();
      int pages = 0;
      String cursor = "0";
      do {
        List<Object> reply = list(client.call("HSCAN", "h", cursor, "COUNT", "7"));
        cursor = (String) reply.get(0);
        List<Object> page = list(reply.get(1));
        for (int i = 0; i < page.size(); i += 2) {
          seen.add((String) page.get(i));
          assertThat(page.get(i + 1)).isEqualTo(expected.get((String) page.get(i)));
        }
        pages++;
      } while (!cursor.equals("0"));

      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(pages).isGreaterThan(LARGE / 20);
    }
  }

  @Test
  void hscan_largeHashChangingBetweenPages_returnsEveryFieldPresentThroughout() {
    try (RespClient client = server.connectAuthenticated()) {
      Map<String, String> stable = fillLarge(client, "h");
      for (int i = 0; i < LARGE; i++) {
        client.call("HSET", "h", "doomed" + i, "x");
      }

      Set<String> seen = new HashSet<>();
      String cursor = "0";
      int step = 0;
      do {
        List<Object> reply = list(client.call("HSCAN", "h", cursor, "COUNT", "10"));
        cursor = (String) reply.get(0);
        List<Object> page = list(reply.get(1));
        for (int i = 0; i < page.size(); i += 2) {
          seen.add((String) page.get(i));
        }
        // between pages, fields come and go: some added, some of the doomed ones deleted
        client.call("HSET", "h", "added" + step, "x");
        client.call("HDEL", "h", "doomed" + step);
        step++;
      } while (!cursor.equals("0"));

      assertThat(seen).containsAll(stable.keySet());
    }
  }

  @Test
  void hscan_largeHashCursorOnAnotherConnection_continuesTheScan() {
    try (RespClient first = server.connectAuthenticated();
        RespClient second = server.connectAuthenticated()) {
      Map<String, String> expected = fillLarge(first, "h");

      Set<String> seen = new HashSet<>();
      String cursor = "0";
      boolean useFirst = true;
      do {
        RespClient client = useFirst ? first : second;
        List<Object> reply = list(client.call("HSCAN", "h", cursor));
        cursor = (String) reply.get(0);
        List<Object> page = list(reply.get(1));
        for (int i = 0; i < page.size(); i += 2) {
          seen.add((String) page.get(i));
        }
        useFirst = !useFirst;
      } while (!cursor.equals("0"));

      assertThat(seen).isEqualTo(expected.keySet());
    }
  }

  @Test
  void hscan_largeHashWithMatch_returnsOnlyMatchingFields() {
    try (RespClient client = server.connectAuthenticated()) {
      fillLarge(client, "h");

      Set<String> seen = new HashSet<>();
      String cursor = "0";
      do {
        List<Object> reply =
            list(client.call("HSCAN", "h", cursor, "MATCH", "field1?", "COUNT", "50"));
        cursor = (String) reply.get(0);
        List<Object> page = list(reply.get(1));
        for (int i = 0; i < page.size(); i += 2) {
          seen.add((String) page.get(i));
        }
      } while (!cursor.equals("0"));

      Set<String> expected = new HashSet<>();
      for (int i = 10; i < 20; i++) {
        expected.add("field" + i);
      }
      assertThat(seen).isEqualTo(expected);
    }
  }

  @Test
  void hscan_largeHashWithCountAboveSize_returnsAllInOnePage() {
    try (RespClient client = server.connectAuthenticated()) {
      fillLarge(client, "h");

      List<Object> reply = list(client.call("HSCAN", "h", "0", "COUNT", "1000"));

      assertThat(reply.get(0)).isEqualTo("0");
      assertThat(list(reply.get(1))).hasSize(LARGE * 2);
    }
  }

  @Test
  void hrandfield_positiveCountBelowSize_returnsDistinctFieldsOfTheHash() {
    try (RespClient client = server.connectAuthenticated()) {
      Map<String, String> large = fillLarge(client, "h");
      client.call("HSET", "small", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");

      List<Object> fromLarge = list(client.call("HRANDFIELD", "h", "100"));
      List<Object> fromSmall = list(client.call("HRANDFIELD", "small", "4"));

      assertThat(fromLarge).hasSize(100).doesNotHaveDuplicates();
      assertThat(large.keySet()).containsAll(strings(fromLarge));
      assertThat(fromSmall).hasSize(4).doesNotHaveDuplicates().isSubsetOf("a", "b", "c", "d", "e");
    }
  }

  @Test
  void hrandfield_negativeCount_returnsThatManyFieldsWithRepeats() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HSET", "h", "a", "1", "b", "2", "c", "3");

      List<Object> picks = list(client.call("HRANDFIELD", "h", "-1000"));

      assertThat(picks).hasSize(1000).isSubsetOf("a", "b", "c");
      assertThat(new HashSet<>(picks)).containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void hrandfield_withValues_pairsEachFieldWithItsValue() {
    try (RespClient client = server.connectAuthenticated()) {
      Map<String, String> expected = fillLarge(client, "h");

      List<Object> flat = list(client.call("HRANDFIELD", "h", "50", "WITHVALUES"));
      assertThat(flat).hasSize(100);
      for (int i = 0; i < flat.size(); i += 2) {
        assertThat(flat.get(i + 1)).isEqualTo(expected.get((String) flat.get(i)));
      }

      client.call("HELLO", "3");
      List<Object> nested = list(client.call("HRANDFIELD", "h", "-20", "WITHVALUES"));
      assertThat(nested).hasSize(20);
      for (Object pair : nested) {
        List<Object> fieldAndValue = list(pair);
        assertThat(fieldAndValue).hasSize(2);
        assertThat(fieldAndValue.get(1)).isEqualTo(expected.get((String) fieldAndValue.get(0)));
      }
    }
  }

  @Test
  void hrandfield_hugeNegativeCount_disconnectsAtOutputLimitWithoutExhaustingMemory() {
    try (TestServer limited = TestServer.start(Map.of("client-output-buffer-limit", "64kb"));
        RespClient client = limited.connectAuthenticated();
        RespClient other = limited.connectAuthenticated()) {
      client.call("HSET", "h", "f", "v");

      client.send("HRANDFIELD", "h", "-1000000000000", "WITHVALUES");

      assertThat(client.readUntilClosedOrQuiet(5000).closed()).isTrue();
      assertThat(other.call("HGET", "h", "f")).isEqualTo("v");
    }
  }

  @Test
  void hincrby_fourThreadsOnOneField_countsEveryIncrement() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            threads.submit(
                () -> {
                  try (RespClient client = server.connectAuthenticated()) {
                    for (int i = 0; i < 500; i++) {
                      client.call("HINCRBY", "counter", "hits", "1");
                    }
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("HGET", "counter", "hits")).isEqualTo("2000");
    }
  }

  @Test
  void hincrbyfloat_fourThreadsOnOneField_countsEveryIncrement() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            threads.submit(
                () -> {
                  try (RespClient client = server.connectAuthenticated()) {
                    for (int i = 0; i < 250; i++) {
                      client.call("HINCRBYFLOAT", "counter", "total", "0.5");
                    }
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("HGET", "counter", "total")).isEqualTo("500");
    }
  }

  @Test
  void fieldWrites_onHashWithTtl_keepTheTtl() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HSET", "h", "a", "1", "b", "2");
      client.call("PEXPIRE", "h", "100000");

      client.call("HSET", "h", "c", "3");
      client.call("HSETNX", "h", "d", "4");
      client.call("HMSET", "h", "e", "5");
      client.call("HINCRBY", "h", "n", "1");
      client.call("HINCRBYFLOAT", "h", "x", "1.5");
      client.call("HDEL", "h", "a");

      assertThat((Long) client.call("PTTL", "h")).isBetween(1L, 100_000L);
      assertThat(client.call("HLEN", "h")).isEqualTo(6L);
    }
  }

  @Test
  void hdel_lastField_removesTheKeyAndItsTtl() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HSET", "h", "a", "1");
      client.call("PEXPIRE", "h", "100000");

      assertThat(client.call("HDEL", "h", "a")).isEqualTo(1L);
      assertThat(client.call("EXISTS", "h")).isEqualTo(0L);
      client.call("HSET", "h", "a", "1");
      assertThat(client.call("TTL", "h")).isEqualTo(-1L);
    }
  }

  @Test
  void hashWrites_acrossRestart_survive() {
    try (TestServer persistent = TestServer.start()) {
      Map<String, String> large;
      try (RespClient client = persistent.connectAuthenticated()) {
        large = fillLarge(client, "large");
        client.call("HDEL", "large", "field0", "field1");
        client.call("HSET", "h", "a", "1", "b", "2", "c", "3");
        client.call("HDEL", "h", "b");
        client.call("HINCRBY", "h", "n", "41");
        client.call("HINCRBY", "h", "n", "1");
        client.call("HINCRBYFLOAT", "h", "x", "0.1");
        client.call("HINCRBYFLOAT", "h", "x", "0.2");
        client.call("HSETNX", "h", "a", "ignored");
        client.call("HSET", "gone", "only", "1");
        client.call("HDEL", "gone", "only");
      }
      large.remove("field0");
      large.remove("field1");

      persistent.restart();

      try (RespClient client = persistent.connectAuthenticated()) {
        assertThat(client.call("HGETALL", "h"))
            .isEqualTo(List.of("a", "1", "c", "3", "n", "42", "x", "0.3"));
        assertThat(toMap(list(client.call("HGETALL", "large")))).isEqualTo(large);
        assertThat(client.call("EXISTS", "gone")).isEqualTo(0L);
      }
    }
  }

  @Test
  void reads_countKeyspaceHitsAndMisses_writesDoNot() {
    CacheStats stats = server.server().tenants().get(TenantRegistry.DEFAULT).stats();
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HSET", "h", "a", "1");
      client.call("HINCRBY", "h", "n", "1");
      client.call("HDEL", "nokey", "a");
      long hits = stats.hits.sum();
      long misses = stats.misses.sum();

      client.call("HGET", "h", "a");
      client.call("HGET", "h", "nofield");
      client.call("HMGET", "nokey", "a", "b");
      client.call("HLEN", "nokey");
      client.call("HGETALL", "h");
      client.call("HSCAN", "nokey", "0");

      assertThat(stats.hits.sum() - hits).isEqualTo(3);
      assertThat(stats.misses.sum() - misses).isEqualTo(3);
    }
  }

  /** Fills key with LARGE fields (beyond the compact encoding) and returns them. */
  private static Map<String, String> fillLarge(RespClient client, String key) {
    Map<String, String> fields = new HashMap<>();
    List<Object> args = new ArrayList<>(List.of("HSET", key));
    for (int i = 0; i < LARGE; i++) {
      fields.put("field" + i, "value" + i);
      args.add("field" + i);
      args.add("value" + i);
    }
    assertThat(client.call(args.toArray())).isEqualTo((long) LARGE);
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object reply) {
    assertThat(reply).isInstanceOf(List.class);
    return (List<Object>) reply;
  }

  private static Map<String, String> toMap(List<Object> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      assertThat(map.put((String) flat.get(i), (String) flat.get(i + 1))).isNull();
    }
    return map;
  }

  private static List<String> strings(List<Object> replies) {
    return replies.stream().map(String.class::cast).toList();
  }
}
