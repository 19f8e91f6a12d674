package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.KeySlot;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantRegistry;
import io.larder.server.testing.RespClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation across a cache's life, beside the per-command {@link IsolationMatrixIT}: a
 * restart, a cache deleted and created again under the same name, and key regeneration, with two
 * caches holding the same key names.
 */
class IsolationLifecycleIT {
  private static final RespClient.Error WRONGPASS =
      new RespClient.Error("WRONGPASS invalid username-password pair or user is disabled.");

  private TwoCacheServer server;

  @BeforeEach
  void start() {
    server = TwoCacheServer.start(); // appendonly is on by default: both caches persist
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private TenantRegistry tenants() {
    return server.testServer().server().tenants();
  }

  @Test
  void restart_sameKeyNamesInBothCaches_eachReplaysOnlyItsOwnWrites() {
    try (RespClient a = server.connectDefault();
        RespClient b = server.connectOther()) {
      a.call("SET", "s", "alpha");
      a.call("HSET", "h", "f", "a");
      b.call("SET", "s", "bravo");
      b.call("HSET", "h", "f", "b", "g", "b");
      b.call("SET", "onlyB", "x");
      a.call("DEL", "onlyB"); // a deletion in A journals nothing that could reach B
      b.call("DEL", "h");
      b.call("HSET", "h", "g", "b2");
    }

    server.testServer().restart();

    try (RespClient a = server.connectDefault();
        RespClient b = server.connectOther()) {
      assertThat(IsolationRow.asList(a.call("KEYS", "*"))).containsExactlyInAnyOrder("s", "h");
      assertThat(a.call("GET", "s")).isEqualTo("alpha");
      assertThat(a.call("HGETALL", "h")).isEqualTo(List.of("f", "a"));
      assertThat(IsolationRow.asList(b.call("KEYS", "*")))
          .containsExactlyInAnyOrder("s", "h", "onlyB");
      assertThat(b.call("GET", "s")).isEqualTo("bravo");
      assertThat(b.call("HGETALL", "h")).isEqualTo(List.of("g", "b2"));
    }
  }

  @Test
  void deleteAndCreateAgain_sameName_startsEmptyWithNewKeysAndNoneOfTheOldSettings() {
    Tenant first = tenants().create("tmp", CacheSettings.defaults(true));
    try (RespClient old = authenticated("tmp", first.primaryKey().text())) {
      old.call("SET", "s", "old-data");
      old.call("GET", "s");
      old.call("CONFIG", "SET", "notify-keyspace-events", "KEA");

      tenants().delete("tmp");
      Tenant second = tenants().create("tmp", CacheSettings.defaults(true));

      assertThat(old.isClosedByServer(5000)).isTrue();
      try (RespClient fresh = authenticated("tmp", second.primaryKey().text());
          RespClient oldKey = server.testServer().connect()) {
        assertThat(fresh.call("DBSIZE")).isEqualTo(0L);
        assertThat(fresh.call("GET", "s")).isNull();
        assertThat(fresh.call("CONFIG", "GET", "notify-keyspace-events"))
            .isEqualTo(List.of("notify-keyspace-events", ""));
        assertThat(IsolationContext.infoField(fresh.call("INFO", "stats"), "keyspace_hits"))
            .isEqualTo("0");
        assertThat(oldKey.call("AUTH", "tmp", first.primaryKey().text())).isEqualTo(WRONGPASS);
      }
    }
  }

  @Test
  void regenerateKeyOfB_closesBsConnectionsOnly_notThoseThatMovedOnToA() {
    try (RespClient a = server.connectDefault();
        RespClient b = server.connectOther();
        RespClient movedToA = server.connectOther()) {
      assertThat(movedToA.call("AUTH", "default", TwoCacheServer.DEFAULT_KEY)).isEqualTo("OK");

      tenants().regenerate(TwoCacheServer.OTHER, KeySlot.PRIMARY);

      assertThat(b.isClosedByServer(5000)).isTrue();
      assertThat(a.call("PING")).isEqualTo("PONG");
      assertThat(movedToA.call("PING")).isEqualTo("PONG");
      assertThat(movedToA.call("CLIENT", "INFO").toString()).contains(" user=default ");
    }
  }

  private RespClient authenticated(String cache, String key) {
    RespClient client = server.testServer().connect();
    assertThat(client.call("AUTH", cache, key)).isEqualTo("OK");
    return client;
  }
}
