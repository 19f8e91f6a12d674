package io.larder.server.command;

import io.larder.server.config.ServerConfig;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.MemoryLimits;
import io.larder.server.tenant.CacheStats;
import io.larder.server.tenant.Tenant;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text INFO replies with: Redis's layout ({@code # Section} headers, {@code field:value} lines
 * ending in CRLF, a blank line between sections), limited to the sections and fields Larder can
 * fill truthfully. Sections: server, clients, memory, persistence, stats, replication, cluster,
 * keyspace; {@code default}, {@code all} and {@code everything} mean all of them; unknown names are
 * ignored, as in Redis.
 *
 * <p>Tenant isolation: every figure about data, traffic or clients is the caller's cache's (keys,
 * memory, hits and misses, commands, connected clients). Server-wide figures are limited to what
 * any client learns anyway: version, uptime, process, port, maxclients, and
 * total_connections_received, which the server-wide CLIENT ID sequence reveals already. Paths on
 * the host (executable, config_file) are left empty: a cache user has no business with them.
 */
final class InfoReport {
  private static final List<String> SECTIONS =
      List.of(
          "server",
          "clients",
          "memory",
          "persistence",
          "stats",
          "replication",
          "cluster",
          "keyspace");
  private static final Set<String> EVERY_SECTION = Set.of("default", "all", "everything");
  private static final String OS = operatingSystem();
  private static final String ARCH_BITS = System.getProperty("sun.arch.data.model", "64");
  private static final String[] BYTE_UNITS = {"K", "M", "G", "T", "P"};

  private final Request request;
  private final StringBuilder text = new StringBuilder();

  private InfoReport(Request request) {
    this.request = request;
  }

  /** The report of the sections the INFO arguments of request ask for. */
  static String of(Request request) {
    InfoReport report = new InfoReport(request);
    for (String section : wantedSections(request)) {
      report.append(section);
    }
    return report.text.toString();
  }

  /** The sections asked for, in Redis's order whatever the order of the arguments. */
  private static Set<String> wantedSections(Request request) {
    Set<String> asked = new LinkedHashSet<>();
    for (int i = 1; i < request.argCount(); i++) {
      asked.add(request.text(i).toLowerCase(Locale.ROOT));
    }
    boolean every = asked.isEmpty() || asked.stream().anyMatch(EVERY_SECTION::contains);
    Set<String> wanted = new LinkedHashSet<>();
    for (String section : SECTIONS) {
      if (every || asked.contains(section)) {
        wanted.add(section);
      }
    }
    return wanted;
  }

  private void append(String section) {
    if (!text.isEmpty()) {
      text.append("\r\n");
    }
    text.append("# ")
        .append(Character.toUpperCase(section.charAt(0)))
        .append(section, 1, section.length())
        .append("\r\n");
    switch (section) {
      case "server" -> server();
      case "clients" -> clients();
      case "memory" -> memory();
      case "persistence" -> persistence();
      case "stats" -> stats();
      case "replication" -> {
        field("role", "master");
        field("connected_slaves", 0);
      }
      case "cluster" -> field("cluster_enabled", 0);
      case "keyspace" -> keyspace();
      default -> throw new IllegalArgumentException(section);
    }
  }

  private void server() {
    ServerContext server = request.server();
    Instant now = Instant.now();
    long uptimeSeconds = (now.toEpochMilli() - server.startedAt()) / 1000;
    field("redis_version", ServerContext.REDIS_VERSION);
    field("larder_version", ServerContext.LARDER_VERSION);
    field("redis_mode", "standalone");
    field("os", OS);
    field("arch_bits", ARCH_BITS);
    field("process_id", ProcessHandle.current().pid());
    field("run_id", server.runId());
    field("tcp_port", localPort(request.client(), server.config()));
    field("server_time_usec", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
    field("uptime_in_seconds", uptimeSeconds);
    field("uptime_in_days", uptimeSeconds / 86_400);
    field("executable", "");
    field("config_file", "");
  }

  private void clients() {
    Tenant tenant = request.tenant();
    long connected =
        request.server().clients().all().stream().filter(c -> c.tenant() == tenant).count();
    field("connected_clients", connected);
    field("maxclients", request.server().clients().maxClients());
  }

  /** The caller's cache's figures: its estimated usage, its quota and its eviction policy. */
  private void memory() {
    Keyspace keyspace = request.keyspace();
    long used = keyspace.usedMemory();
    MemoryLimits limits = keyspace.limits();
    field("used_memory", used);
    field("used_memory_human", humanBytes(used));
    field("maxmemory", limits.quotaBytes());
    field("maxmemory_human", humanBytes(limits.quotaBytes()));
    field("maxmemory_policy", limits.policy().redisName());
  }

  private void persistence() {
    field("loading", 0);
    field("async_loading", 0);
    field("aof_enabled", request.server().durability() != null ? 1 : 0);
    // Not a Redis field: Larder's journal has no rewrite state worth reporting, but its policy is.
    field("appendfsync", request.server().config().appendFsync().configName());
  }

  private void stats() {
    CacheStats stats = request.tenant().stats();
    field("total_connections_received", request.server().stats().connectionsReceived.sum());
    field("total_commands_processed", stats.commands.sum());
    field("expired_keys", stats.expiredKeys.sum());
    field("evicted_keys", stats.evictedKeys.sum());
    field("keyspace_hits", stats.hits.sum());
    field("keyspace_misses", stats.misses.sum());
  }

  /**
   * Redis omits databases without keys. Counting expiries walks the keys; INFO is a slow command.
   */
  private void keyspace() {
    Keyspace keyspace = request.keyspace();
    long keys = keyspace.size();
    if (keys > 0) {
      field("db0", "keys=" + keys + ",expires=" + keyspace.countWithExpiry() + ",avg_ttl=0");
    }
  }

  private void field(String name, Object value) {
    text.append(name).append(':').append(value).append("\r\n");
  }

  /** The port the client connected to (the configured one may be 0, "any free port"). */
  static int localPort(ClientSession client, ServerConfig config) {
    String address = client.localAddress();
    try {
      return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    } catch (NumberFormatException e) {
      return config.port();
    }
  }

  /** Redis's bytesToHuman: {@code 1023B}, {@code 1.00K}, {@code 1.28M} … */
  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f%s", value, BYTE_UNITS[unit]);
  }

  /** Like uname: {@code Linux 6.1.0 x86_64}. */
  private static String operatingSystem() {
    String arch = System.getProperty("os.arch");
    if ("amd64".equals(arch)) {
      arch = "x86_64";
    }
    return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch;
  }
}
