package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRONGPASS =
      "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final TestServer server = TestServer.perClass();

  /** A response with its body parsed (null when empty). */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String detail() {
      return body.path("detail").asText();
    }
  }

  private static Reply call(TestServer on, String method, String path, String body, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.server().adminPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Reply(response.statusCode(), parsed, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Reply call(String method, String path, String body) {
    return call(server, method, path, body, TestServer.ADMIN_TOKEN);
  }

  private static Reply create(String body) {
    return call("POST", "/api/caches", body);
  }

  private static JsonNode keys(String cache) {
    Reply reply = call("GET", "/api/caches/" + cache + "/keys", null);
    assertThat(reply.status()).isEqualTo(200);
    return reply.body();
  }

  private static RespClient connect(TestServer on, String cache, String key) {
    RespClient client = on.connect();
    assertThat(client.call("AUTH", cache, key)).isEqualTo("OK");
    return client;
  }

  private static RespClient connect(String cache, String key) {
    return connect(server, cache, key);
  }

  private static void assertProblem(Reply reply, int status, String title) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(reply.body().get("type").asText()).isEqualTo("about:blank");
    assertThat(reply.body().get("title").asText()).isEqualTo(title);
    assertThat(reply.body().get("status").asInt()).isEqualTo(status);
    assertThat(reply.detail()).isNotBlank();
  }

  @Test
  void api_withoutToken_isUnauthorizedWithBearerChallenge() {
    Reply reply = call(server, "GET", "/api/caches", null, null);

    assertProblem(reply, 401, "Unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(reply.detail()).contains("Authorization: Bearer");
  }

  @Test
  void api_wrongToken_isUnauthorizedAndChangesNothing() {
    Reply reply = call(server, "POST", "/api/caches", "{\"name\":\"sneaky\"}", "wrong-token");

    assertProblem(reply, 401, "Unauthorized");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(call("GET", "/api/caches/sneaky", null).status()).isEqualTo(404);
  }

  @Test
  void health_withoutToken_isOk() {
    Reply reply = call(server, "GET", "/api/health", null, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void openApi_withoutToken_describesEveryPathWithSchemas() {
    Reply reply = call(server, "GET", "/api/openapi.json", null, null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("openapi").asText()).startsWith("3.0");
    List<String> paths = new ArrayList<>();
    reply.body().get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .containsExactlyInAnyOrder(
            "/api/health",
            "/api/openapi.json",
            "/api/caches",
            "/api/caches/{name}",
            "/api/caches/{name}/metrics",
            "/api/caches/{name}/entries",
            "/api/caches/{name}/entries/{key}",
            "/api/caches/{name}/keys",
            "/api/caches/{name}/keys/{slot}/regenerate");
    JsonNode operations = reply.body().get("paths");
    assertThat(operations.get("/api/caches").has("get")).isTrue();
    assertThat(operations.get("/api/caches").has("post")).isTrue();
    assertThat(operations.get("/api/caches/{name}").has("patch")).isTrue();
    assertThat(operations.get("/api/caches/{name}").has("delete")).isTrue();
    JsonNode schemas = reply.body().at("/components/schemas");
    assertThat(schemas.get("Cache").get("required").toString())
        .contains("connectionString", "memoryQuota", "stats");
    assertThat(schemas.has("CacheKeys")).isTrue();
    assertThat(schemas.has("Problem")).isTrue();
  }

  @Test
  void create_cache_answers201WithLocationAndCacheJson() {
    Reply reply =
        create(
            "{\"name\":\"shop\",\"memory\":\"64mb\",\"eviction\":\"allkeys-lru\","
                + "\"defaultTtl\":\"30m\",\"persistence\":true}");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Location")).isEqualTo("/api/caches/shop");
    assertThat(reply.header("Content-Type")).isEqualTo("application/json");
    JsonNode cache = reply.body();
    String primary = keys("shop").get("primary").asText();
    int port = server.port();
    assertThat(cache.get("name").asText()).isEqualTo("shop");
    assertThat(cache.get("status").asText()).isEqualTo("running");
    assertThat(cache.get("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(cache.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(cache.get("port").asInt()).isEqualTo(port);
    assertThat(cache.get("tls").asBoolean()).isFalse();
    assertThat(cache.get("endpoint").asText()).isEqualTo("redis://127.0.0.1:" + port);
    assertThat(cache.get("connectionString").asText())
        .isEqualTo("redis://shop:" + primary + "@127.0.0.1:" + port);
    assertThat(cache.get("memoryQuota").asLong()).isEqualTo(64L * 1024 * 1024);
    assertThat(cache.get("eviction").asText()).isEqualTo("allkeys-lru");
    assertThat(cache.get("defaultTtlSeconds").asLong()).isEqualTo(1800);
    assertThat(cache.get("persistence").asBoolean()).isTrue();
    JsonNode stats = cache.get("stats");
    for (String figure :
        List.of(
            "keys",
            "usedMemory",
            "hits",
            "misses",
            "connectedClients",
            "evictedKeys",
            "expiredKeys")) {
      assertThat(stats.get(figure).asLong()).as(figure).isZero();
    }
    assertThat(stats.get("opsPerSecond").isNumber()).isTrue();
  }

  @Test
  void create_onlyName_getsTheDefaults() {
    JsonNode cache = create("{\"name\":\"plain\"}").body();

    assertThat(cache.get("memoryQuota").asLong()).isEqualTo(256L * 1024 * 1024);
    assertThat(cache.get("eviction").asText()).isEqualTo("noeviction");
    assertThat(cache.get("defaultTtlSeconds").isNull()).isTrue();
    assertThat(cache.get("persistence").asBoolean()).isTrue();
  }

  @Test
  void createdCache_bothKeys_authenticateOverRespToThatCacheOnly() {
    create("{\"name\":\"both-keys\"}");
    JsonNode keys = keys("both-keys");

    try (RespClient primary = connect("both-keys", keys.get("primary").asText());
        RespClient secondary = connect("both-keys", keys.get("secondary").asText());
        RespClient other = server.connectAuthenticated()) {
      assertThat(primary.call("SET", "k", "v")).isEqualTo("OK");
      assertThat(secondary.call("GET", "k")).isEqualTo("v");
      assertThat(other.call("GET", "k")).isNull();
      assertThat(call("GET", "/api/caches/both-keys", null).body().at("/stats/keys").asLong())
          .isEqualTo(1);
      assertThat(
              call("GET", "/api/caches/both-keys", null)
                  .body()
                  .at("/stats/connectedClients")
                  .asInt())
          .isEqualTo(2);
    }
    assertThat(keys.get("primaryConnectionString").asText())
        .isEqualTo(
            "redis://both-keys:" + keys.get("primary").asText() + "@127.0.0.1:" + server.port());
    assertThat(keys.get("secondaryConnectionString").asText())
        .contains(keys.get("secondary").asText());
  }

  @Test
  void regeneratePrimary_closesItsConnectionsAndKeepsSecondaryWorking() {
    create("{\"name\":\"rotate\"}");
    JsonNode before = keys("rotate");
    String oldPrimary = before.get("primary").asText();

    try (RespClient usingPrimary = connect("rotate", oldPrimary);
        RespClient usingSecondary = connect("rotate", before.get("secondary").asText())) {
      Reply reply = call("POST", "/api/caches/rotate/keys/primary/regenerate", null);

      assertThat(reply.status()).isEqualTo(200);
      String newPrimary = reply.body().get("primary").asText();
      assertThat(newPrimary).isNotEqualTo(oldPrimary).hasSize(43);
      assertThat(reply.body().get("secondary").asText())
          .isEqualTo(before.get("secondary").asText());
      assertThat(usingPrimary.isClosedByServer(5000)).isTrue();
      assertThat(usingSecondary.call("SET", "still", "works")).isEqualTo("OK");
      try (RespClient late = server.connect()) {
        assertThat(late.callRaw("AUTH", "rotate", oldPrimary)).isEqualTo(WRONGPASS);
        assertThat(late.call("AUTH", "rotate", newPrimary)).isEqualTo("OK");
      }
    }
  }

  @Test
  void regenerateSecondary_closesOnlyItsConnections() {
    create("{\"name\":\"rotate-second\"}");
    JsonNode before = keys("rotate-second");

    try (RespClient usingPrimary = connect("rotate-second", before.get("primary").asText());
        RespClient usingSecondary = connect("rotate-second", before.get("secondary").asText())) {
      Reply reply = call("POST", "/api/caches/rotate-second/keys/secondary/regenerate", null);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().get("primary").asText()).isEqualTo(before.get("primary").asText());
      assertThat(usingSecondary.isClosedByServer(5000)).isTrue();
      assertThat(usingPrimary.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void regenerate_unknownSlot_isNotFound() {
    create("{\"name\":\"slots\"}");

    assertProblem(
        call("POST", "/api/caches/slots/keys/tertiary/regenerate", null), 404, "Not Found");
  }

  @Test
  void create_badNames_areBadRequestsNamingTheField() {
    for (String name : List.of("Shop", "-a", "a".repeat(64), "a_b")) {
      Reply reply = create("{\"name\":\"" + name + "\"}");

      assertProblem(reply, 400, "Bad Request");
      assertThat(reply.detail()).as(name).startsWith("name").contains("lowercase letters");
    }
    assertProblem(create("{}"), 400, "Bad Request");
    assertThat(create("{}").detail()).contains("name is required");
  }

  @Test
  void create_badSettings_areBadRequestsNamingTheFieldAndWhatIsAllowed() {
    Reply memory = create("{\"name\":\"bad-memory\",\"memory\":\"lots\"}");
    assertProblem(memory, 400, "Bad Request");
    assertThat(memory.detail()).startsWith("memory \"lots\"").contains("mb");

    Reply eviction = create("{\"name\":\"bad-eviction\",\"eviction\":\"lfu\"}");
    assertProblem(eviction, 400, "Bad Request");
    assertThat(eviction.detail()).startsWith("eviction \"lfu\"").contains("allkeys-lru");

    Reply ttl = create("{\"name\":\"bad-ttl\",\"defaultTtl\":\"soon\"}");
    assertProblem(ttl, 400, "Bad Request");
    assertThat(ttl.detail()).startsWith("defaultTtl").contains("30m");

    Reply unknown = create("{\"name\":\"bad-field\",\"size\":\"1gb\"}");
    assertProblem(unknown, 400, "Bad Request");
    assertThat(unknown.detail()).contains("'size'").contains("memory");

    Reply notJson = create("{\"name\":");
    assertProblem(notJson, 400, "Bad Request");
    assertThat(notJson.detail()).contains("not valid JSON");

    for (String name : List.of("bad-memory", "bad-eviction", "bad-ttl", "bad-field")) {
      assertThat(call("GET", "/api/caches/" + name, null).status()).isEqualTo(404);
    }
  }

  @Test
  void unknownCache_isNotFoundEverywhere() {
    assertProblem(call("GET", "/api/caches/nosuch", null), 404, "Not Found");
    assertProblem(call("PATCH", "/api/caches/nosuch", "{\"memory\":\"1gb\"}"), 404, "Not Found");
    assertProblem(call("DELETE", "/api/caches/nosuch", null), 404, "Not Found");
    assertProblem(call("GET", "/api/caches/nosuch/keys", null), 404, "Not Found");
    assertProblem(
        call("POST", "/api/caches/nosuch/keys/primary/regenerate", null), 404, "Not Found");
    assertThat(call("GET", "/api/caches/nosuch", null).detail()).contains("nosuch");
  }

  @Test
  void unknownPathAndMethod_areNotFoundAndMethodNotAllowed() {
    assertProblem(call("GET", "/api/nothing-here", null), 404, "Not Found");
    Reply put = call("PUT", "/api/caches", "{}");
    assertProblem(put, 405, "Method Not Allowed");
    assertThat(put.header("Allow")).isEqualTo("GET, POST");
  }

  @Test
  void create_existingName_isAConflict() {
    assertThat(create("{\"name\":\"twice\"}").status()).isEqualTo(201);

    Reply again = create("{\"name\":\"twice\"}");

    assertProblem(again, 409, "Conflict");
    assertThat(again.detail()).contains("twice").contains("already exists");
  }

  @Test
  void list_isSortedByName() {
    create("{\"name\":\"list-b\"}");
    create("{\"name\":\"list-a\"}");

    JsonNode caches = call("GET", "/api/caches", null).body().get("caches");

    List<String> names = new ArrayList<>();
    caches.forEach(cache -> names.add(cache.get("name").asText()));
    assertThat(names).isSorted().contains("default", "list-a", "list-b");
  }

  @Test
  void patch_settings_changesWhatWasGivenOnly() {
    create("{\"name\":\"patched\",\"defaultTtl\":90}");

    Reply changed =
        call(
            "PATCH",
            "/api/caches/patched",
            "{\"memory\":1073741824,\"eviction\":\"volatile-ttl\"}");

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("memoryQuota").asLong()).isEqualTo(1L << 30);
    assertThat(changed.body().get("eviction").asText()).isEqualTo("volatile-ttl");
    assertThat(changed.body().get("defaultTtlSeconds").asLong()).isEqualTo(90);

    Reply cleared = call("PATCH", "/api/caches/patched", "{\"defaultTtl\":null}");
    assertThat(cleared.body().get("defaultTtlSeconds").isNull()).isTrue();
    assertThat(cleared.body().get("memoryQuota").asLong()).isEqualTo(1L << 30);

    Reply rename = call("PATCH", "/api/caches/patched", "{\"name\":\"other\"}");
    assertProblem(rename, 400, "Bad Request");
    assertThat(rename.detail()).contains("name cannot be changed");
  }

  @Test
  void settings_applyToTheLiveCache() {
    create(
        "{\"name\":\"limits\",\"memory\":\"64mb\",\"eviction\":\"allkeys-lru\",\"defaultTtl\":\"30m\"}");
    String key = keys("limits").get("primary").asText();

    try (RespClient client = connect("limits", key)) {
      assertThat((String) client.call("INFO", "memory"))
          .contains("maxmemory:67108864\r\n", "maxmemory_policy:allkeys-lru\r\n");
      assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
      assertThat((Long) client.call("TTL", "k")).isBetween(1L, 1800L);

      call("PATCH", "/api/caches/limits", "{\"memory\":\"128mb\",\"eviction\":\"noeviction\"}");

      assertThat((String) client.call("INFO", "memory"))
          .contains("maxmemory:134217728\r\n", "maxmemory_policy:noeviction\r\n");
    }
  }

  @Test
  void delete_closesConnectionsDropsDataAndTheNameStartsEmptyAgain() {
    create("{\"name\":\"doomed\"}");
    String oldKey = keys("doomed").get("primary").asText();
    try (RespClient client = connect("doomed", oldKey)) {
      assertThat(client.call("SET", "k", "v")).isEqualTo("OK");

      Reply deleted = call("DELETE", "/api/caches/doomed", null);

      assertThat(deleted.status()).isEqualTo(204);
      assertThat(client.isClosedByServer(5000)).isTrue();
    }
    assertThat(call("GET", "/api/caches/doomed", null).status()).isEqualTo(404);
    try (RespClient late = server.connect()) {
      assertThat(late.callRaw("AUTH", "doomed", oldKey)).isEqualTo(WRONGPASS);
    }

    assertThat(create("{\"name\":\"doomed\"}").status()).isEqualTo(201);
    String newKey = keys("doomed").get("primary").asText();
    assertThat(newKey).isNotEqualTo(oldKey);
    try (RespClient client = connect("doomed", newKey)) {
      assertThat(client.call("GET", "k")).isNull();
      assertThat(client.call("DBSIZE")).isEqualTo(0L);
    }
  }

  @Test
  void restart_keepsCachesKeysSettingsAndData() {
    try (TestServer own = TestServer.start(Map.of())) {
      Reply created =
          call(
              own,
              "POST",
              "/api/caches",
              "{\"name\":\"durable\",\"memory\":\"32mb\",\"eviction\":\"volatile-lru\","
                  + "\"defaultTtl\":\"2h\"}",
              TestServer.ADMIN_TOKEN);
      assertThat(created.status()).isEqualTo(201);
      JsonNode keys =
          call(own, "GET", "/api/caches/durable/keys", null, TestServer.ADMIN_TOKEN).body();
      try (RespClient client = connect(own, "durable", keys.get("primary").asText())) {
        assertThat(client.call("SET", "k", "v")).isEqualTo("OK");
      }

      own.restart();

      JsonNode cache = call(own, "GET", "/api/caches/durable", null, TestServer.ADMIN_TOKEN).body();
      assertThat(cache.get("memoryQuota").asLong()).isEqualTo(32L * 1024 * 1024);
      assertThat(cache.get("eviction").asText()).isEqualTo("volatile-lru");
      assertThat(cache.get("defaultTtlSeconds").asLong()).isEqualTo(7200);
      assertThat(cache.get("createdAt")).isEqualTo(created.body().get("createdAt"));
      JsonNode keysAfter =
          call(own, "GET", "/api/caches/durable/keys", null, TestServer.ADMIN_TOKEN).body();
      assertThat(keysAfter.get("primary")).isEqualTo(keys.get("primary"));
      assertThat(keysAfter.get("secondary")).isEqualTo(keys.get("secondary"));
      try (RespClient client = connect(own, "durable", keys.get("secondary").asText())) {
        assertThat(client.call("GET", "k")).isEqualTo("v");
      }
    }
  }
}
