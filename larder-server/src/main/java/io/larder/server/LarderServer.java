package io.larder.server;

import io.larder.server.admin.AdminServer;
import io.larder.server.admin.AdminToken;
import io.larder.server.command.ClientCommands;
import io.larder.server.command.ClientRegistry;
import io.larder.server.command.CommandRegistry;
import io.larder.server.command.ConfigCommands;
import io.larder.server.command.ConnectionCommands;
import io.larder.server.command.Dispatcher;
import io.larder.server.command.HashCommands;
import io.larder.server.command.IntrospectionCommands;
import io.larder.server.command.KeyCommands;
import io.larder.server.command.PubSubCommands;
import io.larder.server.command.ServerCommands;
import io.larder.server.command.ServerContext;
import io.larder.server.command.ServerStats;
import io.larder.server.command.StringCommands;
import io.larder.server.command.TenantSessions;
import io.larder.server.command.TransactionCommands;
import io.larder.server.config.ServerConfig;
import io.larder.server.engine.Engine;
import io.larder.server.net.RespServer;
import io.larder.server.persist.Durability;
import io.larder.server.tenant.AccessKey;
import io.larder.server.tenant.ActivityRecorder;
import io.larder.server.tenant.TenantRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A running Larder server: storage, persistence, caches, the RESP listener and the admin API,
 * started in order.
 */
public final class LarderServer implements AutoCloseable {
  private final ServerConfig config;
  private final Engine engine;
  private final Durability durability;
  private final TenantRegistry tenants;
  private final AdminToken adminToken;
  private final RespServer resp;
  private final InetSocketAddress respAddress;
  private final ActivityRecorder activity;
  private final AdminServer admin;
  private final InetSocketAddress adminAddress;

  private LarderServer(ServerConfig config, AccessKey defaultKey, String adminToken)
      throws IOException, InterruptedException {
    this.config = config;
    this.engine = new Engine(config.activeExpireInterval().toMillis());
    this.durability =
        config.appendOnly() ? new Durability(config.appendFsync(), config.rewriteMinSize()) : null;
    this.tenants = new TenantRegistry(config.dataDir(), engine, durability);
    tenants.open(defaultKey);
    this.adminToken = AdminToken.load(config.dataDir(), adminToken);
    CommandRegistry commands = commandRegistry();
    ServerStats stats = new ServerStats();
    ClientRegistry clients = new ClientRegistry(config.maxClients());
    tenants.connections(new TenantSessions(clients));
    ServerContext context =
        new ServerContext(
            config,
            tenants,
            clients,
            commands,
            stats,
            durability,
            System.currentTimeMillis(),
            randomRunId());
    this.resp = new RespServer(context, new Dispatcher(commands, stats, durability));
    this.respAddress = resp.start();
    this.activity = new ActivityRecorder(tenants).start();
    // After RESP, whose real port the API shows.
    this.admin = new AdminServer(config.bind(), config.adminPort(), adminToken(), tenants, port());
    try {
      this.adminAddress = admin.start();
    } catch (IOException e) {
      close();
      throw new IOException(
          "cannot listen for the admin API on " + config.bind() + ":" + config.adminPort(), e);
    }
  }

  /**
   * Starts a server.
   *
   * @param defaultKey primary key for the cache {@code default}, or null to keep/generate one
   * @param adminToken the admin token, or null to keep/generate one
   */
  public static LarderServer start(ServerConfig config, AccessKey defaultKey, String adminToken)
      throws IOException, InterruptedException {
    return new LarderServer(config, defaultKey, adminToken);
  }

  /** Every command family the server offers. */
  public static CommandRegistry commandRegistry() {
    return new CommandRegistry()
        .register(new ConnectionCommands())
        .register(new ServerCommands())
        .register(new ClientCommands())
        .register(new ConfigCommands())
        .register(new IntrospectionCommands())
        .register(new KeyCommands())
        .register(new StringCommands())
        .register(new HashCommands())
        .register(new PubSubCommands())
        .register(new TransactionCommands());
  }

  public ServerConfig config() {
    return config;
  }

  public int port() {
    return respAddress.getPort();
  }

  /** The admin API's port (the real one when the configured port is 0). */
  public int adminPort() {
    return adminAddress.getPort();
  }

  /** The persistence in force, or null when {@code appendonly} is off. */
  public Durability durability() {
    return durability;
  }

  public TenantRegistry tenants() {
    return tenants;
  }

  public AdminToken adminToken() {
    return adminToken;
  }

  /** Stops accepting, makes every acknowledged write durable, and releases storage. */
  @Override
  public void close() {
    admin.close();
    activity.close();
    resp.close();
    if (durability != null) {
      durability.close();
    }
    tenants.close();
    engine.close();
  }

  private static String randomRunId() {
    byte[] bytes = new byte[20];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
