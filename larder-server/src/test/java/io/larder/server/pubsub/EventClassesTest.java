package io.larder.server.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventClassesTest {

  /** Values and what redis-server 7.0.15's CONFIG GET answers after CONFIG SET of them. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Egx|gxE",
        "KEA|AKE",
        "A|A",
        "K|K",
        "gx$hE|g$hxE",
        "KEg$lshzxetdmn|AKEm",
        "AKEm|AKEm",
        "Kt|tK",
        "n|n",
        "KEnd|dnKE",
        "EA|AE",
      })
  void format_parsedValue_isRedisNormalizedForm(String value, String normalized) {
    assertThat(EventClasses.format(EventClasses.parse(value))).isEqualTo(normalized);
  }

  @Test
  void parse_empty_isOff() {
    assertThat(EventClasses.parse("")).isZero();
    assertThat(EventClasses.format(0)).isEmpty();
  }

  @Test
  void parse_unknownCharacter_failsWithRedisReason() {
    assertThatThrownBy(() -> EventClasses.parse("KEQ"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  }

  @Test
  void publishes_needsAChannelKindAndAClass() {
    assertThat(EventClasses.publishes(EventClasses.parse("A"))).isFalse();
    assertThat(EventClasses.publishes(EventClasses.parse("KE"))).isFalse();
    assertThat(EventClasses.publishes(EventClasses.parse("Ex"))).isTrue();
    assertThat(EventClasses.publishes(EventClasses.parse("Kg"))).isTrue();
  }
}
