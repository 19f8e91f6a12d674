package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.config.ConfigException;
import io.larder.server.config.ServerConfig;
import io.larder.server.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line, for every path that ends before a server starts (see LauncherIT for those). */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_help_listsEverySettingAndExitsZero() {
    int status = run(Map.of(), "--help");

    assertThat(status).isZero();
    for (Setting<?> setting : ServerConfig.SETTINGS) {
      assertThat(out())
          .contains("--" + setting.name())
          .contains(setting.description())
          .contains(setting.environmentVariable());
    }
    assertThat(out()).contains("LARDER_DEFAULT_KEY", "LARDER_ADMIN_TOKEN", "LARDER_CONFIG");
    assertThat(err()).isEmpty();
  }

  @Test
  void run_startWithHelpFlag_printsUsageWithoutStarting() {
    int status = run(Map.of(), "start", "--port", "abc", "--help");

    assertThat(status).isZero();
    assertThat(out()).startsWith("Usage: larder start");
  }

  @Test
  void run_noArguments_printsUsageToStderrAndExitsTwo() {
    int status = run(Map.of());

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("Usage: larder start");
    assertThat(out()).isEmpty();
  }

  @Test
  void run_unknownSubcommand_exitsTwo() {
    int status = run(Map.of(), "stop");

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("larder: unknown command 'stop'").contains("Usage: larder start");
  }

  @Test
  void run_badFlagValue_exitsTwoNamingTheSetting() {
    int status = run(Map.of(), "start", "--port", "abc");

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .startsWith(
            "larder: invalid value 'abc' for setting 'port' (from the flag --port):"
                + " expected an integer from 0 to 65535")
        .contains("larder --help");
  }

  @Test
  void run_badEnvironmentValue_exitsTwoNamingTheVariable() {
    int status = run(Map.of("LARDER_APPENDFSYNC", "sometimes"), "start");

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("'appendfsync' (from the environment variable LARDER_APPENDFSYNC)")
        .contains("expected one of: always, everysec, no");
  }

  @Test
  void run_unknownFlag_exitsTwoNamingIt() {
    int status = run(Map.of(), "start", "--prot", "6390");

    assertThat(status).isEqualTo(2);
    assertThat(err()).startsWith("larder: unknown setting 'prot' (from the flag --prot)");
  }

  @Test
  void run_shortDefaultKey_exitsTwoWithoutEchoingIt() {
    int status = run(Map.of("LARDER_DEFAULT_KEY", "tooshort"), "start", "--port", "0");

    assertThat(status).isEqualTo(2);
    assertThat(err())
        .contains("invalid value for LARDER_DEFAULT_KEY: an access key needs at least 16")
        .doesNotContain("tooshort");
  }

  @Test
  void parseFlags_spaceAndEqualsForms_giveNameValuePairs() {
    Map<String, String> flags =
        Main.parseFlags(new String[] {"start", "--port", "6390", "--bind=0.0.0.0", "--help"});

    assertThat(flags)
        .containsExactly(
            Map.entry("port", "6390"), Map.entry("bind", "0.0.0.0"), Map.entry("help", ""));
  }

  @Test
  void parseFlags_flagFollowedByFlag_reportsMissingValue() {
    assertThatThrownBy(() -> Main.parseFlags(new String[] {"start", "--port", "--bind", "x"}))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the flag --port needs a value");
  }

  @Test
  void parseFlags_lastFlagWithoutValue_reportsMissingValue() {
    assertThatThrownBy(() -> Main.parseFlags(new String[] {"start", "--data-dir"}))
        .isInstanceOf(ConfigException.class)
        .hasMessage("the flag --data-dir needs a value");
  }

  @Test
  void parseFlags_bareWord_isRefused() {
    assertThatThrownBy(() -> Main.parseFlags(new String[] {"start", "6390"}))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unexpected argument '6390'; settings are given as --name value");
  }

  @Test
  void urlHost_wildcardOrIpv6_givesUsableUrlHost() {
    assertThat(Main.urlHost("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(Main.urlHost("0.0.0.0")).isEqualTo("localhost");
    assertThat(Main.urlHost("::")).isEqualTo("localhost");
    assertThat(Main.urlHost("::1")).isEqualTo("[::1]");
    assertThat(Main.urlHost("[::1]")).isEqualTo("[::1]");
    assertThat(Main.urlHost("cache.example.com")).isEqualTo("cache.example.com");
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
