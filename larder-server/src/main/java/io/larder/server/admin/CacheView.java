package io.larder.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.larder.server.tenant.CacheActivity;
import io.larder.server.tenant.CacheSample;
import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.CacheStats;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The JSON the API shows of a cache and of its keys (the contract the CLI and portal read). */
final class CacheView {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TenantRegistry tenants;
  private final RespEndpoint endpoint;

  CacheView(TenantRegistry tenants, RespEndpoint endpoint) {
    this.tenants = tenants;
    this.endpoint = endpoint;
  }

  ObjectNode cache(Tenant tenant) {
    CacheSettings settings = tenant.settings();
    ObjectNode node = NODES.objectNode();
    node.put("name", tenant.name());
    node.put("status", "running");
    node.put(
        "createdAt",
        Instant.ofEpochMilli(tenant.createdAt()).truncatedTo(ChronoUnit.SECONDS).toString());
    node.put("host", endpoint.host());
    node.put("port", endpoint.port());
    node.put("tls", endpoint.tls());
    node.put("endpoint", endpoint.url());
    node.put(
        "connectionString", endpoint.connectionString(tenant.name(), tenant.primaryKey().text()));
    node.put("memoryQuota", settings.memoryQuota());
    node.put("eviction", settings.eviction().redisName());
    if (settings.defaultTtlSeconds() == 0) {
      node.putNull("defaultTtlSeconds");
    } else {
      node.put("defaultTtlSeconds", settings.defaultTtlSeconds());
    }
    node.put("persistence", tenant.persistent());
    CacheStats stats = tenant.stats();
    ObjectNode figures = node.putObject("stats");
    figures.put("keys", tenant.keyspace().size());
    figures.put("usedMemory", tenant.keyspace().usedMemory());
    figures.put("opsPerSecond", Math.round(tenant.activity().opsPerSecond() * 100) / 100.0);
    figures.put("hits", stats.hits.sum());
    figures.put("misses", stats.misses.sum());
    figures.put("connectedClients", tenants.connectedClients(tenant));
    figures.put("evictedKeys", stats.evictedKeys.sum());
    figures.put("expiredKeys", stats.expiredKeys.sum());
    return node;
  }

  /** The cache's figures of the last 15 minutes, oldest first (what the portal charts). */
  ObjectNode metrics(Tenant tenant) {
    ObjectNode node = NODES.objectNode();
    node.put("name", tenant.name());
    node.put("intervalSeconds", CacheActivity.HISTORY_INTERVAL_SECONDS);
    node.put("windowMinutes", CacheActivity.HISTORY_MINUTES);
    node.put("memoryQuota", tenant.settings().memoryQuota());
    ArrayNode samples = node.putArray("samples");
    for (CacheSample sample : tenant.activity().history()) {
      ObjectNode s = samples.addObject();
      s.put("at", sample.at());
      s.put("opsPerSecond", Math.round(sample.opsPerSecond() * 100) / 100.0);
      s.put("hits", sample.hits());
      s.put("misses", sample.misses());
      s.put("usedMemory", sample.usedMemory());
      s.put("keys", sample.keys());
      s.put("connectedClients", sample.connectedClients());
      s.put("evictedKeys", sample.evictedKeys());
      s.put("expiredKeys", sample.expiredKeys());
    }
    return node;
  }

  ObjectNode keys(Tenant tenant) {
    String primary = tenant.primaryKey().text();
    String secondary = tenant.secondaryKey().text();
    ObjectNode node = NODES.objectNode();
    node.put("primary", primary);
    node.put("secondary", secondary);
    node.put("primaryConnectionString", endpoint.connectionString(tenant.name(), primary));
    node.put("secondaryConnectionString", endpoint.connectionString(tenant.name(), secondary));
    return node;
  }
}
