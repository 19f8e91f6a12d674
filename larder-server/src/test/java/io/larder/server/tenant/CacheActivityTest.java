package io.larder.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.Engine;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheActivityTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private Engine engine;
  private Tenant tenant;

  @BeforeEach
  void open() {
    engine = new Engine(1000);
    tenant =
        new Tenant(
            "shop",
            0,
            AccessKey.generate(),
            AccessKey.generate(),
            CacheSettings.defaults(false),
            engine.openKeyspace("shop"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void opsPerSecond_beforeTwoSamples_isZero() {
    tenant.stats().commands.add(100);
    tenant.activity().sample(tenant, 0, 0, 0);

    assertThat(tenant.activity().opsPerSecond()).isZero();
  }

  @Test
  void opsPerSecond_isTheRateOverTheLastFiveSeconds() {
    CacheActivity activity = tenant.activity();
    for (int second = 0; second <= 10; second++) {
      // 100 commands a second for the first five seconds, then 40
      tenant.stats().commands.add(second == 0 ? 0 : second <= 5 ? 100 : 40);
      activity.sample(tenant, 0, second * 1000L, second * SECOND);
    }

    assertThat(activity.opsPerSecond()).isEqualTo(40.0);
  }

  @Test
  void history_keepsOneSampleEveryFiveSecondsForFifteenMinutes() {
    CacheActivity activity = tenant.activity();
    int seconds = 20 * 60;
    for (int second = 0; second < seconds; second++) {
      tenant.stats().hits.increment();
      activity.sample(tenant, 3, second * 1000L, second * SECOND);
    }

    var history = activity.history();
    assertThat(history).hasSize(15 * 60 / 5);
    assertThat(history.get(1).at() - history.get(0).at()).isEqualTo(5000);
    CacheSample newest = history.get(history.size() - 1);
    assertThat(newest.at()).isEqualTo((seconds - 5) * 1000L);
    assertThat(newest.hits()).isEqualTo(seconds - 4);
    assertThat(newest.connectedClients()).isEqualTo(3);
  }
}
