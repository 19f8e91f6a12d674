package io.larder.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.persist.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void load_noSources_givesDefaults() {
    ServerConfig config = ConfigLoader.load(Map.of(), Map.of());

    assertThat(config.port()).isEqualTo(6380);
    assertThat(config.adminPort()).isEqualTo(8080);
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.appendOnly()).isTrue();
    assertThat(config.appendFsync()).isEqualTo(FsyncPolicy.EVERYSEC);
    assertThat(config.rewriteMinSize()).isEqualTo(64L << 20);
    assertThat(config.maxClients()).isEqualTo(10_000);
    assertThat(config.maxBulkLength()).isEqualTo(512L << 20);
    assertThat(config.maxArrayLength()).isEqualTo(1_048_576);
    assertThat(config.maxInlineLength()).isEqualTo(64 << 10);
    assertThat(config.clientOutputBufferLimit()).isEqualTo(256L << 20);
    assertThat(config.activeExpireInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void load_settingInSeveralSources_highestPrecedenceWins() throws IOException {
    Path file = write("port=1001\nmaxclients=11\nbind=0.0.0.0\n");

    ServerConfig config =
        ConfigLoader.load(
            Map.of("config", file.toString(), "port", "1003"),
            Map.of("LARDER_PORT", "1002", "LARDER_MAXCLIENTS", "22"));

    assertThat(config.port()).as("flag over env over file").isEqualTo(1003);
    assertThat(config.maxClients()).as("env over file").isEqualTo(22);
    assertThat(config.bind()).as("file over default").isEqualTo("0.0.0.0");
    assertThat(config.adminPort()).as("default").isEqualTo(8080);
  }

  @Test
  void load_configFileFromEnvironment_isRead() throws IOException {
    Path file = write("appendfsync = always\n# a comment\nappendonly: no\n");

    ServerConfig config = ConfigLoader.load(Map.of(), Map.of("LARDER_CONFIG", file.toString()));

    assertThat(config.appendFsync()).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(config.appendOnly()).isFalse();
  }

  @Test
  void load_configFlagAndEnvironment_flagNamesTheFile() throws IOException {
    Path fromFlag = write("maxclients=5\n");
    Path fromEnv = Files.writeString(dir.resolve("other.properties"), "maxclients=6\n");

    ServerConfig config =
        ConfigLoader.load(
            Map.of("config", fromFlag.toString()), Map.of("LARDER_CONFIG", fromEnv.toString()));

    assertThat(config.maxClients()).isEqualTo(5);
  }

  @Test
  void load_unrelatedLarderVariables_areIgnored() {
    ServerConfig config =
        ConfigLoader.load(
            Map.of(),
            Map.of(
                "LARDER_DEFAULT_KEY", "k".repeat(20), "LARDER_JAVA_OPTS", "-Xmx1g", "HOME", "/"));

    assertThat(config.port()).isEqualTo(6380);
  }

  @Test
  void load_portNotANumber_namesSettingValueSourceAndRange() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("port", "abc"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value 'abc' for setting 'port' (from the flag --port):"
                + " expected an integer from 0 to 65535");
  }

  @Test
  void load_portOutOfRange_namesSettingValueSourceAndRange() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("port", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value '70000' for setting 'port' (from the flag --port):"
                + " expected an integer from 0 to 65535");
  }

  @Test
  void load_unknownFsyncPolicy_listsThePolicies() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("appendfsync", "sometimes"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value 'sometimes' for setting 'appendfsync' (from the flag --appendfsync):"
                + " expected one of: always, everysec, no");
  }

  @Test
  void load_badSizeUnit_namesRangeInUnitsAndSyntax() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("proto-max-bulk-len", "12xb"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value '12xb' for setting 'proto-max-bulk-len' (from the flag"
                + " --proto-max-bulk-len): expected a size from 1mb to 2147483639 bytes:"
                + " a number with an optional unit b, kb, mb or gb");
  }

  @Test
  void load_sizeWithoutUpperBoundTooSmall_saysAtLeast() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("client-output-buffer-limit", "1kb"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith(
            "expected a size of at least 64kb: a number with an optional unit b, kb, mb or gb");
  }

  @Test
  void load_badBoolean_saysYesOrNo() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("appendonly", "maybe"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value 'maybe' for setting 'appendonly' (from the flag --appendonly):"
                + " expected yes or no");
  }

  @Test
  void load_durationOutOfRange_namesRangeInUnits() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("active-expire-interval", "5ms"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value '5ms' for setting 'active-expire-interval' (from the flag"
                + " --active-expire-interval): expected a duration from 10ms to 1h:"
                + " a number with an optional unit ms, s, m, h or d (plain numbers are seconds)");
  }

  @Test
  void load_badHost_saysWhatAHostLooksLike() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("bind", "local host"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value 'local host' for setting 'bind' (from the flag --bind):"
                + " expected a host name or IP address, such as 127.0.0.1 or 0.0.0.0");
  }

  @Test
  void load_emptyDataDir_isRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("data-dir", " "), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value ' ' for setting 'data-dir' (from the flag --data-dir):"
                + " expected a directory path, such as ./data");
  }

  @Test
  void load_argumentCountWithSizeUnit_isRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("max-multibulk-len", "1kb"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("expected an integer from 1024 to 2147483647");
  }

  @Test
  void load_badValueInEnvironment_namesTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("LARDER_MAXCLIENTS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value '0' for setting 'maxclients' (from the environment variable"
                + " LARDER_MAXCLIENTS): expected an integer from 1 to 1000000");
  }

  @Test
  void load_badValueInFile_namesTheFile() throws IOException {
    Path file = write("io-threads=none\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "invalid value 'none' for setting 'io-threads' (from the file "
                + file
                + "): expected an integer from 1 to 256");
  }

  @Test
  void load_unknownSettingInFile_namesItAndListsTheSettings() throws IOException {
    Path file = write("prot=6390\n");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("config", file.toString()), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "unknown setting 'prot' (from the file " + file + "); the settings are: port, ")
        .hasMessageContainingAll(
            ServerConfig.SETTINGS.stream().map(Setting::name).toArray(String[]::new));
  }

  @Test
  void load_unknownFlag_namesIt() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("maxmemory", "1gb"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown setting 'maxmemory' (from the flag --maxmemory)");
  }

  @Test
  void load_missingConfigFile_namesFileAndWhoNamedIt() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of(), Map.of("LARDER_CONFIG", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "cannot read the configuration file "
                + missing
                + " (from the environment variable LARDER_CONFIG): no such file");
  }

  @Test
  void load_portEqualsAdminPort_isRefusedNamingBothSources() {
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("port", "7000"), Map.of("LARDER_ADMIN_PORT", "7000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "settings 'port' (from the flag --port) and 'admin-port' (from the environment"
                + " variable LARDER_ADMIN_PORT) are both 7000: they must differ");
  }

  @Test
  void load_bothPortsZero_isAllowed() {
    ServerConfig config = ConfigLoader.load(Map.of("port", "0", "admin-port", "0"), Map.of());

    assertThat(config.port()).isZero();
    assertThat(config.adminPort()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "1024, 1024",
    "1k, 1024",
    "64kb, 65536",
    "64KB, 65536",
    "'64 kb', 65536",
    "3m, 3145728",
    "3mb, 3145728",
    "2g, 2147483648",
    "2gb, 2147483648",
    "' 5mb ', 5242880"
  })
  void load_sizeSyntax_givesBytes(String text, long bytes) {
    ServerConfig config = ConfigLoader.load(Map.of("auto-aof-rewrite-min-size", text), Map.of());

    assertThat(config.rewriteMinSize()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.5mb", "-1kb", "mb", "1tb", "99999999999999gb", "1023"})
  void load_badSize_isRefused(String text) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("auto-aof-rewrite-min-size", text), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("for setting 'auto-aof-rewrite-min-size'")
        .hasMessageEndingWith(
            "expected a size of at least 1kb: a number with an optional unit b, kb, mb or gb");
  }

  @ParameterizedTest
  @CsvSource({"10ms, 10", "500ms, 500", "2, 2000", "2s, 2000", "5m, 300000", "1h, 3600000"})
  void load_durationSyntax_givesDuration(String text, long millis) {
    ServerConfig config = ConfigLoader.load(Map.of("active-expire-interval", text), Map.of());

    assertThat(config.activeExpireInterval()).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1d", "61m", "1.5s", "s", "-1s", "9999999999999999999h"})
  void load_badDuration_isRefused(String text) {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("active-expire-interval", text), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected a duration from 10ms to 1h");
  }

  @Test
  void fromValues_unknownSetting_isRefused() {
    assertThatThrownBy(() -> ConfigLoader.fromValues(Map.of("nosuch", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown setting 'nosuch' (from the given values)");
  }

  @Test
  void describe_listsEverySettingWithDefaultAndVariable() {
    String help = ConfigLoader.describe();

    for (Setting<?> setting : ServerConfig.SETTINGS) {
      assertThat(help)
          .contains("--" + setting.name() + " VALUE")
          .contains("default " + setting.defaultValue())
          .contains(setting.environmentVariable());
    }
  }

  private Path write(String properties) throws IOException {
    return Files.writeString(dir.resolve("larder.properties"), properties);
  }
}
