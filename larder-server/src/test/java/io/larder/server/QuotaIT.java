package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.EvictionPolicy;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.MemoryLimits;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory quotas over RESP: eviction policies, the -OOM refusal, default expiry, and what INFO
 * reports. One client writes at a time, so when a command has returned the engine has finished
 * evicting for it and usage must be within the quota, with no slack (see InfinispanKeyspace).
 */
class QuotaIT {
  private static final long MIB = 1024 * 1024;
  private static final String KIB_VALUE = "v".repeat(1024);
  private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  private TestServer server;
  private RespClient client;

  @BeforeEach
  void start() {
    server = TestServer.start();
    client = server.connectAuthenticated();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void set_allkeysLruWritingFourTimesTheQuota_staysWithinQuotaAndKeepsRecentlyReadKeys() {
    limit(new MemoryLimits(MIB, EvictionPolicy.ALLKEYS_LRU, 0));
    List<String> hot = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      hot.add("hot:" + i);
      assertThat(client.call("SET", "hot:" + i, KIB_VALUE)).isEqualTo("OK");
    }

    int writes = (int) (4 * MIB / KIB_VALUE.length());
    for (int i = 0; i < writes; i++) {
      assertThat(client.call("SET", "key:" + i, KIB_VALUE)).isEqualTo("OK");
      if (i % 50 == 0) {
        for (String key : hot) {
          assertThat(client.call("GET", key)).as(key + " after %d writes", i).isEqualTo(KIB_VALUE);
        }
      }
      if (i % 100 == 0) {
        assertThat(keyspace().usedMemory()).as("after %d writes", i).isLessThanOrEqualTo(MIB);
      }
    }

    assertThat(keyspace().usedMemory()).isLessThanOrEqualTo(MIB);
    for (String key : hot) {
      assertThat(client.call("EXISTS", key)).as(key).isEqualTo(1L);
    }
    int oldSurvivors = 0;
    int newSurvivors = 0;
    for (int i = 0; i < writes / 4; i++) {
      oldSurvivors += ((Long) client.call("EXISTS", "key:" + i)).intValue();
      newSurvivors += ((Long) client.call("EXISTS", "key:" + (writes - 1 - i))).intValue();
    }
    // the first quarter was written three quotas ago; the last quarter (1024 keys, more than fit)
    // fills most of the cache
    assertThat(oldSurvivors).isZero();
    assertThat(newSurvivors).isGreaterThan(600);
    Map<String, String> stats = info("stats");
    assertThat(Long.parseLong(stats.get("evicted_keys"))).isGreaterThan(writes / 2);
    Map<String, String> memory = info("memory");
    assertThat(Long.parseLong(memory.get("used_memory")))
        .isEqualTo(keyspace().usedMemory())
        .isLessThanOrEqualTo(MIB);
    assertThat(memory).containsEntry("maxmemory", Long.toString(MIB));
    assertThat(memory).containsEntry("maxmemory_human", "1.00M");
    assertThat(memory).containsEntry("maxmemory_policy", "allkeys-lru");
  }

  @Test
  void restart_afterEvictions_evictedKeysStayGoneAndSurvivorsRemain() {
    limit(new MemoryLimits(64 * 1024, EvictionPolicy.ALLKEYS_LRU, 0));
    for (int i = 0; i < 200; i++) {
      assertThat(client.call("SET", "key:" + i, KIB_VALUE)).isEqualTo("OK");
    }
    List<String> survivors = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      if (client.call("EXISTS", "key:" + i).equals(1L)) {
        survivors.add("key:" + i);
      }
    }
    assertThat(survivors).isNotEmpty().hasSizeLessThan(100);
    client.close();

    server.restart();
    client = server.connectAuthenticated();

