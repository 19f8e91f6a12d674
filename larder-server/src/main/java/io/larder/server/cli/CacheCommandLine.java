package io.larder.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code larder cache COMMAND …}: manages caches through the admin REST API of a running server.
 *
 * <p>Exit status: 0 on success and for {@code --help}; 1 when the API refuses (its problem detail
 * is printed as {@code larder: DETAIL}), cannot be reached, or a deletion is not confirmed; 2 for a
 * usage error, an invalid setting, or no admin token.
 *
 * <p>{@code delete} destroys a cache's data and keys, so it asks for the cache's name to be typed
 * back; without a terminal (a script, a pipe) it needs {@code --yes} and refuses otherwise, rather
 * than deleting unasked.
 */
public final class CacheCommandLine {
  private final CliArguments arguments;
  private final AdminClient client;
  private final ObjectMapper json;
  private final CacheOutput output;
  private final PrintStream out;
  private final PrintStream err;
  private final Terminal terminal;

  private CacheCommandLine(
      CliArguments arguments,
      AdminClient client,
      ObjectMapper json,
      PrintStream out,
      PrintStream err,
      Terminal terminal) {
    this.arguments = arguments;
    this.client = client;
    this.json = json;
    this.output = new CacheOutput(json);
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * Runs {@code larder cache …}.
   *
   * @param args the whole command line, {@code args[0]} being {@code cache}
   * @return the exit status
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, Terminal.system());
  }

  static int run(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, Terminal terminal) {
    if (args.length <= 1) {
      err.print(usage());
      return 2;
    }
    try {
      CliArguments arguments = CliArguments.parse(args);
      if (arguments.help()) {
        out.print(usage());
        return 0;
      }
      AdminEndpoint endpoint = AdminEndpoint.resolve(arguments, env);
      ObjectMapper json = new ObjectMapper();
      return new CacheCommandLine(
              arguments, new AdminClient(endpoint, json), json, out, err, terminal)
          .execute();
    } catch (UsageException e) {
      err.println("larder: " + e.getMessage());
      err.println("Run 'larder cache --help' for usage.");
      return 2;
    } catch (AdminException e) {
      err.println("larder: " + e.getMessage());
      return 1;
    }
  }

  private int execute() throws AdminException {
    try {
      return switch (arguments.command()) {
        case CREATE -> create();
        case LIST -> print(client.list(), output::list);
        case SHOW ->
            print(client.show(name()), cache -> output.show(cache, arguments.has("show-keys")));
        case KEYS -> print(client.keys(name()), output::keys);
        case REGENERATE -> regenerate();
        case DELETE -> delete();
      };
    } catch (AdminException e) {
      if (e.status() == 401) {
        throw new AdminException(
            401,
            e.getMessage()
                + "\nThe admin token came from "
                + client.endpoint().tokenSource()
                + "; give the server's token with --token or "
                + AdminEndpoint.TOKEN_VARIABLE
                + ", or point --data-dir at the server's data directory.");
      }
      throw e;
    }
  }

  private int create() throws AdminException {
    ObjectNode settings = json.createObjectNode().put("name", name());
    arguments.value("memory").ifPresent(memory -> settings.put("memory", memory));
    arguments.value("eviction").ifPresent(eviction -> settings.put("eviction", eviction));
    arguments.value("default-ttl").ifPresent(ttl -> settings.put("defaultTtl", ttl));
    if (arguments.has("no-persistence")) {
      settings.put("persistence", false);
    }
    return print(
        client.create(settings),
        cache ->
            "Created cache '"
                + name()
                + "'.\n"
                + output.show(cache, arguments.has("show-keys"))
                + "Its access keys: ./larder cache keys "
                + name()
                + "\n");
  }

  private int regenerate() throws AdminException {
    String which = arguments.operand(1);
    return print(
        client.regenerate(name(), which),
        keys ->
            "Regenerated the "
                + which
                + " key of cache '"
                + name()
                + "'; connections that used the old key were closed.\n"
                + output.keys(keys));
  }

  private int delete() throws AdminException {
    if (!arguments.has("yes")) {
      if (!terminal.interactive()) {
        throw new UsageException(
            "'cache delete' destroys the cache's data and keys; without a terminal to confirm"
                + " on, give --yes");
      }
      JsonNode keys = client.show(name()).path("stats").path("keys");
      String answer =
          terminal.ask(
              "Delete cache '"
                  + name()
                  + "'"
                  + (keys.isNumber() ? " (" + keys.asLong() + " keys)" : "")
                  + " and all its data? Type its name to confirm: ");
      if (answer == null || !answer.trim().equals(name())) {
        err.println("larder: cache '" + name() + "' not deleted: the name typed did not match");
        return 1;
      }
    }
    client.delete(name());
    if (!arguments.has("json")) {
      out.println("Deleted cache '" + name() + "'.");
    }
    return 0;
  }

  /** Prints the answer as JSON with {@code --json}, else as {@code human} renders it. */
  private int print(JsonNode answer, Function<JsonNode, String> human) {
    out.print(arguments.has("json") ? output.json(answer) : human.apply(answer));
    return 0;
  }

  private String name() {
    return arguments.operand(0);
  }

  static String usage() {
    return """
        Usage: larder cache COMMAND [options]

        Manages the caches of a running Larder server through its admin API.

        Commands:
          create NAME        create a cache
              --memory SIZE        memory quota, e.g. 256mb, 1gb
              --eviction POLICY    at the quota: noeviction, allkeys-lru, volatile-lru,
                                   allkeys-random or volatile-ttl
              --default-ttl TIME   expiry of keys written without one, e.g. 30m, 1h, 1d
              --no-persistence     keep the cache in memory only (lost on restart)
          list               every cache with status, keys, memory, ops/s, clients, endpoint
          show NAME          a cache's settings, endpoint and figures
              --show-keys          show the access key in the connection string
          keys NAME          both access keys and their connection strings
          regenerate NAME primary|secondary
                             replace one key; connections that used it are closed
          delete NAME        delete the cache and all its data; asks you to type the
                             name back, or needs --yes when not run from a terminal
              --yes                do not ask

        Options for every command:
          --json             print the API's JSON answer as it is, keys included
                             (delete prints nothing)
          --url URL          the admin API (env LARDER_ADMIN_URL;
                             default http://127.0.0.1:ADMIN-PORT)
          --admin-port PORT  the server's admin port (env LARDER_ADMIN_PORT; default 8080)
          --token TOKEN      the admin token (env LARDER_ADMIN_TOKEN; default: the file
                             admin.token in the data directory). A --token is visible to
                             other users of this machine; prefer the variable or the file.
          --data-dir DIR     the server's data directory (env LARDER_DATA_DIR; default ./data)
          --config FILE      the server's configuration file, read for admin-port, bind
                             and data-dir (env LARDER_CONFIG)

        Sizes are 1024-based (1kb = 1024 bytes). Exit status: 0 done, 1 refused or
        unreachable, 2 usage error.
        """;
  }
}
