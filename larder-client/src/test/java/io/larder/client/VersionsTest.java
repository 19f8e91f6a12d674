package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void of_null_isAbsent() {
    assertThat(Versions.of(null)).isEqualTo(Versioned.ABSENT);
  }

  @Test
  void of_sameBytes_sameVersion() {
    assertThat(Versions.of(new byte[] {1, 2, 3})).isEqualTo(Versions.of(new byte[] {1, 2, 3}));
  }

  @Test
  void of_differentBytes_differentVersions() {
    assertThat(Versions.of(new byte[] {1, 2, 3})).isNotEqualTo(Versions.of(new byte[] {1, 2, 4}));
    assertThat(Versions.of(new byte[0])).isNotEqualTo(Versioned.ABSENT);
  }

  @Test
  void expiryMillis_subMillisecond_roundsUp() {
    assertThat(Expiry.millis(Duration.ofNanos(1), "ttl")).isEqualTo(1);
    assertThat(Expiry.millis(Duration.ofMillis(1500), "ttl")).isEqualTo(1500);
    assertThat(Expiry.millis(Duration.ofMillis(1500).plusNanos(1), "ttl")).isEqualTo(1501);
  }

  @Test
  void expiryMillis_zeroOrNegative_throwsIllegalArgumentException() {
    assertThatThrownBy(() -> Expiry.millis(Duration.ZERO, "ttl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl must be positive");
    assertThatThrownBy(() -> Expiry.millis(Duration.ofSeconds(-1), "lockTimeout"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