    assertThat(client.call("DBSIZE")).isEqualTo((long) survivors.size());
    for (String key : survivors) {
      assertThat(client.call("GET", key)).as(key).isEqualTo(KIB_VALUE);
    }
  }

  @Test
  void set_noevictionPastQuota_refusedWithOomWhileReadsAndDeletesWork() {
    limit(new MemoryLimits(MIB, EvictionPolicy.NOEVICTION, 0));
    int stored = 0;
    Object reply = "OK";
    while ("OK".equals(reply) && stored < 2_000) {
      reply = client.call("SET", "key:" + stored, KIB_VALUE);
      if ("OK".equals(reply)) {
        stored++;
      }
    }

    assertThat(reply).isEqualTo(new RespClient.Error(OOM));
    // the last write admitted was made while usage was within the quota: it is the only slack
    long entry = keyspace().usedMemory() / stored;
    assertThat(keyspace().usedMemory()).isGreaterThan(MIB).isLessThanOrEqualTo(MIB + 2 * entry);
    assertThat(client.call("HSET", "h", "f", "v")).isEqualTo(new RespClient.Error(OOM));
    assertThat(client.call("APPEND", "key:0", "more")).isEqualTo(new RespClient.Error(OOM));
    assertThat(client.call("GET", "key:0")).isEqualTo(KIB_VALUE);
    assertThat(client.call("EXPIRE", "key:1", "1000")).isEqualTo(1L);
    assertThat(info("stats")).containsEntry("evicted_keys", "0");
    assertThat(info("memory")).containsEntry("maxmemory_policy", "noeviction");

    assertThat(client.call("DEL", "key:0", "key:1")).isEqualTo(2L);

    assertThat(client.call("SET", "again", "v")).isEqualTo("OK");
    assertThat(client.call("GET", "again")).isEqualTo("v");
  }

  @Test
  void touch_allkeysLru_countsAsAnAccessSoTheKeyOutlivesKeysReadBefore() throws Exception {
    assertThat(evictedFirst("TOUCH")).doesNotContain("oldest").isNotEmpty();
  }

  @Test
  void exists_allkeysLru_isNoAccessSoTheOldestKeyIsStillEvictedFirst() throws Exception {
    assertThat(evictedFirst("EXISTS")).contains("oldest");
  }

  /**
   * Writes "oldest", then five more keys, then runs look (TOUCH or EXISTS) on "oldest" and writes
   * new keys until the first eviction; answers which of the six keys it took. The cache holds about
   * a dozen 1 KiB keys, fewer than one eviction sample, so the victim is exactly the least recently
   * used. The pauses are many ticks of the 10 ms access clock, so the three steps get distinct
   * access times.
   */
  private List<String> evictedFirst(String look) throws InterruptedException {
    limit(new MemoryLimits(16 * 1024, EvictionPolicy.ALLKEYS_LRU, 0));
    List<String> older = new ArrayList<>(List.of("oldest"));
    assertThat(client.call("SET", "oldest", KIB_VALUE)).isEqualTo("OK");
    Thread.sleep(100);
    for (int i = 0; i < 5; i++) {
      older.add("key:" + i);
      assertThat(client.call("SET", "key:" + i, KIB_VALUE)).isEqualTo("OK");
    }
    Thread.sleep(100);
    assertThat(client.call(look, "oldest")).isEqualTo(1L);
    Thread.sleep(100);

    for (int i = 0; i < 40 && info("stats").get("evicted_keys").equals("0"); i++) {
      assertThat(client.call("SET", "new:" + i, KIB_VALUE)).isEqualTo("OK");
    }

    assertThat(info("stats").get("evicted_keys")).isNotEqualTo("0");
    return older.stream().filter(key -> client.call("EXISTS", key).equals(0L)).toList();
  }

  @Test
  void set_volatileTtlPastQuota_evictsNearestExpiryFirstThenRefuses() {
    // room for about a dozen 1 KiB keys: fewer than one eviction sample, so the order is exact
    limit(new MemoryLimits(16 * 1024, EvictionPolicy.VOLATILE_TTL, 0));
    for (int i = 0; i < 4; i++) {
      assertThat(client.call("SET", "keep:" + i, KIB_VALUE)).isEqualTo("OK");
    }
    Map<String, Integer> expiring = new LinkedHashMap<>();
    expiring.put("ttl:c", 3000);
    expiring.put("ttl:a", 1000);
    expiring.put("ttl:e", 5000);
    expiring.put("ttl:b", 2000);
    expiring.put("ttl:d", 4000);
    expiring.forEach(
        (key, seconds) ->
            assertThat(client.call("SET", key, KIB_VALUE, "EX", seconds)).isEqualTo("OK"));

    List<String> gone = new ArrayList<>();
    Object reply = "OK";
    for (int i = 0; i < 40 && "OK".equals(reply); i++) {
      reply = client.call("SET", "new:" + i, KIB_VALUE);
      for (String key : expiring.keySet()) {
        if (!gone.contains(key) && client.call("EXISTS", key).equals(0L)) {
          gone.add(key);
        }
      }
    }

    assertThat(gone).containsExactly("ttl:a", "ttl:b", "ttl:c", "ttl:d", "ttl:e");
    assertThat(reply).isEqualTo(new RespClient.Error(OOM));
    for (int i = 0; i < 4; i++) {
      assertThat(client.call("EXISTS", "keep:" + i)).isEqualTo(1L);
    }
  }

  @Test
  void write_defaultExpiry_givesKeysWrittenWithoutExpiryTheDefault() {
    limit(new MemoryLimits(MIB, EvictionPolicy.NOEVICTION, 60_000));

    assertThat(client.call("SET", "plain", "v")).isEqualTo("OK");
    assertThat(client.call("HSET", "session", "f", "v")).isEqualTo(1L);
    assertThat(client.call("SET", "explicit", "v", "EX", "1000")).isEqualTo("OK");

    assertThat((Long) client.call("TTL", "plain")).isBetween(59L, 60L);
    assertThat((Long) client.call("TTL", "session")).isBetween(59L, 60L);
    assertThat((Long) client.call("TTL", "explicit")).isBetween(999L, 1000L);

    assertThat(client.call("PERSIST", "explicit")).isEqualTo(1L);
    assertThat((Long) client.call("TTL", "explicit")).isBetween(59L, 60L);
    assertThat(client.call("SET", "explicit", "again")).isEqualTo("OK");
    assertThat((Long) client.call("TTL", "explicit")).isBetween(59L, 60L);
  }

  @Test
  void info_memory_reportsTheCallersCacheLimits() {
    limit(new MemoryLimits(3 * MIB, EvictionPolicy.VOLATILE_LRU, 0));
    client.call("SET", "k", "v");

    Map<String, String> memory = info("memory");

    assertThat(Long.parseLong(memory.get("used_memory"))).isEqualTo(keyspace().usedMemory());
    assertThat(memory)
        .containsEntry("maxmemory", Long.toString(3 * MIB))
        .containsEntry("maxmemory_human", "3.00M")
        .containsEntry("maxmemory_policy", "volatile-lru");
  }

  private InfinispanKeyspace keyspace() {
    return (InfinispanKeyspace) server.server().tenants().get("default").keyspace();
  }

  private void limit(MemoryLimits limits) {
    keyspace().configure(limits);
  }

  private Map<String, String> info(String section) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : ((String) client.call("INFO", section)).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }
}
