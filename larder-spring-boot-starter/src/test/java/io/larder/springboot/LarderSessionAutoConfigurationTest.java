package io.larder.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.session.LarderSessionFilter;
import io.larder.session.SessionConfig;
import io.larder.session.SessionConfig.CodecKind;
import io.larder.session.SessionConfig.Concurrency;
import io.larder.session.SessionConfig.CookieSecure;
import io.larder.session.SessionConfig.OnFailure;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class LarderSessionAutoConfigurationTest {
  private static final String URL = "redis://shop:secret-key@127.0.0.1:6380";

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(LarderSessionAutoConfiguration.class));

  @Test
  void registersTheFilterForEveryRequestAheadOfSpringSecurity() {
    runner
        .withPropertyValues("larder.url=" + URL)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              FilterRegistrationBean<?> registration =
                  context.getBean(
                      LarderSessionAutoConfiguration.FILTER_NAME, FilterRegistrationBean.class);
              assertThat(registration.getFilter()).isInstanceOf(LarderSessionFilter.class);
              assertThat(registration.getUrlPatterns()).containsExactly("/*");
              // Spring Security's filter chain is registered at order -100.
              assertThat(registration.getOrder()).isLessThan(-100);
              assertThat(registration.determineDispatcherTypes())
                  .containsExactlyInAnyOrder(DispatcherType.values());
              assertThat(registration.isAsyncSupported()).isTrue();
            });
  }

  @Test
  void defaultsAreTheServletModulesDefaults() {
    runner
        .withPropertyValues("larder.url=" + URL)
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              SessionConfig servletDefaults = SessionConfig.builder().url(URL).build();
              assertThat(config).usingRecursiveComparison().isEqualTo(servletDefaults);
            });
  }

  @Test
  void bindsEverySettingIncludingRelaxedNames() {
    runner
        .withPropertyValues(
            "larder.url=" + URL,
            "larder.session.application-name=shop",
            "larder.session.timeout=45m",
            "larder.session.concurrency=exclusive",
            "larder.session.lockWait=2s",
            "larder.session.lock-timeout=PT30S",
            "larder.session.read-only-patterns=GET /products/*,/static/*",
            "larder.session.cookie.name=SHOPSESSION",
            "larder.session.cookie.path=/shop",
            "larder.session.cookie.domain=example.com",
            "larder.session.cookie.same-site=strict",
            "larder.session.cookie.secure=true",
            "larder.session.header-name=X-Auth-Token",
            "larder.session.codec=json",
            "larder.session.allowlist[0]=com.shop.**",
            "larder.session.allowlist[1]=org.example.Cart",
            "larder.session.on-failure=degrade")
        .run(
            context -> {
              SessionConfig config = context.getBean(SessionConfig.class);
              assertThat(config.url()).isEqualTo(URL);
              assertThat(config.applicationName()).isEqualTo("shop");
              assertThat(config.timeout()).isEqualTo(Duration.ofMinutes(45));
              assertThat(config.concurrency()).isEqualTo(Concurrency.EXCLUSIVE);
              assertThat(config.lockWait()).isEqualTo(Duration.ofSeconds(2));
              assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
              assertThat(config.readOnlyPatterns()).containsExactly("GET /products/*", "/static/*");
              assertThat(config.cookieName()).isEqualTo("SHOPSESSION");
              assertThat(config.cookiePath()).isEqualTo("/shop");
              assertThat(config.cookieDomain()).isEqualTo("example.com");
              assertThat(config.cookieSameSite()).isEqualTo("Strict");
              assertThat(config.cookieSecure()).isEqualTo(CookieSecure.ALWAYS);
              assertThat(config.headerName()).isEqualTo("X-Auth-Token");
              assertThat(config.codec()).isEqualTo(CodecKind.JSON);
              assertThat(config.allowlist()).containsExactly("com.shop.**", "org.example.Cart");
              assertThat(config.onFailure()).isEqualTo(OnFailure.DEGRADE);
            });
  }

  @Test
  void withoutUrlStartupFailsNamingTheSetting() {
    runner.run(
        context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("larder.url is not set")
                .hasMessageContaining("larder.session.enabled=false"));
  }

  @Test
  void aBadValueStopsStartupNamingTheSettingAndNeverTheKey() {
    runner
        .withPropertyValues("larder.url=" + URL, "larder.session.application-name=my shop!")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("larder.session.application-name")
                    .hasMessageContaining("my shop!"));
    runner
        .withPropertyValues("larder.url=" + URL, "larder.session.cookie.secure=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "larder.session.cookie.secure='sometimes' is not valid: expected auto,"
                            + " true or false"));
    runner
        .withPropertyValues("larder.url=" + URL, "larder.session.concurrency=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("larder.session.concurrency"));
    runner
        .withPropertyValues("larder.url=http://shop:secret-key@127.0.0.1:6380")
        .run(
            context -> {
              assertThat(context).getFailure().hasStackTraceContaining("larder.url must be");
              for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(t.getMessage()).doesNotContain("secret-key");
              }
            });
  }

  @Test
  void disabledLeavesSessionsToTheContainer() {
    runner
        .withPropertyValues("larder.session.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(SessionConfig.class);
              assertThat(context).doesNotHaveBean(LarderSessionAutoConfiguration.FILTER_NAME);
            });
  }

  @Test
  void theApplicationsOwnConfigWins() {
    SessionConfig own = SessionConfig.builder().url(URL).applicationName("own").build();
    runner
        .withBean(SessionConfig.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(SessionConfig.class)).isSameAs(own);
              assertThat(context).hasBean(LarderSessionAutoConfiguration.FILTER_NAME);
            });
  }

  @Test
  void metadataDescribesEverySettingForIdes() throws Exception {
    String metadata;
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
      metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String name :
        List.of(
            "larder.url",
            "larder.session.enabled",
            "larder.session.application-name",
            "larder.session.timeout",
            "larder.session.concurrency",
            "larder.session.lock-wait",
            "larder.session.lock-timeout",
            "larder.session.read-only-patterns",
            "larder.session.cookie.name",
            "larder.session.cookie.path",
            "larder.session.cookie.domain",
            "larder.session.cookie.same-site",
            "larder.session.cookie.secure",
            "larder.session.header-name",
            "larder.session.codec",
            "larder.session.allowlist",
            "larder.session.on-failure")) {
      assertThat(metadata).as(name).contains("\"name\": \"" + name + "\"");
    }
    assertThat(metadata).contains("\"defaultValue\": \"SESSION\"", "\"defaultValue\": \"5s\"");
  }

  @Test
  void springSecurityClassesAreAllowedOnlyWhereSpringSecurityIs() {
    // Spring Security is not on this module's test class path.
    assertThat(LarderSessionAutoConfiguration.allowlist(List.of("com.shop.**")))
        .containsExactly("com.shop.**");
  }
}
