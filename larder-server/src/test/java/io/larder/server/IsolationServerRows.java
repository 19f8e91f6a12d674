package io.larder.server;

import static io.larder.server.IsolationContext.infoField;
import static io.larder.server.IsolationRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import io.larder.server.engine.EvictionPolicy;
import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.TenantRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The isolation matrix's rows for the families about the server: server (FLUSH*, DBSIZE, INFO),
 * config and introspection (COMMAND).
 */
final class IsolationServerRows {
  private static final String B = TwoCacheServer.OTHER;

  /** Texts of the seed that no cache-independent reply may contain. */
  private static final List<String> SEED_TEXTS =
      List.of("alpha", "bravo-b", "b-only", "onlyB", "a-ttl", "b-ttl");

  private IsolationServerRows() {}

  static List<IsolationRow> all() {
    List<IsolationRow> rows = new ArrayList<>();
    rows.addAll(server());
    rows.addAll(config());
    rows.addAll(introspection());
    return rows;
  }

  static List<IsolationRow> server() {
    String f = "server";
    List<IsolationRow> rows = new ArrayList<>();
    for (String flush : List.of("FLUSHDB", "FLUSHALL", "FLUSHALL ASYNC", "FLUSHDB SYNC")) {
      rows.add(
          row(
              f,
              flush + " in A empties A and leaves B's keys as they were",
              List.of(flush.split(" ")[0].toLowerCase(), "dbsize"),
              caches -> {
                Map<String, String> before = caches.contentsB();
                assertThat(caches.a.call((Object[]) flush.split(" "))).isEqualTo("OK");
                assertThat(caches.a.call("DBSIZE")).isEqualTo(0L);
                assertThat(caches.contentsB()).isEqualTo(before);
                assertThat(caches.b.call("DBSIZE")).isEqualTo(6L);
              }));
    }
    rows.add(
        row(
            f,
            "INFO keyspace shows each cache's key and expiry counts, never the other's",
            List.of("info"),
            caches -> {
              assertThat(infoField(caches.a.call("INFO", "keyspace"), "db0"))
                  .isEqualTo("keys=5,expires=1,avg_ttl=0");
              assertThat(infoField(caches.b.call("INFO", "keyspace"), "db0"))
                  .isEqualTo("keys=6,expires=2,avg_ttl=0");
              for (String section : List.of("all", "everything", "default")) {
                assertThat((String) caches.a.call("INFO", section))
                    .contains("keys=5,")
                    .doesNotContain("keys=6")
                    .doesNotContain(B);
              }
              caches.observerA().call("FLUSHDB");
              assertThat(infoField(caches.a.call("INFO", "keyspace"), "db0")).isNull();
            }));
    rows.add(
        row(
            f,
            "INFO stats counts each cache's own commands, hits and misses",
            List.of("info", "get"),
            caches -> {
              for (int i = 0; i < 7; i++) {
                caches.b.call("GET", "s");
              }
              for (int i = 0; i < 3; i++) {
                caches.b.call("GET", "missing");
              }
              caches.a.call("GET", "s");
              caches.a.call("GET", "n");
              caches.a.call("GET", "missing");
              Object statsA = caches.a.call("INFO", "stats");
              Object statsB = caches.b.call("INFO", "stats");
              assertThat(infoField(statsA, "keyspace_hits")).isEqualTo("2");
              assertThat(infoField(statsA, "keyspace_misses")).isEqualTo("1");
              assertThat(infoField(statsA, "total_commands_processed")).isEqualTo("4");
              assertThat(infoField(statsB, "keyspace_hits")).isEqualTo("7");
              assertThat(infoField(statsB, "keyspace_misses")).isEqualTo("3");
              assertThat(infoField(statsB, "total_commands_processed")).isEqualTo("11");
            }));
    rows.add(
        row(
            f,
            "INFO memory and CONFIG GET maxmemory show A's usage and quota, never B's",
            List.of("info", "set", "config|get"),
            caches -> {
              long quotaB = 100L << 20;
              withSettings(
                  caches,
                  B,
                  settings -> settings.withMemoryQuota(quotaB),
                  () -> {
                    Object memoryA = caches.a.call("INFO", "memory");
                    String value = "v".repeat(8192);
                    for (int i = 0; i < 50; i++) {
                      assertThat(caches.b.call("SET", "big" + i, value)).isEqualTo("OK");
                    }
                    Object memoryB = caches.b.call("INFO", "memory");
                    Object memoryAAfter = caches.a.call("INFO", "memory");
                    assertThat(infoField(memoryAAfter, "used_memory"))
                        .isEqualTo(infoField(memoryA, "used_memory"));
                    assertThat(Long.parseLong(infoField(memoryAAfter, "used_memory")))
                        .isLessThan(50 * 8192);
                    assertThat(Long.parseLong(infoField(memoryB, "used_memory")))
                        .isGreaterThan(50 * 8192);
                    assertThat(infoField(memoryAAfter, "maxmemory"))
                        .isEqualTo(Long.toString(CacheSettings.DEFAULT_MEMORY));
                    assertThat(infoField(memoryB, "maxmemory")).isEqualTo(Long.toString(quotaB));
                    assertThat(caches.a.call("CONFIG", "GET", "maxmemory"))
                        .isEqualTo(
                            List.of("maxmemory", Long.toString(CacheSettings.DEFAULT_MEMORY)));
                    assertThat(caches.b.call("CONFIG", "GET", "maxmemory"))
                        .isEqualTo(List.of("maxmemory", Long.toString(quotaB)));
                  });
            }));
    rows.add(
        row(
            f,
            "eviction in a full A removes only A's keys; B's same-named keys stay, B counts none",
            List.of("set", "info"),
            caches -> {
              withSettings(
                  caches,
                  TenantRegistry.DEFAULT,
                  settings ->
                      settings
                          .withMemoryQuota(CacheSettings.MIN_MEMORY)
                          .withEviction(EvictionPolicy.parse("allkeys-random")),
                  () -> {
                    Map<String, String> before = caches.contentsB();
                    String value = "v".repeat(16 * 1024);
                    for (int i = 0; i < 200; i++) {
                      caches.a.call("SET", "s" + (i == 0 ? "" : i), value);
                    }
                    assertThat(Long.parseLong(infoField(caches.a.call("INFO"), "evicted_keys")))
                        .isPositive();
                    assertThat(infoField(caches.b.call("INFO", "stats"), "evicted_keys"))
                        .isEqualTo("0");
                    assertThat(caches.contentsB()).isEqualTo(before);
                  });
            }));
    rows.add(
        row(
            f,
            "INFO clients counts each cache's own connections",
            List.of("info"),
            caches -> {
              for (int i = 0; i < 3; i++) {
                caches.connectB();
              }
              // A: the row's connection and the observer; B: those and three more
              assertThat(infoField(caches.a.call("INFO", "clients"), "connected_clients"))
                  .isEqualTo("2");
              assertThat(infoField(caches.b.call("INFO", "clients"), "connected_clients"))
                  .isEqualTo("5");
            }));
    return rows;
  }

