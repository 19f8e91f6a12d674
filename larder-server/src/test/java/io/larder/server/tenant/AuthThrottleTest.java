package io.larder.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthThrottleTest {
  private static final String ADDRESS = "192.0.2.7";
  private static final String CACHE = "shop";

  private long now = 1_000_000;
  private final AuthThrottle throttle = new AuthThrottle(() -> now);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(ADDRESS, CACHE);
    }
  }

  private long penalty() {
    return throttle.penaltyLeft(ADDRESS, CACHE);
  }

  @Test
  void penaltyLeft_belowTheFreeFailures_isZero() {
    fail(AuthThrottle.FREE_FAILURES - 1);

    assertThat(penalty()).isZero();
  }

  @Test
  void penaltyLeft_atTheFreeFailures_isOneSecond() {
    fail(AuthThrottle.FREE_FAILURES);

    assertThat(penalty()).isEqualTo(1000);
    now += 1000;
    assertThat(penalty()).isZero();
  }

  @Test
  void failed_duringPenalty_doublesItUpToThirtySeconds() {
    fail(AuthThrottle.FREE_FAILURES);

    fail(1);
    assertThat(penalty()).isEqualTo(2000);
    fail(1);
    assertThat(penalty()).isEqualTo(4000);
    fail(10);
    assertThat(penalty()).isEqualTo(30_000);
  }

  @Test
  void failed_afterAQuietMinute_startsCountingAgain() {
    fail(AuthThrottle.FREE_FAILURES + 3);
    now += AuthThrottle.WINDOW_MILLIS + 1;

    fail(1);

    assertThat(penalty()).isZero();
    fail(AuthThrottle.FREE_FAILURES - 2);
    assertThat(penalty()).isZero();
    fail(1);
    assertThat(penalty()).isEqualTo(1000);
  }

  @Test
  void succeeded_forgetsTheFailuresOfThatCacheOnly() {
    fail(AuthThrottle.FREE_FAILURES - 1);
    for (int i = 0; i < AuthThrottle.FREE_FAILURES - 1; i++) {
      throttle.failed(ADDRESS, "other");
    }

    throttle.succeeded(ADDRESS, CACHE);
    fail(AuthThrottle.FREE_FAILURES - 1);
    throttle.failed(ADDRESS, "other");

    assertThat(penalty()).isZero();
    assertThat(throttle.penaltyLeft(ADDRESS, "other")).isEqualTo(1000);
  }

  @Test
  void failures_fromOneAddress_doNotThrottleAnotherAddressOrCache() {
    fail(AuthThrottle.FREE_FAILURES * 2);

    assertThat(throttle.penaltyLeft("192.0.2.8", CACHE)).isZero();
    assertThat(throttle.penaltyLeft(ADDRESS, "other")).isZero();
    assertThat(throttle.penaltyLeft(ADDRESS, null)).isZero();
  }

  @Test
  void failed_unknownCaches_shareOneCountPerAddress() {
    for (int i = 0; i < AuthThrottle.FREE_FAILURES; i++) {
      throttle.failed(ADDRESS, null);
    }

    assertThat(throttle.penaltyLeft(ADDRESS, null)).isEqualTo(1000);
    assertThat(throttle.tracked()).isEqualTo(1);
  }

  @Test
  void failed_fromVeryManyAddresses_keepsTheTableBounded() {
    for (int i = 0; i < AuthThrottle.MAX_ENTRIES + 10; i++) {
      throttle.failed("10.0." + (i >> 8) + "." + (i & 0xff) + "#" + i, CACHE);
    }
    assertThat(throttle.tracked()).isEqualTo(AuthThrottle.MAX_ENTRIES);

    now += AuthThrottle.WINDOW_MILLIS + 1;
    throttle.failed("203.0.113.1", CACHE);

    assertThat(throttle.tracked()).isEqualTo(1);
  }
}
