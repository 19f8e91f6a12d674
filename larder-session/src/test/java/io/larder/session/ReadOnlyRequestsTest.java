package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyRequestsTest {
  private final ReadOnlyRequests rules =
      ReadOnlyRequests.parse(List.of("/reports/*", "*.json", "/status", "GET /poll/*", "HEAD"));

  @Test
  void matches_prefixPattern_matchesPrefixAndBelow() {
    assertThat(rules.matches("POST", "/reports")).isTrue();
    assertThat(rules.matches("POST", "/reports/2024/q1")).isTrue();
    assertThat(rules.matches("POST", "/reportsx")).isFalse();
  }

  @Test
  void matches_extensionPattern_matchesLastSegment() {
    assertThat(rules.matches("POST", "/api/items.json")).isTrue();
    assertThat(rules.matches("POST", "/api/items.json/x")).isFalse();
  }

  @Test
  void matches_exactPattern_matchesOnlyThatPath() {
    assertThat(rules.matches("POST", "/status")).isTrue();
    assertThat(rules.matches("POST", "/status/x")).isFalse();
  }

  @Test
  void matches_methodAndPattern_needsBoth() {
    assertThat(rules.matches("GET", "/poll/events")).isTrue();
    assertThat(rules.matches("POST", "/poll/events")).isFalse();
  }

  @Test
  void matches_methodAlone_matchesAnyPath() {
    assertThat(rules.matches("HEAD", "/cart")).isTrue();
    assertThat(rules.matches("GET", "/cart")).isFalse();
  }

  @Test
  void parse_notAPattern_failsNamingIt() {
    assertThatThrownBy(() -> ReadOnlyRequests.parse(List.of("reports")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'reports'");
    assertThatThrownBy(() -> ReadOnlyRequests.parse(List.of("/a/*/b")))
        .hasMessageContaining("'/a/*/b'");
  }
}