  static List<IsolationRow> config() {
    String f = "config";
    return List.of(
        row(
            f,
            "CONFIG RESETSTAT in A resets A's statistics and leaves B's",
            List.of("config|resetstat"),
            caches -> {
              for (int i = 0; i < 4; i++) {
                caches.b.call("GET", "s");
                caches.a.call("GET", "s");
              }
              assertThat(caches.a.call("CONFIG", "RESETSTAT")).isEqualTo("OK");
              assertThat(infoField(caches.a.call("INFO", "stats"), "keyspace_hits")).isEqualTo("0");
              assertThat(infoField(caches.b.call("INFO", "stats"), "keyspace_hits")).isEqualTo("4");
            }),
        row(
            f,
            "CONFIG SET notify-keyspace-events in A changes A's only; CONFIG GET shows each its own",
            List.of("config|set", "config|get"),
            caches -> {
              assertThat(caches.a.call("CONFIG", "SET", "notify-keyspace-events", "KEA"))
                  .isEqualTo("OK");
              assertThat(caches.a.call("CONFIG", "GET", "notify-keyspace-events"))
                  .isEqualTo(List.of("notify-keyspace-events", "AKE"));
              assertThat(caches.b.call("CONFIG", "GET", "notify-keyspace-events"))
                  .isEqualTo(List.of("notify-keyspace-events", ""));
              assertThat(caches.b.call("CONFIG", "SET", "notify-keyspace-events", "Eg"))
                  .isEqualTo("OK");
              assertThat(caches.a.call("CONFIG", "GET", "notify-keyspace-events"))
                  .isEqualTo(List.of("notify-keyspace-events", "AKE"));
            }));
  }

  static List<IsolationRow> introspection() {
    return List.of(
        row(
            "introspection",
            "COMMAND and its subcommands answer the same in both caches, with no cache data",
            List.of("command", "command|count", "command|info", "command|docs", "command|list"),
            caches -> {
              for (String line :
                  List.of(
                      "COMMAND",
                      "COMMAND COUNT",
                      "COMMAND INFO get",
                      "COMMAND DOCS get",
                      "COMMAND LIST")) {
                Object[] args = IsolationRow.words(line);
                String inA = caches.a.callRaw(args);
                assertThat(caches.b.callRaw(args)).as(line).isEqualTo(inA);
                for (String text : SEED_TEXTS) {
                  assertThat(inA).as(line).doesNotContain(text);
                }
              }
            }));
  }

  /**
   * Runs check with cache's settings changed, then puts them back (the server is shared by every
   * row).
   */
  private static void withSettings(
      IsolationContext caches, String cache, UnaryOperator<CacheSettings> change, Runnable check) {
    TenantRegistry tenants = caches.server().testServer().server().tenants();
    CacheSettings before = tenants.require(cache).settings();
    tenants.update(cache, change);
    try {
      check.run();
    } finally {
      tenants.update(cache, settings -> before);
    }
  }
}
