package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.larder.server.testing.Browser;
import io.larder.server.testing.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContainerInitializer;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A framework that registers a configured {@link LarderSessionFilter} by code (Spring Boot's
 * starter in an application deployed as a war) while the jar's web-fragment registers one without
 * settings: the application starts, and sessions work through the configured filter.
 */
class CodeRegisteredFilterIT {
  @Test
  void webFragmentFilterWithoutSettings_standsBy_configuredFilterServes() {
    try (TestServer larder = TestServer.start()) {
      SessionConfig config =
          SessionConfig.builder()
              .url(new Backend("Larder", larder.port()).url())
              .applicationName("by-code")
              .build();
      ServletContainerInitializer framework =
          (classes, context) ->
              context
                  .addFilter("frameworkSessionFilter", new LarderSessionFilter(config))
                  .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");

      try (AppServer a = TomcatServer.start(Map.of(), framework);
          AppServer b = TomcatServer.start(Map.of(), framework)) {
        Browser browser = new Browser();
        browser.body(a.port(), "/set?name=user&value=ada");
        String id = browser.cookie("SESSION");

        assertThat(browser.body(b.port(), "/get?name=user")).isEqualTo("ada");
        assertThat(
                new Backend("Larder", larder.port()).raw("EXISTS", "by-code:session:{" + id + "}"))
            .isEqualTo(1L);
      }
    }
  }

  /** Without the framework's filter, standing by would hide the missing setting: it must not. */
  @Test
  void webFragmentFilterWithoutSettings_alone_stopsTheStart() {
    assertThat(catchThrowable(() -> TomcatServer.start(Map.of()).close()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not start");
  }
}
