package io.larder.server.command;

import io.larder.server.config.ServerConfig;
import io.larder.server.persist.Durability;
import io.larder.server.tenant.TenantRegistry;

/**
 * What commands may see of the server beyond their own connection.
 *
 * @param durability null when persistence is off
 */
public record ServerContext(
    ServerConfig config,
    TenantRegistry tenants,
    ClientRegistry clients,
    CommandRegistry commands,
    ServerStats stats,
    Durability durability,
    long startedAt,
    String runId) {

  /**
   * The Redis version whose command semantics Larder follows and is tested against (INFO
   * redis_version, HELLO).
   */
  public static final String REDIS_VERSION = "7.0.15";

  public static final String LARDER_VERSION = "0.1.0";
}
