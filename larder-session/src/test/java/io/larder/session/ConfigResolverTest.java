package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.session.SessionConfig.CodecKind;
import io.larder.session.SessionConfig.Concurrency;
import io.larder.session.SessionConfig.CookieSecure;
import io.larder.session.SessionConfig.OnFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {
  private static final String URL = "redis://shop:secret-key@cache:6380";

  private static SessionConfig resolve(Map<String, String> first, Map<String, String> env) {
    List<Function<String, String>> sources = List.of(first::get, ConfigResolver.environment(env));
    return new ConfigResolver(sources).resolve();
  }

  @Test
  void resolve_urlOnly_usesDefaults() {
    SessionConfig config = resolve(Map.of("larder.url", URL), Map.of());

    assertThat(config.url()).isEqualTo(URL);
    assertThat(config.applicationName()).isEqualTo("default");
    assertThat(config.timeout()).isNull();
    assertThat(config.concurrency()).isEqualTo(Concurrency.NONE);
    assertThat(config.lockWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.cookieName()).isEqualTo("SESSION");
    assertThat(config.cookieSameSite()).isEqualTo("Lax");
    assertThat(config.cookieSecure()).isEqualTo(CookieSecure.AUTO);
    assertThat(config.codec()).isEqualTo(CodecKind.JDK);
    assertThat(config.allowlist()).isEmpty();
    assertThat(config.onFailure()).isEqualTo(OnFailure.FAIL);
  }

  @Test
  void resolve_everySetting_appliesEach() {
    Map<String, String> values = new HashMap<>();
    values.put("larder.url", URL);
    values.put("larder.session.application-name", "shop");
    values.put("larder.session.timeout", "45m");
    values.put("larder.session.concurrency", "exclusive");
    values.put("larder.session.lock-wait", "750ms");
    values.put("larder.session.lock-timeout", "2m");
    values.put("larder.session.read-only-patterns", "/reports/*, GET *.json ,HEAD");
    values.put("larder.session.cookie.name", "SID");
    values.put("larder.session.cookie.path", "/shop");
    values.put("larder.session.cookie.domain", "example.com");
    values.put("larder.session.cookie.same-site", "strict");
    values.put("larder.session.cookie.secure", "true");
    values.put("larder.session.codec", "JSON");
    values.put("larder.session.allowlist", "com.shop.**,com.other.Cart");
    values.put("larder.session.on-failure", "degrade");

    SessionConfig config = resolve(values, Map.of());

    assertThat(config.applicationName()).isEqualTo("shop");
    assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(config.concurrency()).isEqualTo(Concurrency.EXCLUSIVE);
    assertThat(config.lockWait()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.lockTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.readOnlyPatterns()).containsExactly("/reports/*", "GET *.json", "HEAD");
    assertThat(config.cookieName()).isEqualTo("SID");
    assertThat(config.cookiePath()).isEqualTo("/shop");
    assertThat(config.cookieDomain()).isEqualTo("example.com");
    assertThat(config.cookieSameSite()).isEqualTo("Strict");
    assertThat(config.cookieSecure()).isEqualTo(CookieSecure.ALWAYS);
    assertThat(config.codec()).isEqualTo(CodecKind.JSON);
    assertThat(config.allowlist()).containsExactly("com.shop.**", "com.other.Cart");
    assertThat(config.onFailure()).isEqualTo(OnFailure.DEGRADE);
  }

  @Test
  void resolve_settingInFirstSourceAndEnv_firstSourceWins() {
    SessionConfig config =
        resolve(
            Map.of("larder.url", URL, "larder.session.timeout", "10m"),
            Map.of("LARDER_SESSION_TIMEOUT", "20m", "LARDER_URL", "redis://other:6380"));

    assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.url()).isEqualTo(URL);
  }

  @Test
  void resolve_settingOnlyInEnv_usesRelaxedName() {
    SessionConfig config =
        resolve(
            Map.of(),
            Map.of(
                "LARDER_URL", URL,
                "LARDER_SESSION_COOKIE_SAME_SITE", "None",
                "LARDER_SESSION_APPLICATION_NAME", "env-app"));

    assertThat(config.url()).isEqualTo(URL);
    assertThat(config.cookieSameSite()).isEqualTo("None");
    assertThat(config.applicationName()).isEqualTo("env-app");
  }

  @Test
  void resolve_blankValue_countsAsAbsent() {
    SessionConfig config =
        resolve(
            Map.of("larder.url", URL, "larder.session.timeout", "  "),
            Map.of("LARDER_SESSION_TIMEOUT", "5m"));

    assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void resolve_noUrl_failsNamingTheSettingAndItsSources() {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("larder.url")
        .hasMessageContaining("LARDER_URL");
  }

  @Test
  void resolve_badDuration_namesSettingValueAndForm() {
    assertThatThrownBy(
            () -> resolve(Map.of("larder.url", URL, "larder.session.timeout", "30"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("larder.session.timeout='30'")
        .hasMessageContaining("30m");
  }

  @Test
  void resolve_badChoice_listsAllowedValues() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("larder.url", URL, "larder.session.concurrency", "shared"), Map.of()))
        .hasMessageContaining("larder.session.concurrency='shared'")
        .hasMessageContaining("[none, exclusive]");
  }

  @Test
  void resolve_badAllowlistPattern_namesIt() {
    assertThatThrownBy(
            () -> resolve(Map.of("larder.url", URL, "larder.session.allowlist", "*"), Map.of()))
        .hasMessageContaining("larder.session.allowlist")
        .hasMessageContaining("'*'");
  }

  @Test
  void resolve_badUrl_neverRepeatsTheKey() {
    assertThatThrownBy(
            () -> resolve(Map.of("larder.url", "http://shop:secret-key@cache:6380"), Map.of()))
        .hasMessageContaining("larder.url")
        .hasMessageNotContaining("secret-key");
  }

  @Test
  void resolve_sameSiteNoneWithoutSecure_fails() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "larder.url",
                        URL,
                        "larder.session.cookie.same-site",
                        "None",
                        "larder.session.cookie.secure",
                        "false"),
                    Map.of()))
        .hasMessageContaining("same-site=None");
  }

  @Test
  void duration_unitsAndIso_parse() {
    assertThat(ConfigResolver.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ConfigResolver.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ConfigResolver.duration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigResolver.duration("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(ConfigResolver.duration("PT30M")).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void toString_hidesTheKey() {
    SessionConfig config = SessionConfig.builder().url(URL).build();

    assertThat(config.toString()).contains("redis://shop:***@cache:6380").doesNotContain("secret");
  }

  @Test
  void builder_missingValue_namesTheSetting() {
    assertThatThrownBy(() -> SessionConfig.builder().lockWait(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("larder.session.lock-wait must be set");
    assertThatThrownBy(() -> SessionConfig.builder().codec(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("larder.session.codec must be set");
  }
}
