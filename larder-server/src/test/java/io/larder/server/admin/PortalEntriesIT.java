package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API behind the portal's key browser and charts: entries and metrics of a cache. */
class PortalEntriesIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  private static AdminHttp.Reply get(String path) {
    return AdminHttp.to(server).bearer().get(path);
  }

  /** A new cache with a connection authenticated to it. */
  private static RespClient newCache(String name) {
    AdminHttp.Reply created =
        AdminHttp.to(server).bearer().call("POST", "/api/caches", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    String key = get("/api/caches/" + name + "/keys").json().get("primary").asText();
    RespClient client = server.connect();
    assertThat(client.call("AUTH", name, key)).isEqualTo("OK");
    return client;
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.get("entries").forEach(entry -> keys.add(entry.get("key").asText()));
    return keys;
  }

  @Test
  void entries_list_showsKeysInOrderWithTypeAndTtl() {
    try (RespClient client = newCache("browse")) {
      client.call("SET", "b", "2");
      client.call("SET", "a", "1", "EX", "100");
      client.call("HSET", "h", "f", "v");

      JsonNode page = get("/api/caches/browse/entries").json();

      assertThat(keys(page)).containsExactly("a", "b", "h");
      assertThat(page.get("cursor").asText()).isEqualTo("0");
      JsonNode a = page.get("entries").get(0);
      assertThat(a.get("type").asText()).isEqualTo("string");
      assertThat(a.get("ttlSeconds").asLong()).isBetween(1L, 100L);
      assertThat(a.get("ref").asText()).isEqualTo("a");
      assertThat(page.get("entries").get(1).get("ttlSeconds").asLong()).isEqualTo(-1);
      assertThat(page.get("entries").get(2).get("type").asText()).isEqualTo("hash");
    }
  }

  @Test
  void entries_pages_coverEveryMatchingKeyOnce() {
    try (RespClient client = newCache("pages")) {
      for (int i = 0; i < 25; i++) {
        client.call("SET", String.format("user:%02d", i), "x");
        client.call("SET", String.format("other:%02d", i), "x");
      }

      List<String> seen = new ArrayList<>();
      String cursor = "0";
      int pages = 0;
      do {
        JsonNode page =
            get("/api/caches/pages/entries?pattern=user:*&count=10&cursor=" + cursor).json();
        seen.addAll(keys(page));
        cursor = page.get("cursor").asText();
        pages++;
      } while (!cursor.equals("0") && pages < 10);

      assertThat(pages).isEqualTo(3);
      assertThat(seen).hasSize(25).doesNotHaveDuplicates().allMatch(k -> k.startsWith("user:"));
    }
  }

  @Test
  void entries_badCountOrCursor_areBadRequests() {
    try (RespClient client = newCache("bad-query")) {
      assertThat(get("/api/caches/bad-query/entries?count=1001").status()).isEqualTo(400);
      assertThat(get("/api/caches/bad-query/entries?count=0").status()).isEqualTo(400);
      assertThat(get("/api/caches/bad-query/entries?cursor=nonsense").status()).isEqualTo(400);
      assertThat(get("/api/caches/nope/entries").status()).isEqualTo(404);
    }
  }

  @Test
  void entry_string_showsTheValue() {
    try (RespClient client = newCache("values")) {
      client.call("SET", "greeting", "héllo\nworld");

      JsonNode entry = get("/api/caches/values/entries/greeting").json();

      assertThat(entry.get("type").asText()).isEqualTo("string");
      assertThat(entry.at("/value/text").asText()).isEqualTo("héllo\nworld");
      assertThat(entry.at("/value/binary").asBoolean()).isFalse();
      assertThat(entry.at("/value/bytes").asInt()).isEqualTo(12);
      assertThat(entry.at("/value/truncated").asBoolean()).isFalse();
    }
  }

  @Test
  void entry_binaryKeyAndValue_areEscapedAndReachableByRef() {
    try (RespClient client = newCache("binary")) {
      client.call("SET", new byte[] {'k', (byte) 0xff, '/', 0}, new byte[] {1, (byte) 0xfe});

      JsonNode listed = get("/api/caches/binary/entries").json().get("entries").get(0);
      JsonNode entry = get("/api/caches/binary/entries/" + listed.get("ref").asText()).json();

      assertThat(listed.get("binary").asBoolean()).isTrue();
      assertThat(listed.get("key").asText()).isEqualTo("k\\xff/\\x00");
      assertThat(listed.get("ref").asText()).isEqualTo("k%FF%2F%00");
      assertThat(entry.at("/value/binary").asBoolean()).isTrue();
      assertThat(entry.at("/value/text").asText()).isEqualTo("\\x01\\xfe");
    }
  }

  @Test
  void entry_largeString_isTruncatedAt64KiB() {
    try (RespClient client = newCache("large")) {
      client.call("SET", "big", "x".repeat(100_000));

      JsonNode value = get("/api/caches/large/entries/big").json().get("value");

      assertThat(value.get("text").asText()).hasSize(64 * 1024);
      assertThat(value.get("bytes").asInt()).isEqualTo(100_000);
      assertThat(value.get("truncated").asBoolean()).isTrue();
    }
  }

  @Test
  void entry_hash_showsFieldsAndValues() {
    try (RespClient client = newCache("hashes")) {
      client.call("HSET", "session:1", "user", "ann", "cart", "3");

      JsonNode entry = get("/api/caches/hashes/entries/session%3A1").json();

      assertThat(entry.get("type").asText()).isEqualTo("hash");
      assertThat(entry.get("length").asInt()).isEqualTo(2);
      assertThat(entry.at("/fields/0/field/text").asText()).isEqualTo("user");
      assertThat(entry.at("/fields/0/value/text").asText()).isEqualTo("ann");
      assertThat(entry.at("/fields/1/field/text").asText()).isEqualTo("cart");
      assertThat(entry.get("truncated").asBoolean()).isFalse();
    }
  }

  @Test
  void entry_browsing_countsNoHitsOrMisses() {
    try (RespClient client = newCache("no-hits")) {
      client.call("SET", "k", "v");

      get("/api/caches/no-hits/entries");
      get("/api/caches/no-hits/entries/k");

      JsonNode stats = get("/api/caches/no-hits").json().get("stats");
      assertThat(stats.get("hits").asLong()).isZero();
      assertThat(stats.get("misses").asLong()).isZero();
    }
  }

  @Test
  void entry_delete_removesTheKeyThenIsNotFound() {
    try (RespClient client = newCache("deleting")) {
      client.call("SET", "doomed", "v");

      AdminHttp.Reply deleted =
          AdminHttp.to(server).bearer().call("DELETE", "/api/caches/deleting/entries/doomed", null);
      AdminHttp.Reply again =
          AdminHttp.to(server).bearer().call("DELETE", "/api/caches/deleting/entries/doomed", null);

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(client.call("EXISTS", "doomed")).isEqualTo(0L);
      assertThat(again.status()).isEqualTo(404);
      assertThat(get("/api/caches/deleting/entries/doomed").status()).isEqualTo(404);
    }
  }

  @Test
  void metrics_listsSamplesOfTheLast15Minutes() throws InterruptedException {
    try (RespClient client = newCache("charted")) {
      client.call("SET", "k", "v");

      JsonNode metrics = get("/api/caches/charted/metrics").json();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (metrics.get("samples").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        metrics = get("/api/caches/charted/metrics").json();
      }

      assertThat(metrics.get("intervalSeconds").asInt()).isEqualTo(5);
      assertThat(metrics.get("windowMinutes").asInt()).isEqualTo(15);
      assertThat(metrics.get("memoryQuota").asLong()).isEqualTo(256L * 1024 * 1024);
      assertThat(metrics.get("samples")).isNotEmpty();
      for (JsonNode sample : metrics.get("samples")) {
        assertThat(sample.fieldNames())
            .toIterable()
            .containsExactlyInAnyOrder(
                "at",
                "opsPerSecond",
                "hits",
                "misses",
                "usedMemory",
                "keys",
                "connectedClients",
                "evictedKeys",
                "expiredKeys");
      }
      assertThat(get("/api/caches/nope/metrics").status()).isEqualTo(404);
    }
  }
}
