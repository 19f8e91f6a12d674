package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.tenant.CacheStats;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Key commands where the differential script ({@code differential/keys.redis}) cannot reach:
 * complete SCAN iterations (Redis's order differs), SCAN under concurrent change, expiry over time,
 * keyspace statistics and persistence across a restart.
 */
class KeyCommandsIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void emptyKeyspace() {
    server.server().tenants().get("default").keyspace().clear();
  }

  @Test
  void scan_stableKeyspace_returnsEveryKeyExactlyOnce() {
    try (RespClient client = server.connectAuthenticated()) {
      Set<String> stored = store(client, "key:", 1000);

      List<String> seen = new ArrayList<>();
      int calls = scanAll(cursor -> client, "10", seen);

      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
      assertThat(calls).isGreaterThan(50);
    }
  }

  @Test
  void scan_cursorContinuedOnOtherConnections_returnsEveryKeyExactlyOnce() {
    try (RespClient first = server.connectAuthenticated();
        RespClient second = server.connectAuthenticated()) {
      Set<String> stored = store(first, "key:", 500);

      // alternate connections: each keeps its own snapshot, taken at a different point
      List<String> seen = new ArrayList<>();
      int[] call = {0};
      scanAll(cursor -> call[0]++ % 2 == 0 ? first : second, "7", seen);

      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
    }
  }

  @Test
  void scan_whileOtherKeysChange_returnsEveryStableKeyAtLeastOnce() throws Exception {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      Set<String> stable = store(client, "stable:", 500);
      AtomicBoolean done = new AtomicBoolean();
      Thread churn =
          new Thread(
              () -> {
                try (RespClient writer = server.connectAuthenticated()) {
                  for (int i = 0; !done.get(); i++) {
                    writer.call("SET", "churn:" + i, "v");
                    writer.call("DEL", "churn:" + (i - 50));
                  }
                }
              });
      churn.start();
      try {
        for (int round = 0; round < 5; round++) {
          List<String> seen = new ArrayList<>();
          int[] call = {0};
          scanAll(cursor -> call[0]++ % 3 == 0 ? other : client, "5", seen);

          assertThat(new HashSet<>(seen)).containsAll(stable);
          assertThat(seen).allMatch(key -> key.startsWith("stable:") || key.startsWith("churn:"));
        }
      } finally {
        done.set(true);
        churn.join();
      }
    }
  }

  @Test
  void scan_keyDeletedDuringIteration_isNotReturnedAfterwards() {
    try (RespClient client = server.connectAuthenticated()) {
      Set<String> stored = store(client, "key:", 200);
      List<String> seen = new ArrayList<>();
      List<?> page = scanPage(client, "0", "COUNT", "10");
      seen.addAll(keysOf(page));
      Set<String> deleted = new HashSet<>(stored);
      deleted.removeAll(seen);
      for (String key : deleted) {
        client.call("DEL", key);
      }

      List<String> rest = new ArrayList<>();
      String cursor = (String) page.get(0);
      while (!cursor.equals("0")) {
        List<?> next = scanPage(client, cursor, "COUNT", "10");
        rest.addAll(keysOf(next));
        cursor = (String) next.get(0);
      }

      assertThat(rest).isEmpty();
    }
  }

  @Test
  void scan_matchAndType_filterEachPageAfterItIsChosen() {
    try (RespClient client = server.connectAuthenticated()) {
      store(client, "key:", 100);
      client.call("HSET", "user:1", "name", "a");

      List<String> matched = new ArrayList<>();
      int calls = scanAll(cursor -> client, "1", matched, "MATCH", "user:*", "TYPE", "hash");
      List<String> wrongType = new ArrayList<>();
      scanAll(cursor -> client, "1000", wrongType, "MATCH", "user:*", "TYPE", "string");

      assertThat(matched).containsExactly("user:1");
      assertThat(calls).as("pages come back empty, yet the iteration goes on").isGreaterThan(50);
      assertThat(wrongType).isEmpty();
    }
  }

  @Test
  void scan_hugeCount_returnsEverythingInOneCall() {
    try (RespClient client = server.connectAuthenticated()) {
      Set<String> stored = store(client, "key:", 50);

      List<?> page = scanPage(client, "0", "COUNT", "1000000000");

      assertThat(page.get(0)).isEqualTo("0");
      assertThat(keysOf(page)).containsExactlyInAnyOrderElementsOf(stored);
    }
  }

  @Test
  void scan_cursorBeyondEveryKey_endsTheIteration() {
    try (RespClient client = server.connectAuthenticated()) {
      store(client, "key:", 20);

      assertThat(client.call("SCAN", "18446744073709551615")).isEqualTo(List.of("0", List.of()));
      assertThat(client.call("SCAN", "4294967296")).isEqualTo(List.of("0", List.of()));
    }
  }

  @Test
  void pexpire_afterTheTtl_keyIsGoneEverywhere() throws InterruptedException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "soon", "v");
      client.call("HSET", "hsoon", "f", "v");
      client.call("SET", "stays", "v");
      assertThat(client.call("PEXPIRE", "soon", "100")).isEqualTo(1L);
      assertThat(client.call("PEXPIRE", "hsoon", "100")).isEqualTo(1L);

      Thread.sleep(300);

      assertThat(client.call("EXISTS", "soon", "hsoon", "stays")).isEqualTo(1L);
      assertThat(client.call("GET", "soon")).isNull();
      assertThat(client.call("TTL", "soon")).isEqualTo(-2L);
      assertThat(client.call("TYPE", "hsoon")).isEqualTo("none");
      assertThat(client.call("KEYS", "*")).isEqualTo(List.of("stays"));
      assertThat(client.call("SCAN", "0")).isEqualTo(List.of("0", List.of("stays")));
      assertThat(client.call("RANDOMKEY")).isEqualTo("stays");
    }
  }

  @Test
  void pttl_afterPexpire_countsDown() throws InterruptedException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      client.call("PEXPIRE", "k", "10000");
      long first = (Long) client.call("PTTL", "k");

      Thread.sleep(50);

      assertThat(first).isBetween(9000L, 10000L);
      assertThat((Long) client.call("PTTL", "k")).isLessThan(first).isPositive();
      assertThat(client.call("TTL", "k")).isEqualTo(10L);
    }
  }

  @Test
  void rename_keepsTheTtl_andTheKeyStillExpires() throws InterruptedException {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "src", "v");
      client.call("PEXPIRE", "src", "1000");
      client.call("SET", "long", "v");
      client.call("PEXPIRE", "long", "100000");

      assertThat(client.call("RENAME", "src", "dst")).isEqualTo("OK");
      assertThat(client.call("RENAME", "long", "long2")).isEqualTo("OK");
      assertThat((Long) client.call("PTTL", "dst")).isBetween(1L, 1000L);
      assertThat((Long) client.call("PTTL", "long2")).isBetween(99000L, 100000L);

      Thread.sleep(1200);

      assertThat(client.call("EXISTS", "src", "dst")).isEqualTo(0L);
      assertThat(client.call("GET", "long2")).isEqualTo("v");
    }
  }

  @Test
  void copy_hash_isIndependentOfTheOriginal() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HSET", "h", "f1", "v1", "f2", "v2");
      assertThat(client.call("COPY", "h", "h2")).isEqualTo(1L);

      client.call("HSET", "h2", "f1", "changed", "f3", "v3");
      client.call("HDEL", "h", "f2");

      assertThat(client.call("HGETALL", "h")).isEqualTo(List.of("f1", "v1"));
      assertThat(client.call("HGETALL", "h2"))
          .isEqualTo(List.of("f1", "changed", "f2", "v2", "f3", "v3"));
    }
  }

  @Test
  void keyspaceStats_countReadLookupsLikeRedis() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "a", "1");
      CacheStats stats = server.server().tenants().get("default").stats();

      // each command with the (hits, misses) Redis 7.0 adds to INFO stats for it
      assertLookups(stats, client, 1, 0, "TYPE", "a");
      assertLookups(stats, client, 0, 1, "TTL", "nokey");
      assertLookups(stats, client, 1, 0, "PEXPIRETIME", "a");
      assertLookups(stats, client, 2, 1, "EXISTS", "a", "a", "nokey");
      assertLookups(stats, client, 1, 1, "TOUCH", "a", "nokey");
      assertLookups(stats, client, 1, 0, "COPY", "a", "b");
      assertLookups(stats, client, 0, 1, "COPY", "nokey", "b");
      assertLookups(stats, client, 2, 0, "SCAN", "0", "TYPE", "string");
      assertLookups(stats, client, 0, 0, "SCAN", "0");
      assertLookups(stats, client, 0, 0, "RENAME", "b", "c");
      assertLookups(stats, client, 0, 0, "EXPIRE", "c", "100");
      assertLookups(stats, client, 0, 0, "PERSIST", "c");
      assertLookups(stats, client, 0, 0, "DEL", "c", "nokey");
      assertLookups(stats, client, 0, 0, "KEYS", "*");
      assertLookups(stats, client, 0, 0, "RANDOMKEY");
    }
  }

  @Test
  void restart_keepsWhatKeyCommandsChanged() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "a", "1");
      client.call("EXPIREAT", "a", "4102444800");
      client.call("RENAME", "a", "renamed");
      client.call("COPY", "renamed", "copied");
      client.call("HSET", "h", "f", "v");
      client.call("COPY", "h", "h2");
      client.call("SET", "p", "v");
      client.call("EXPIRE", "p", "1000");
      client.call("PERSIST", "p");
      client.call("SET", "gone", "v");
      client.call("EXPIRE", "gone", "-1");
      client.call("SET", "deleted", "v");
      client.call("UNLINK", "deleted");
    }

    server.restart();

    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("EXISTS", "a", "gone", "deleted")).isEqualTo(0L);
      assertThat(client.call("GET", "renamed")).isEqualTo("1");
      assertThat(client.call("EXPIRETIME", "renamed")).isEqualTo(4102444800L);
      assertThat(client.call("EXPIRETIME", "copied")).isEqualTo(4102444800L);
      assertThat(client.call("HGETALL", "h2")).isEqualTo(List.of("f", "v"));
      assertThat(client.call("TTL", "p")).isEqualTo(-1L);
    }
  }

  private static void assertLookups(
      CacheStats stats, RespClient client, long hits, long misses, Object... command) {
    long hitsBefore = stats.hits.sum();
    long missesBefore = stats.misses.sum();

    Object reply = client.call(command);

    assertThat(reply).as(Arrays.toString(command)).isNotInstanceOf(RespClient.Error.class);
    assertThat(stats.hits.sum() - hitsBefore).as("hits of %s", command[0]).isEqualTo(hits);
    assertThat(stats.misses.sum() - missesBefore).as("misses of %s", command[0]).isEqualTo(misses);
  }

  /** Stores count string keys named prefix + number, pipelined; returns their names. */
  private static Set<String> store(RespClient client, String prefix, int count) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      keys.add(prefix + i);
      client.send("SET", prefix + i, "v");
    }
    for (int i = 0; i < count; i++) {
      assertThat(client.read()).isEqualTo("OK");
    }
    return keys;
  }

  /**
   * Runs one SCAN iteration to its end, each call on the connection chosen for it; adds the keys to
   * seen and returns the number of calls.
   */
  private static int scanAll(
      Function<String, RespClient> connection, String count, List<String> seen, String... filters) {
    String cursor = "0";
    int calls = 0;
    do {
      List<Object> args = new ArrayList<>(List.of(cursor, "COUNT", count));
      args.addAll(List.of(filters));
      List<?> page = scanPage(connection.apply(cursor), args.toArray());
      seen.addAll(keysOf(page));
      cursor = (String) page.get(0);
      calls++;
    } while (!cursor.equals("0"));
    return calls;
  }

  private static List<?> scanPage(RespClient client, Object... args) {
    Object[] command = new Object[args.length + 1];
    command[0] = "SCAN";
    System.arraycopy(args, 0, command, 1, args.length);
    Object reply = client.call(command);
    assertThat(reply).isInstanceOf(List.class);
    return (List<?>) reply;
  }

  @SuppressWarnings("unchecked")
  private static List<String> keysOf(List<?> page) {
    return (List<String>) page.get(1);
  }
}
