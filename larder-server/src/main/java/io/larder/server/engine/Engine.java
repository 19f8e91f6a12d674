package io.larder.server.engine;

import java.util.concurrent.TimeUnit;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.manager.DefaultCacheManager;

/**
 * The embedded Infinispan container: one local cache per tenant (DESIGN.md D3).
 *
 * <p>Caches are "simple" local caches: Infinispan's fast path without an interceptor chain, which
 * still gives per-entry lifespan and a reaper for expired entries. Durability is not Infinispan's
 * job here; see {@code io.larder.server.persist}.
 */
public final class Engine implements AutoCloseable {
  private static final String CACHE_PREFIX = "larder.";

  static {
    // Infinispan logs through JBoss Logging, which would pick java.util.logging; use SLF4J.
    if (System.getProperty("org.jboss.logging.provider") == null) {
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
  }

  private final DefaultCacheManager manager;
  private final Configuration cacheConfiguration;

  public Engine(long activeExpiryIntervalMillis) {
    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
    global.cacheContainer().statistics(false);
    global.jmx().disable();
    // Larder closes the cache manager itself, after the network and the logs; Infinispan's own
    // JVM shutdown hook would stop it concurrently with that orderly shutdown.
    global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
    this.manager = new DefaultCacheManager(global.build());
    ConfigurationBuilder cache = new ConfigurationBuilder();
    cache.simpleCache(true);
    cache.clustering().cacheMode(CacheMode.LOCAL);
    cache.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE);
    cache.statistics().disable();
    cache.expiration().wakeUpInterval(activeExpiryIntervalMillis, TimeUnit.MILLISECONDS);
    this.cacheConfiguration = cache.build();
  }

  /** Creates (or opens) the keyspace of a tenant. */
  public InfinispanKeyspace openKeyspace(String tenant) {
    return openKeyspace(tenant, AccessClock.SHARED);
  }

  /** Creates (or opens) the keyspace of a tenant whose access times come from accessClock. */
  InfinispanKeyspace openKeyspace(String tenant, AccessClock accessClock) {
    String name = CACHE_PREFIX + tenant;
    manager.defineConfiguration(name, cacheConfiguration);
    Cache<ByteKey, StoredValue> cache = manager.getCache(name);
    AdvancedCache<ByteKey, StoredValue> advanced = cache.getAdvancedCache();
    return new InfinispanKeyspace(advanced, accessClock);
  }

  /** Drops a tenant's keyspace and frees its memory. */
  public void dropKeyspace(String tenant) {
    manager.administration().removeCache(CACHE_PREFIX + tenant);
  }

  @Override
  public void close() {
    manager.stop();
  }
}
