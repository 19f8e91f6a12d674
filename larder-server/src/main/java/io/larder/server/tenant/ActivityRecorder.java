package io.larder.server.tenant;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every cache's {@link CacheActivity} once a second, on one daemon thread. Sampling reads
 * counters and sizes only, so it costs the same whatever the load.
 */
public final class ActivityRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ActivityRecorder.class);

  private final TenantRegistry tenants;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "larder-activity");
            thread.setDaemon(true);
            return thread;
          });

  public ActivityRecorder(TenantRegistry tenants) {
    this.tenants = tenants;
  }

  /** Takes a first sample now, then one every second. */
  public ActivityRecorder start() {
    ticker.scheduleAtFixedRate(this::sampleAll, 0, 1, TimeUnit.SECONDS);
    return this;
  }

  /** Samples every cache once. */
  void sampleAll() {
    long wall = System.currentTimeMillis();
    long nanos = System.nanoTime();
    Map<Tenant, Integer> clients = tenants.connectedClientsByTenant();
    for (Tenant tenant : tenants.all()) {
      try {
        tenant.activity().sample(tenant, clients.getOrDefault(tenant, 0), wall, nanos);
      } catch (RuntimeException e) {
        // A cache deleted while being sampled; any other failure must not stop the sampling.
        if (tenant.live()) {
          LOG.warn("sampling the activity of cache {} failed", tenant.name(), e);
        }
      }
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
