package io.larder.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code larder cache …} against a real in-process server: the CLI finds the admin API from {@code
 * --admin-port} alone, and the keys it prints open the cache over RESP.
 */
class CliIT {
  private final TestServer server = TestServer.start();
  private final Map<String, String> env = Map.of("LARDER_ADMIN_TOKEN", TestServer.ADMIN_TOKEN);

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void create_thenKeys_printsKeysThatAuthenticateToTheNewCache() throws IOException {
    CliRun create = cli("create", "shop", "--memory", "64mb", "--default-ttl", "30m");
    assertThat(create.status()).as(create.err()).isZero();
    assertThat(create.out())
        .startsWith("Created cache 'shop'.\n")
        .contains("Memory:             0 B used of 64 MB\n")
        .contains("Default TTL:        30m\n");

    JsonNode keys = json(cli("keys", "shop", "--json"));
    CliRun human = cli("keys", "shop");

    assertThat(human.out())
        .contains("Primary key:                  " + keys.get("primary").asText() + "\n")
        .contains(keys.get("secondaryConnectionString").asText());
    assertThat(authenticate("shop", keys.get("primary").asText())).isEqualTo("OK");
    assertThat(authenticate("shop", keys.get("secondary").asText())).isEqualTo("OK");
    assertThat(create.out()).doesNotContain(keys.get("primary").asText());
  }

  @Test
  void list_afterCreate_showsTheNewCacheAndDefault() {
    cli("create", "shop");

    CliRun list = cli("list");

    assertThat(list.status()).as(list.err()).isZero();
    assertThat(list.out())
        .startsWith("NAME     STATUS   KEYS  MEMORY")
        .containsPattern("\ndefault +running +")
        .containsPattern("\nshop +running +0 +");
  }

  @Test
  void regenerate_primary_newKeyOpensTheCacheAndTheOldOneNoLonger() throws IOException {
    cli("create", "shop");
    String old = json(cli("keys", "shop", "--json")).get("primary").asText();

    CliRun regenerate = cli("regenerate", "shop", "primary", "--json");

    assertThat(regenerate.status()).as(regenerate.err()).isZero();
    String fresh = json(regenerate).get("primary").asText();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(authenticate("shop", fresh)).isEqualTo("OK");
    assertThat(authenticate("shop", old)).isInstanceOf(RespClient.Error.class);
  }

  @Test
  void delete_yes_removesTheCacheForTheApiAndForResp() throws IOException {
    cli("create", "shop");
    String key = json(cli("keys", "shop", "--json")).get("primary").asText();

    CliRun delete = cli("delete", "shop", "--yes");
    CliRun show = cli("show", "shop");

    assertThat(delete.status()).as(delete.err()).isZero();
    assertThat(delete.out()).isEqualTo("Deleted cache 'shop'.\n");
    assertThat(show.status()).isEqualTo(1);
    assertThat(show.err()).startsWith("larder: ").contains("shop");
    assertThat(authenticate("shop", key)).isInstanceOf(RespClient.Error.class);
  }

  @Test
  void create_badMemory_printsTheServersDetailAndExitsOne() {
    CliRun create = cli("create", "shop", "--memory", "lots");

    assertThat(create.status()).isEqualTo(1);
    assertThat(create.err()).startsWith("larder: ").contains("lots").doesNotContain("{");
  }

  @Test
  void anyCommand_wrongToken_exitsOneSayingWhereTheTokenCameFrom() {
    CliRun list =
        CliRun.run(
            Map.of("LARDER_ADMIN_TOKEN", "not-the-admin-token"),
            CliRun.NO_TERMINAL,
            "cache",
            "list",
            "--admin-port",
            Integer.toString(server.server().adminPort()));

    assertThat(list.status()).isEqualTo(1);
    assertThat(list.err())
        .startsWith("larder: ")
        .contains("The admin token came from the environment variable LARDER_ADMIN_TOKEN");
  }

  private CliRun cli(String... words) {
    String[] args = new String[words.length + 3];
    args[0] = "cache";
    System.arraycopy(words, 0, args, 1, words.length);
    args[words.length + 1] = "--admin-port";
    args[words.length + 2] = Integer.toString(server.server().adminPort());
    return CliRun.run(env, CliRun.NO_TERMINAL, args);
  }

  private static JsonNode json(CliRun run) throws IOException {
    assertThat(run.status()).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out());
  }

  private Object authenticate(String cache, String key) {
    try (RespClient client = server.connect()) {
      return client.call("AUTH", cache, key);
    }
  }
}
