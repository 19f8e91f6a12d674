package io.larder.server;

import io.larder.server.cli.CacheCommandLine;
import io.larder.server.config.ConfigException;
import io.larder.server.config.ConfigLoader;
import io.larder.server.config.ServerConfig;
import io.larder.server.tenant.AccessKey;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The {@code larder} command line: {@code larder start [--setting value …]}, and {@code larder
 * cache …} ({@link CacheCommandLine}) to manage a running server's caches.
 *
 * <p>Exit status: 0 after a graceful stop (SIGTERM or Ctrl-C) and for {@code --help}; 1 when the
 * server cannot start or stop; 2 for a usage or configuration error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(usage());
      return 2;
    }
    if (args[0].equals("--help") || args[0].equals("help")) {
      out.print(usage());
      return 0;
    }
    if (args[0].equals("cache")) {
      return CacheCommandLine.run(args, env, out, err);
    }
    if (!args[0].equals("start")) {
      err.println("larder: unknown command '" + args[0] + "'\n");
      err.print(usage());
      return 2;
    }
    ServerConfig config;
    AccessKey defaultKey;
    try {
      Map<String, String> flags = parseFlags(args);
      if (flags.containsKey("help")) {
        out.print(usage());
        return 0;
      }
      config = ConfigLoader.load(flags, env);
      defaultKey = defaultKey(env);
    } catch (ConfigException e) {
      err.println("larder: " + e.getMessage());
      err.println("Run 'larder --help' for every setting and its allowed values.");
      return 2;
    }
    return serve(config, defaultKey, env.get("LARDER_ADMIN_TOKEN"), out, err);
  }

  /** Runs the server until SIGTERM or SIGINT, then stops it in order. */
  private static int serve(
      ServerConfig config,
      AccessKey defaultKey,
      String adminToken,
      PrintStream out,
      PrintStream err) {
    // Installed before starting, so a stop asked for during start-up, or the instant the banner
    // appears, takes the orderly path too.
    CountDownLatch stopRequested = onStopSignal();
    LarderServer server;
    try {
      server = LarderServer.start(config, defaultKey, adminToken);
    } catch (Exception e) {
      err.printf(
          "larder: cannot start (bind %s, port %d, data directory %s): %s%n",
          config.bind(), config.port(), config.dataDir().toAbsolutePath().normalize(), e);
      // An I/O failure (port taken, directory not writable) is the operator's to fix, and the
      // line above says what it is; anything else is a bug, and its stack trace helps find it.
      if (!(e instanceof IOException)) {
        e.printStackTrace(err);
      }
      return 1;
    }
    // Closes the server when the JVM ends any other way (SIGHUP, System.exit elsewhere).
    Thread hook = new Thread(server::close, "larder-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    printBanner(server, out);
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop as if signalled
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      return 0; // the JVM is already ending, and the hook is closing the server
    }
    try {
      server.close();
    } catch (RuntimeException e) {
      err.println("larder: error while stopping: " + e);
      e.printStackTrace(err);
      return 1;
    }
    out.println("Larder stopped.");
    return 0;
  }

  /**
   * Returns a latch that SIGTERM or SIGINT (Ctrl-C) counts down.
   *
   * <p>The JVM's own handlers for these signals run the shutdown hooks and then exit with 128 + the
   * signal number (143 for SIGTERM), which supervisors such as systemd, or a script under {@code
   * set -e}, read as a failure. Taking the signals here lets {@link #serve} close the server in
   * order and exit 0, as Redis does. A second signal while stopping halts at once with the
   * conventional status, for an operator who does not want to wait.
   */
  private static CountDownLatch onStopSignal() {
    CountDownLatch stopRequested = new CountDownLatch(1);
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(
          new Signal(name),
          signal -> {
            if (stopRequested.getCount() == 0) {
              Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            stopRequested.countDown();
          });
    }
    return stopRequested;
  }

  private static AccessKey defaultKey(Map<String, String> env) {
    String key = env.get("LARDER_DEFAULT_KEY");
    if (key == null || key.isBlank()) {
      return null;
    }
    try {
      return AccessKey.of(key.trim());
    } catch (IllegalArgumentException e) {
      // The key is a secret: name the variable, never echo its value.
      throw new ConfigException("invalid value for LARDER_DEFAULT_KEY: " + e.getMessage());
    }
  }

  /** {@code --name value} and {@code --name=value} pairs after the subcommand. */
  static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException(
            "unexpected argument '" + arg + "'; settings are given as --name value");
      }
      String name = arg.substring(2);
      if (name.equals("help")) {
        flags.put("help", "");
        continue;
      }
      int equals = name.indexOf('=');
      if (equals > 0) {
        flags.put(name.substring(0, equals), name.substring(equals + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        // No setting takes a value starting with "--", so "--port --bind x" is a missing value,
        // not a port named "--bind".
        flags.put(name, args[++i]);
      } else {
        throw new ConfigException("the flag --" + name + " needs a value");
      }
    }
    return flags;
  }

  private static void printBanner(LarderServer server, PrintStream out) {
    ServerConfig config = server.config();
    Tenant tenant = server.tenants().get(TenantRegistry.DEFAULT);
    String host = urlHost(config.bind());
    out.printf("Larder is serving RESP on redis://%s:%d%n", host, server.port());
    if (tenant != null) {
      out.printf("Cache 'default'%n");
      out.printf("  primary key:  %s%n", tenant.primaryKey().text());
      out.printf(
          "  connect with: redis-cli -p %d --user default --pass %s%n",
          server.port(), tenant.primaryKey().text());
      out.printf(
          "  URL:          redis://default:%s@%s:%d%n",
          tenant.primaryKey().text(), host, server.port());
    } else {
      out.printf("Cache 'default' was deleted; './larder cache list' shows the caches.%n");
    }
    out.printf(
        "Admin API:      http://%s:%d/api (caches: ./larder cache --help)%n",
        host, server.adminPort());
    out.printf(
        "Admin token:    %s%n",
        server.adminToken().file() == null
            ? "from LARDER_ADMIN_TOKEN"
            : server.adminToken().file().toAbsolutePath().normalize());
    out.printf(
        "Data directory: %s (appendfsync %s)%n",
        config.dataDir().toAbsolutePath().normalize(),
        config.appendOnly() ? config.appendFsync().configName() : "off");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** The host to put in a URL: a wildcard bind means "this machine"; IPv6 needs brackets. */
  static String urlHost(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
      return "localhost";
    }
    return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
  }

  static String usage() {
    return "Usage: larder start [--port 6380] [--admin-port 8080] [--bind 127.0.0.1]\n"
        + "                    [--data-dir ./data] [--config FILE] [--setting value ...]\n\n"
        + "Settings (flag > environment > file > default):\n"
        + ConfigLoader.describe()
        + "\nEnvironment: LARDER_ADMIN_TOKEN fixes the admin token, LARDER_DEFAULT_KEY the primary\n"
        + "key of the cache 'default'; LARDER_CONFIG names the configuration file.\n"
        + "\nUsage: larder cache create|list|show|keys|regenerate|delete [NAME ...] [--json]\n"
        + "  manages a running server's caches through its admin API ('larder cache --help').\n";
  }
}
