package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.tenant.CacheStats;
import io.larder.server.tenant.TenantRegistry;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * String command behaviour that a reply-for-reply comparison with Redis cannot show: expiry as
 * stored and as it passes, atomicity under concurrent clients, persistence across a restart,
 * keyspace hit counting and the string size limit. Replies themselves are compared with Redis by
 * the differential script {@code differential/strings.redis}.
 */
class StringCommandsIT {
  private static final long HOUR = 3_600_000;

  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void clearKeyspace() {
    keyspace().clear();
  }

  @Test
  void set_px100_keyIsGoneAfterIt() throws InterruptedException {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("SET", "k", "v", "PX", "100")).isEqualTo("OK");
      assertThat(client.call("GET", "k")).isEqualTo("v");
      Thread.sleep(250);
      assertThat(client.call("GET", "k")).isNull();
      assertThat(client.call("STRLEN", "k")).isEqualTo(0L);
    }
  }

  @Test
  void setEx_and_psetEx_storeExpiryFromNow() {
    try (RespClient client = server.connectAuthenticated()) {
      long before = System.currentTimeMillis();
      client.call("SETEX", "s", "100", "v");
      client.call("PSETEX", "p", "5000", "v");
      client.call("SET", "ex", "v", "EX", "100");
      long after = System.currentTimeMillis();
      assertThat(expireAt("s")).isBetween(before + 100_000, after + 100_000);
      assertThat(expireAt("p")).isBetween(before + 5000, after + 5000);
      assertThat(expireAt("ex")).isBetween(before + 100_000, after + 100_000);
    }
  }

  @Test
  void set_exatAndPxat_storeTheGivenInstant() {
    long at = System.currentTimeMillis() + HOUR;
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "s", "v", "EXAT", Long.toString(at / 1000));
      client.call("SET", "m", "v", "PXAT", Long.toString(at));
      assertThat(expireAt("s")).isEqualTo(at / 1000 * 1000);
      assertThat(expireAt("m")).isEqualTo(at);
    }
  }

  @Test
  void set_pastExat_leavesNoKey() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "old");
      assertThat(client.call("SET", "k", "v", "EXAT", "1")).isEqualTo("OK");
      assertThat(keyspace().get(ByteKey.of("k"))).isNull();
      assertThat(client.call("GET", "k")).isNull();
    }
  }

  @Test
  void set_keepTtl_keepsExpiry_otherwiseCleared() {
    try (RespClient client = server.connectAuthenticated()) {
      long at = System.currentTimeMillis() + HOUR;
      client.call("SET", "k", "v", "PXAT", Long.toString(at));
      client.call("SET", "k", "w", "KEEPTTL");
      assertThat(expireAt("k")).isEqualTo(at);
      client.call("SET", "k", "x");
      assertThat(expireAt("k")).isEqualTo(StoredValue.NO_EXPIRY);
      client.call("SET", "k", "v", "PXAT", Long.toString(at));
      client.call("GETSET", "k", "y");
      assertThat(expireAt("k")).isEqualTo(StoredValue.NO_EXPIRY);
      client.call("SET", "k", "v", "PXAT", Long.toString(at));
      client.call("MSET", "k", "z");
      assertThat(expireAt("k")).isEqualTo(StoredValue.NO_EXPIRY);
    }
  }

  @Test
  void inPlaceChanges_keepExpiry() {
    long at = System.currentTimeMillis() + HOUR;
    try (RespClient client = server.connectAuthenticated()) {
      for (String key : List.of("incr", "float", "append", "range")) {
        client.call("SET", key, "10", "PXAT", Long.toString(at));
      }
      assertThat(client.call("INCRBY", "incr", "5")).isEqualTo(15L);
      assertThat(client.call("INCRBYFLOAT", "float", "0.5")).isEqualTo("10.5");
      assertThat(client.call("APPEND", "append", "0")).isEqualTo(3L);
      assertThat(client.call("SETRANGE", "range", "1", "1")).isEqualTo(2L);
      for (String key : List.of("incr", "float", "append", "range")) {
        assertThat(expireAt(key)).as(key).isEqualTo(at);
      }
    }
  }

  @Test
  void getEx_changesOrRemovesExpiry() {
    long at = System.currentTimeMillis() + HOUR;
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      assertThat(client.call("GETEX", "k", "PXAT", Long.toString(at))).isEqualTo("v");
      assertThat(expireAt("k")).isEqualTo(at);
      assertThat(client.call("GETEX", "k")).isEqualTo("v");
      assertThat(expireAt("k")).isEqualTo(at);
      assertThat(client.call("GETEX", "k", "PERSIST")).isEqualTo("v");
      assertThat(expireAt("k")).isEqualTo(StoredValue.NO_EXPIRY);
      assertThat(client.call("GETEX", "k", "EXAT", "1")).isEqualTo("v");
      assertThat(keyspace().get(ByteKey.of("k"))).isNull();
    }
  }

  @Test
  void incr_fourClientsThousandTimesEach_countsEveryIncrement() throws Exception {
    List<String> replies = concurrently(4, 1000, client -> client.call("INCR", "counter"));
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("GET", "counter")).isEqualTo("4000");
    }
    assertThat(replies).doesNotHaveDuplicates().hasSize(4000);
  }

  @Test
  void appendAndIncrByFloat_concurrentClients_loseNoUpdate() throws Exception {
    concurrently(
        4,
        250,
        client -> {
          client.call("APPEND", "log", "ab");
          return client.call("INCRBYFLOAT", "sum", "0.5");
        });
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("STRLEN", "log")).isEqualTo(2000L);
      assertThat(client.call("GET", "sum")).isEqualTo("500");
    }
  }

  @Test
  void msetNx_racingOverSameKeys_exactlyOneWinsWholly() throws Exception {
    for (int round = 0; round < 20; round++) {
      keyspace().clear();
      List<String> replies =
          concurrently(
              4,
              1,
              client -> {
                String me = Long.toString(Thread.currentThread().getId());
                return client.call("MSETNX", "a", me, "b", me, "c", me, "d", me);
              });
      assertThat(replies).containsOnlyOnce("1");
      try (RespClient client = server.connectAuthenticated()) {
        List<?> values = (List<?>) client.call("MGET", "a", "b", "c", "d");
        assertThat(values).doesNotContainNull();
        assertThat(new HashSet<>(values)).hasSize(1);
      }
    }
  }

  @Test
  void restart_keepsValuesAndExpiries() {
    long at = System.currentTimeMillis() + HOUR;
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "plain", "v");
      client.call("SET", "expiring", "v", "PXAT", Long.toString(at));
      client.call("INCRBY", "counter", "41");
      client.call("INCR", "counter");
      client.call("INCRBYFLOAT", "float", "1.5");
      client.call("APPEND", "text", "hello");
      client.call("SETRANGE", "text", "7", "!");
      client.call("MSET", "m1", "a", "m2", "b");
      client.call("SET", "gone", "v");
      client.call("GETDEL", "gone");
      client.call("SET", "persisted", "v", "EX", "100");
      client.call("GETEX", "persisted", "PERSIST");
    }
    server.restart();
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("MGET", "plain", "counter", "float", "text", "m1", "m2", "gone"))
          .isEqualTo(Arrays.asList("v", "42", "1.5", "hello\0\0!", "a", "b", null));
    }
    assertThat(expireAt("expiring")).isEqualTo(at);
    assertThat(expireAt("persisted")).isEqualTo(StoredValue.NO_EXPIRY);
  }

  @Test
  void reads_countKeyspaceHitsAndMisses_writesDoNot() {
    CacheStats stats = server.server().tenants().get(TenantRegistry.DEFAULT).stats();
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      long hits = stats.hits.sum();
      long misses = stats.misses.sum();
      client.call("GET", "k");
      client.call("GET", "missing");
      client.call("MGET", "k", "missing", "missing");
      client.call("STRLEN", "k");
      client.call("GETRANGE", "missing", "0", "1");
      client.call("SET", "k", "w", "GET");
      client.call("INCR", "n");
      client.call("APPEND", "k", "x");
      client.call("SETRANGE", "k", "0", "y");
      assertThat(stats.hits.sum() - hits).isEqualTo(4);
      assertThat(stats.misses.sum() - misses).isEqualTo(4);
    }
  }

  @Test
  void wrongType_readsFail_mgetAnswersNil_setOverwrites() {
    keyspace().update(ByteKey.of("h"), entry -> entry.setField(bytes("f"), bytes("v")));
    try (RespClient client = server.connectAuthenticated()) {
      for (Object[] command :
          List.of(
              new Object[] {"GET", "h"},
              new Object[] {"INCR", "h"},
              new Object[] {"APPEND", "h", "x"},
              new Object[] {"SET", "h", "v", "GET"},
              new Object[] {"GETRANGE", "h", "0", "1"})) {
        assertThat(client.callRaw(command))
            .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
      }
      assertThat(client.call("MGET", "h")).isEqualTo(Collections.singletonList(null));
      assertThat(client.call("SET", "h", "v")).isEqualTo("OK");
      assertThat(client.call("GET", "h")).isEqualTo("v");
    }
  }

  @Test
  void setRangeAndAppend_beyondConfiguredLimit_failWithoutStoring() {
    try (TestServer small = TestServer.start(Map.of("proto-max-bulk-len", "1mb"));
        RespClient client = small.connectAuthenticated()) {
      int limit = 1024 * 1024;
      String tooLong = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
      assertThat(client.callRaw("SETRANGE", "k", Integer.toString(limit), "x")).isEqualTo(tooLong);
      assertThat(client.call("GET", "k")).isNull();
      assertThat(client.call("SETRANGE", "k", Integer.toString(limit - 2), "xy"))
          .isEqualTo((long) limit);
      assertThat(client.callRaw("APPEND", "k", "z")).isEqualTo(tooLong);
      assertThat(client.call("STRLEN", "k")).isEqualTo((long) limit);
    }
  }

  @Test
  void setRange_hugeOffset_refusedBeforeAllocating() {
    try (RespClient client = server.connectAuthenticated()) {
      String tooLong = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n";
      assertThat(client.callRaw("SETRANGE", "k", "536870912", "x")).isEqualTo(tooLong);
      assertThat(client.callRaw("SETRANGE", "k", Long.toString(Long.MAX_VALUE), "x"))
          .isEqualTo(tooLong);
      assertThat(client.call("GET", "k")).isNull();
    }
  }

  // --- helpers ---

  private interface ClientAction {
    Object run(RespClient client) throws Exception;
  }

  /** Runs action times times on each of threads connections at once; returns every reply. */
  private static List<String> concurrently(int threads, int times, ClientAction action)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Callable<List<String>> worker =
            () -> {
              List<String> replies = new ArrayList<>();
              try (RespClient client = server.connectAuthenticated()) {
                for (int i = 0; i < times; i++) {
                  replies.add(String.valueOf(action.run(client)));
                }
              }
              return replies;
            };
        results.add(pool.submit(worker));
      }
      List<String> all = new ArrayList<>();
      for (Future<List<String>> result : results) {
        all.addAll(result.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Keyspace keyspace() {
    return server.server().tenants().get(TenantRegistry.DEFAULT).keyspace();
  }

  private static long expireAt(String key) {
    StoredValue value = keyspace().get(ByteKey.of(key));
    assertThat(value).as("value at " + key).isNotNull();
    return value.expireAt();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
