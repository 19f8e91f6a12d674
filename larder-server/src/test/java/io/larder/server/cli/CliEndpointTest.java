package io.larder.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code larder cache} finds the admin API and its token. */
class CliEndpointTest {
  private static final Map<String, String> TOKEN_ENV = Map.of("LARDER_ADMIN_TOKEN", "env-token");

  @TempDir Path dataDir;

  @Test
  void resolve_urlOption_beatsTheEnvironmentAndAdminPort() {
    AdminEndpoint endpoint =
        resolve(
            Map.of("LARDER_ADMIN_URL", "http://env:1", "LARDER_ADMIN_TOKEN", "t"),
            "--url",
            "https://cache.example.com:8443/",
            "--admin-port",
            "9000");

    assertThat(endpoint.url()).isEqualTo(URI.create("https://cache.example.com:8443"));
  }

  @Test
  void resolve_urlVariable_beatsTheAdminPort() {
    AdminEndpoint endpoint =
        resolve(
            Map.of("LARDER_ADMIN_URL", "http://env:1", "LARDER_ADMIN_TOKEN", "t"),
            "--admin-port",
            "9000");

    assertThat(endpoint.url()).isEqualTo(URI.create("http://env:1"));
  }

  @Test
  void resolve_nothingGiven_isTheDefaultAdminPortOnLoopback() {
    assertThat(resolve(TOKEN_ENV).url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void resolve_adminPortOption_beatsTheServersVariable() {
    Map<String, String> env = Map.of("LARDER_ADMIN_TOKEN", "t", "LARDER_ADMIN_PORT", "9001");

    assertThat(resolve(env).url()).isEqualTo(URI.create("http://127.0.0.1:9001"));
    assertThat(resolve(env, "--admin-port", "9002").url())
        .isEqualTo(URI.create("http://127.0.0.1:9002"));
  }

  @Test
  void resolve_serversConfigurationFile_givesPortAndBind() throws IOException {
    Path config = dataDir.resolve("larder.properties");
    Files.writeString(config, "admin-port=9003\nbind=10.1.2.3\n");

    assertThat(resolve(TOKEN_ENV, "--config", config.toString()).url())
        .isEqualTo(URI.create("http://10.1.2.3:9003"));
  }

  @Test
  void resolve_serverBoundToEveryAddress_connectsToLoopback() {
    Map<String, String> env = Map.of("LARDER_ADMIN_TOKEN", "t", "LARDER_BIND", "0.0.0.0");

    assertThat(resolve(env).url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
  }

  @Test
  void resolve_invalidAdminPort_namesTheSettingAndWhereItCameFrom() {
    assertThatThrownBy(() -> resolve(TOKEN_ENV, "--admin-port", "eighty"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(
            "invalid value 'eighty' for setting 'admin-port' (from the flag --admin-port)");
  }

  @Test
  void resolve_adminPortZero_asksForThePortItPicked() {
    assertThatThrownBy(() -> resolve(TOKEN_ENV, "--admin-port", "0"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("give the port it printed with --admin-port");
  }

  @Test
  void resolve_urlThatIsNoHttpUrl_isRefused() {
    assertThatThrownBy(() -> resolve(TOKEN_ENV, "--url", "redis://127.0.0.1:6380"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "invalid admin API URL 'redis://127.0.0.1:6380' (from the option --url):"
                + " expected http://HOST:PORT or https://HOST:PORT");
  }

  @Test
  void resolve_tokenOption_beatsTheVariableAndTheFile() throws IOException {
    Files.writeString(dataDir.resolve("admin.token"), "file-token\n");

    AdminEndpoint endpoint =
        resolve(TOKEN_ENV, "--token", "option-token", "--data-dir", dataDir.toString());

    assertThat(endpoint.token()).isEqualTo("option-token");
    assertThat(endpoint.tokenSource()).isEqualTo("the option --token");
  }

  @Test
  void resolve_tokenVariable_beatsTheFile() throws IOException {
    Files.writeString(dataDir.resolve("admin.token"), "file-token\n");

    AdminEndpoint endpoint = resolve(TOKEN_ENV, "--data-dir", dataDir.toString());

    assertThat(endpoint.token()).isEqualTo("env-token");
    assertThat(endpoint.tokenSource()).isEqualTo("the environment variable LARDER_ADMIN_TOKEN");
  }

  @Test
  void resolve_noTokenGiven_readsTheDataDirectorysTokenFile() throws IOException {
    Files.writeString(dataDir.resolve("admin.token"), "file-token\n");

    AdminEndpoint endpoint = resolve(Map.of("LARDER_DATA_DIR", dataDir.toString()));

    assertThat(endpoint.token()).isEqualTo("file-token");
    assertThat(endpoint.tokenSource()).isEqualTo("the file " + dataDir.resolve("admin.token"));
  }

  @Test
  void resolve_noTokenAnywhere_namesTheFileAndTheAlternatives() {
    assertThatThrownBy(() -> resolve(Map.of(), "--data-dir", dataDir.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "no admin token: "
                + dataDir.resolve("admin.token")
                + " does not exist. Give --token, set LARDER_ADMIN_TOKEN, or point --data-dir at"
                + " the server's data directory");
  }

  @Test
  void toString_neverShowsTheToken() {
    assertThat(resolve(TOKEN_ENV).toString()).doesNotContain("env-token");
  }

  private static AdminEndpoint resolve(Map<String, String> env, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "cache";
    args[1] = "list";
    System.arraycopy(options, 0, args, 2, options.length);
    return AdminEndpoint.resolve(CliArguments.parse(args), env);
  }
}
