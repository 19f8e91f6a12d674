package io.larder.server;

import io.larder.server.config.ConfigException;
import io.larder.server.config.ConfigLoader;
import io.larder.server.config.ServerConfig;
import io.larder.server.tenant.AccessKey;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantRegistry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The {@code larder} command line: {@code larder start [--setting value …]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    if (!args[0].equals("start")) {
      err.println("larder: unknown command '" + args[0] + "'\n");
      err.print(usage());
      return 2;
    }
    try {
      Map<String, String> flags = parseFlags(args);
      if (flags.containsKey("help")) {
        out.print(usage());
        return 0;
      }
      ServerConfig config = ConfigLoader.load(flags, env);
      AccessKey defaultKey = defaultKey(env);
      LarderServer server = LarderServer.start(config, defaultKey, env.get("LARDER_ADMIN_TOKEN"));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    server.close();
                    stopped.countDown();
                  },
                  "larder-shutdown"));
      printBanner(server, out);
      stopped.await();
      return 0;
    } catch (ConfigException e) {
      err.println("larder: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("larder: cannot start: " + e.getMessage());
      e.printStackTrace(err);
      return 1;
    }
  }

  private static AccessKey defaultKey(Map<String, String> env) {
    String key = env.get("LARDER_DEFAULT_KEY");
    if (key == null || key.isBlank()) {
      return null;
    }
    try {
      return AccessKey.of(key.trim());
    } catch (IllegalArgumentException e) {
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
      } else if (i + 1 < args.length) {
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
    String host = config.bind().equals("0.0.0.0") ? "localhost" : config.bind();
    out.printf("Larder is serving RESP on redis://%s:%d%n", host, server.port());
    out.printf("Cache 'default'%n");
    out.printf("  primary key:  %s%n", tenant.primaryKey().text());
    out.printf(
        "  connect with: redis-cli -p %d --user default --pass %s%n",
        server.port(), tenant.primaryKey().text());
    out.printf(
        "  URL:          redis://default:%s@%s:%d%n",
        tenant.primaryKey().text(), host, server.port());
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

  static String usage() {
    return "Usage: larder start [--port 6380] [--admin-port 8080] [--bind 127.0.0.1]\n"
        + "                    [--data-dir ./data] [--config FILE] [--setting value ...]\n\n"
        + "Settings (flag > environment > file > default):\n"
        + ConfigLoader.describe()
        + "\nEnvironment: LARDER_ADMIN_TOKEN fixes the admin token, LARDER_DEFAULT_KEY the primary\n"
        + "key of the cache 'default'; LARDER_CONFIG names the configuration file.\n";
  }
}
