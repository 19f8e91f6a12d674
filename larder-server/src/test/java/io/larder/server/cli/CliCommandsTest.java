package io.larder.server.cli;

import static io.larder.server.cli.FakeAdminApi.cacheJson;
import static io.larder.server.cli.FakeAdminApi.keysJson;
import static io.larder.server.cli.FakeAdminApi.problemJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every {@code larder cache} command against a fake admin API: the request sent, the output. */
class CliCommandsTest {
  private static final String TOKEN = "fake-admin-token";
  private static final String PRIMARY = "primary-key-of-shop-0123456789abcdef";
  private static final String SECONDARY = "secondary-key-of-shop-0123456789abcdef";

  private final FakeAdminApi api = FakeAdminApi.start();
  private final Map<String, String> env =
      Map.of("LARDER_ADMIN_URL", api.url(), "LARDER_ADMIN_TOKEN", TOKEN);

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void create_everyOption_postsTheSettingsAndPrintsTheCacheWithItsKeyMasked() throws IOException {
    api.answer("POST /api/caches", 201, cacheJson("shop", PRIMARY));

    CliRun run =
        run(
            "cache",
            "create",
            "shop",
            "--memory",
            "256mb",
            "--eviction=allkeys-lru",
            "--default-ttl",
            "30m",
            "--no-persistence");

    assertThat(run.status()).as(run.err()).isZero();
    FakeAdminApi.Request request = api.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/caches");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(new ObjectMapper().readTree(request.body()))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "{\"name\":\"shop\",\"memory\":\"256mb\",\"eviction\":\"allkeys-lru\","
                        + "\"defaultTtl\":\"30m\",\"persistence\":false}"));
    assertThat(run.out())
        .startsWith("Created cache 'shop'.\nName:               shop\n")
        .contains("Connection string:  redis://shop:****@127.0.0.1:6380  (--show-keys to reveal)")
        .contains("Memory:             1.5 MB used of 256 MB\n")
        .contains("Default TTL:        30m\n")
        .endsWith("Its access keys: ./larder cache keys shop\n")
        .doesNotContain(PRIMARY);
  }

  @Test
  void create_nameOnly_sendsOnlyTheName() throws IOException {
    api.answer("POST /api/caches", 201, cacheJson("shop", PRIMARY));

    CliRun run = run("cache", "create", "shop");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(new ObjectMapper().readTree(api.requests().get(0).body()))
        .isEqualTo(new ObjectMapper().readTree("{\"name\":\"shop\"}"));
  }

  @Test
  void create_existingName_printsTheProblemDetailAndExitsOne() {
    api.answer(
        "POST /api/caches", 409, problemJson(409, "Conflict", "a cache named 'shop' exists"));

    CliRun run = run("cache", "create", "shop");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("larder: a cache named 'shop' exists\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void create_badSetting_printsTheProblemDetailAndExitsOne() {
    String detail = "invalid memory 'lots': expected a size such as 256mb";
    api.answer("POST /api/caches", 400, problemJson(400, "Bad Request", detail));

    CliRun run = run("cache", "create", "shop", "--memory", "lots");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("larder: " + detail + "\n");
  }

  @Test
  void list_twoCaches_printsOneAlignedRowEach() {
    api.answer(
        "GET /api/caches",
        200,
        "{\"caches\":["
            + cacheJson("default", PRIMARY)
            + ","
            + cacheJson("shop", PRIMARY).replace("\"keys\":1234", "\"keys\":0")
            + "]}");

    CliRun run = run("cache", "list");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            NAME     STATUS   KEYS  MEMORY         OPS/S  CLIENTS  ENDPOINT
            default  running  1234  1.5 MB/256 MB  12.5   3        redis://127.0.0.1:6380
            shop     running  0     1.5 MB/256 MB  12.5   3        redis://127.0.0.1:6380
            """);
  }

  @Test
  void list_noCaches_saysHowToCreateOne() {
    api.answer("GET /api/caches", 200, "{\"caches\":[]}");

    CliRun run = run("cache", "list");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("No caches. Create one with: ./larder cache create NAME\n");
  }

  @Test
  void list_json_printsTheApisAnswerPretty() throws IOException {
    String answer = "{\"caches\":[" + cacheJson("shop", PRIMARY) + "]}";
    api.answer("GET /api/caches", 200, answer);

    CliRun run = run("cache", "list", "--json");

    assertThat(run.status()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()))
        .isEqualTo(new ObjectMapper().readTree(answer));
    assertThat(run.out()).startsWith("{\n  \"caches\": [\n    {\n      \"name\": \"shop\",\n");
  }

  @Test
  void show_default_printsEveryFieldWithTheKeyMasked() {
    api.answer("GET /api/caches/shop", 200, cacheJson("shop", PRIMARY));

    CliRun run = run("cache", "show", "shop");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            Name:               shop
            Status:             running
            Created:            2026-11-24T04:50:00Z
            Endpoint:           redis://127.0.0.1:6380
            Connection string:  redis://shop:****@127.0.0.1:6380  (--show-keys to reveal)
            TLS:                no
            Memory:             1.5 MB used of 256 MB
            Eviction:           allkeys-lru
            Default TTL:        30m
            Persistence:        yes
            Keys:               1234
            Ops/s:              12.5
            Hits:               900
            Misses:             100
            Clients:            3
            Evicted keys:       7
            Expired keys:       11
            """);
  }

  @Test
  void show_showKeys_printsTheConnectionStringWithItsKey() {
    api.answer("GET /api/caches/shop", 200, cacheJson("shop", PRIMARY));

    CliRun run = run("cache", "show", "shop", "--show-keys");

    assertThat(run.out())
        .contains("Connection string:  redis://shop:" + PRIMARY + "@127.0.0.1:6380\n");
  }

  @Test
  void show_json_printsTheApisAnswerUnmasked() throws IOException {
    api.answer("GET /api/caches/shop", 200, cacheJson("shop", PRIMARY));

    CliRun run = run("cache", "show", "shop", "--json");

    assertThat(new ObjectMapper().readTree(run.out()))
        .isEqualTo(new ObjectMapper().readTree(cacheJson("shop", PRIMARY)));
  }

  @Test
  void show_unknownCache_printsTheProblemDetailAndExitsOne() {
    api.answer("GET /api/caches/nope", 404, problemJson(404, "Not Found", "no cache named 'nope'"));

    CliRun run = run("cache", "show", "nope");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("larder: no cache named 'nope'\n");
  }

  @Test
  void show_nameWithReservedCharacters_isPercentEncodedInThePath() {
    run("cache", "show", "a b/c");
    run("cache", "show", "..");

    assertThat(api.requests())
        .extracting(FakeAdminApi.Request::path)
        .containsExactly("/api/caches/a%20b%2Fc", "/api/caches/%2E%2E");
  }

  @Test
  void keys_printsBothKeysAndBothConnectionStrings() {
    api.answer("GET /api/caches/shop/keys", 200, keysJson("shop", PRIMARY, SECONDARY));

    CliRun run = run("cache", "keys", "shop");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "Primary key:                  "
                + PRIMARY
                + "\nSecondary key:                "
                + SECONDARY
                + "\nPrimary connection string:    redis://shop:"
                + PRIMARY
                + "@127.0.0.1:6380\nSecondary connection string:  redis://shop:"
                + SECONDARY
                + "@127.0.0.1:6380\n");
  }

  @Test
  void regenerate_secondary_postsToItsKeyAndPrintsTheNewKeys() {
    api.answer(
        "POST /api/caches/shop/keys/secondary/regenerate",
        200,
        keysJson("shop", PRIMARY, "new-secondary-key-0123456789abcdef"));

    CliRun run = run("cache", "regenerate", "shop", "secondary");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(api.requests()).extracting(FakeAdminApi.Request::method).containsExactly("POST");
    assertThat(run.out())
        .startsWith(
            "Regenerated the secondary key of cache 'shop'; connections that used the old key"
                + " were closed.\n")
        .contains("Secondary key:                new-secondary-key-0123456789abcdef\n");
  }

  @Test
  void regenerate_neitherPrimaryNorSecondary_isAUsageErrorAndSendsNothing() {
    CliRun run = run("cache", "regenerate", "shop", "tertiary");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("larder: which key to regenerate: primary or secondary, not 'tertiary'\n");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void delete_yes_deletesWithoutAskingAndSaysSo() {
    api.answer("DELETE /api/caches/shop", 204, "application/json", "");

    CliRun run = run("cache", "delete", "shop", "--yes");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(api.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE /api/caches/shop");
    assertThat(run.out()).isEqualTo("Deleted cache 'shop'.\n");
  }

  @Test
  void delete_yesAndJson_printsNothing() {
    api.answer("DELETE /api/caches/shop", 204, "application/json", "");

    CliRun run = run("cache", "delete", "shop", "--yes", "--json");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void delete_noTerminalWithoutYes_refusesWithExitTwoAndSendsNothing() {
    CliRun run = run("cache", "delete", "shop");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("give --yes");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void delete_terminalUserTypesTheName_deletes() {
    api.answer("GET /api/caches/shop", 200, cacheJson("shop", PRIMARY));
    api.answer("DELETE /api/caches/shop", 204, "application/json", "");

    CliRun run = CliRun.run(env, CliRun.typing("shop"), "cache", "delete", "shop");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(api.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET /api/caches/shop", "DELETE /api/caches/shop");
  }

  @Test
  void delete_terminalUserTypesAnotherName_keepsTheCacheAndExitsOne() {
    api.answer("GET /api/caches/shop", 200, cacheJson("shop", PRIMARY));

    CliRun run = CliRun.run(env, CliRun.typing("sho"), "cache", "delete", "shop");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("larder: cache 'shop' not deleted: the name typed did not match\n");
    assertThat(api.requests()).extracting(FakeAdminApi.Request::method).containsExactly("GET");
  }

  @Test
  void delete_terminalButUnknownCache_reportsItBeforeAsking() {
    api.answer("GET /api/caches/nope", 404, problemJson(404, "Not Found", "no cache named 'nope'"));

    CliRun run = CliRun.run(env, CliRun.UNASKED_USER, "cache", "delete", "nope");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("larder: no cache named 'nope'\n");
  }

  @Test
  void anyCommand_wrongToken_printsTheDetailAndWhereTheTokenCameFrom() {
    api.answer(
        "GET /api/caches", 401, problemJson(401, "Unauthorized", "missing or wrong admin token"));

    CliRun run = run("cache", "list");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "larder: missing or wrong admin token\n"
                + "The admin token came from the environment variable LARDER_ADMIN_TOKEN;");
  }

  @Test
  void anyCommand_answerThatIsNoProblem_namesTheStatus() {
    api.answer("GET /api/caches", 502, "text/html", "<html>Bad Gateway</html>");

    CliRun run = run("cache", "list");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("larder: the admin API at " + api.url() + " answered HTTP 502\n");
  }

  @Test
  void anyCommand_connectionClosedWithoutAnswer_saysSoWithoutSuggestingAStart() {
    api.hangUp("GET /api/caches");

    CliRun run = run("cache", "list");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("larder: no answer from the admin API at " + api.url() + ": ")
        .doesNotContain("./larder start");
  }

  @Test
  void anyCommand_nothingListening_namesTheUrlAndSuggestsStartingTheServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    CliRun run =
        CliRun.run(
            Map.of("LARDER_ADMIN_TOKEN", TOKEN),
            CliRun.NO_TERMINAL,
            "cache",
            "list",
            "--admin-port",
            Integer.toString(port));

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "larder: cannot reach the Larder admin API at http://127.0.0.1:"
                + port
                + " (connection refused). Is the server running? Start it with './larder start',"
                + " or give its address with --url or --admin-port.\n");
  }

  private CliRun run(String... args) {
    return CliRun.run(env, CliRun.NO_TERMINAL, args);
  }
}
