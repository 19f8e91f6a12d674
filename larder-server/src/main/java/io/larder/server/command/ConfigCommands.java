package io.larder.server.command;

import static io.larder.server.command.CommandFlag.ADMIN;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.NOSCRIPT;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.config.ServerConfig;
import io.larder.server.resp.RespWriter;
import io.larder.server.tenant.CacheStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * CONFIG GET, SET, RESETSTAT and HELP, as a cache user sees the server.
 *
 * <p>CONFIG GET answers this subset, with Redis's names and value formats:
 *
 * <ul>
 *   <li>{@code maxmemory} and {@code maxmemory-policy}: the caller's cache's memory quota and
 *       eviction policy (set through the management API, not CONFIG SET);
 *   <li>{@code appendonly}, {@code appendfsync}: the server's persistence settings;
 *   <li>{@code save} (empty: Larder takes no snapshots), {@code databases} (1: a cache has one),
 *       {@code timeout} (0: idle clients are never closed);
 *   <li>{@code maxclients}, {@code proto-max-bulk-len}: the server's limits;
 *   <li>{@code port}, {@code bind}: the port the client is connected to and the configured listen
 *       address, both of which the client knows already;
 *   <li>{@code notify-keyspace-events}: the caller's cache's keyspace notifications, in Redis's
 *       normalized form (see {@code KeyspaceNotifier}).
 * </ul>
 *
 * Anything else, notably {@code dir} and every other path, is not shown: a cache user has no
 * business with the host's file system, so those names match nothing, as unknown names do in Redis.
 *
 * <p>CONFIG SET changes {@code notify-keyspace-events} of the caller's cache only (Spring Session
 * sets it at start-up). Everything else is the server's, shared by every cache, so no cache user
 * may change it: setting a listed parameter to the value it already has succeeds (so clients that
 * "ensure" a setting at start-up work); any other value is refused with Redis's error for protected
 * configs, and unlisted names with its error for unknown ones. As in Redis, a CONFIG SET of several
 * parameters changes all of them or none.
 *
 * <p>CONFIG RESETSTAT resets the caller's cache's counters (hits, misses, commands, expired and
 * evicted keys), never another cache's or the server-wide ones.
 */
public final class ConfigCommands implements CommandFamily {
  /** The one parameter a cache user may change: its cache's keyspace notifications. */
  private static final String NOTIFY_KEYSPACE_EVENTS = "notify-keyspace-events";

  /** The parameters CONFIG GET shows, in the order it lists them, with how to read each. */
  private static final Map<String, Function<Request, String>> PARAMETERS = parameters();

  @Override
  public void register(CommandRegistry registry) {
    registry.register(
        command("config", -2)
            .group("server")
            .doc("2.0.0", "A container for server configuration commands.")
            .subcommands(
                subcommand(
                        "config|get",
                        -3,
                        "Returns the effective values of configuration parameters.")
                    .handledBy(this::get),
                subcommand(
                        "config|set",
                        -4,
                        "Sets configuration parameters (only to their current values).")
                    .handledBy(this::set),
                subcommand("config|resetstat", 2, "Resets the cache's statistics.")
                    .handledBy(this::resetStat),
                command("config|help", 2)
                    .flags(LOADING, STALE)
                    .group("server")
                    .doc("5.0.0", "Returns helpful text about the different subcommands.")
                    .handledBy(this::help))
            .container());
  }

  private static CommandSpec.Builder subcommand(String name, int arity, String summary) {
    return command(name, arity)
        .flags(ADMIN, NOSCRIPT, LOADING, STALE)
        .group("server")
        .doc("2.0.0", summary);
  }

  private static Map<String, Function<Request, String>> parameters() {
    Map<String, Function<Request, String>> parameters = new LinkedHashMap<>();
    parameters.put("maxmemory", request -> Long.toString(request.keyspace().limits().quotaBytes()));
    parameters.put("maxmemory-policy", request -> request.keyspace().limits().policy().redisName());
    parameters.put("appendonly", request -> config(request).appendOnly() ? "yes" : "no");
    parameters.put("appendfsync", request -> config(request).appendFsync().configName());
    parameters.put("save", request -> "");
    parameters.put("databases", request -> "1");
    parameters.put("timeout", request -> "0");
    parameters.put("maxclients", request -> Integer.toString(config(request).maxClients()));
    parameters.put("proto-max-bulk-len", request -> Long.toString(config(request).maxBulkLength()));
    parameters.put(
        "port",
        request -> Integer.toString(InfoReport.localPort(request.client(), config(request))));
    parameters.put("bind", request -> config(request).bind());
    parameters.put(
        NOTIFY_KEYSPACE_EVENTS, request -> request.tenant().pubsub().notifier().configuration());
    return parameters;
  }

  private static ServerConfig config(Request request) {
    return request.server().config();
  }

  /**
   * Redis's rules: a name without glob characters is looked up and echoed as given; a pattern
   * matches names ignoring case and yields them as they are spelled; each parameter once.
   */
  private void get(Request request) {
    Map<String, String> matches = new LinkedHashMap<>(); // as shown -> parameter name
    for (int i = 2; i < request.argCount(); i++) {
      String asked = request.text(i);
      if (!containsGlob(asked)) {
        String name = asked.toLowerCase(Locale.ROOT);
        if (PARAMETERS.containsKey(name) && !matches.containsValue(name)) {
          matches.put(asked, name);
        }
        continue;
      }
      GlobPattern pattern = GlobPattern.ignoringCase(request.arg(i));
      for (String name : PARAMETERS.keySet()) {
        if (!matches.containsValue(name)
            && pattern.matches(name.getBytes(StandardCharsets.US_ASCII))) {
          matches.put(name, name);
        }
      }
    }
    RespWriter reply = request.reply();
    reply.mapHeader(matches.size());
    matches.forEach(
        (shownName, name) -> {
          reply.bulk(shownName);
          reply.bulk(PARAMETERS.get(name).apply(request));
        });
  }

  private static boolean containsGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
  }

  /** Checks every pair in order and reports the first problem, as Redis does. */
  private void set(Request request) {
    if (request.argCount() % 2 != 0) {
      throw CommandException.SYNTAX;
    }
    List<String> seen = new ArrayList<>();
    for (int i = 2; i < request.argCount(); i += 2) {
      String asked = request.text(i);
      String name = asked.toLowerCase(Locale.ROOT);
      Function<Request, String> current = PARAMETERS.get(name);
      if (current == null) {
        throw new CommandException(
            "ERR Unknown option or number of arguments for CONFIG SET - '" + asked + "'");
      }
      boolean settable = name.equals(NOTIFY_KEYSPACE_EVENTS);
      if (!settable && !current.apply(request).equalsIgnoreCase(request.text(i + 1))) {
        throw setFailed(asked, "can't set protected config");
      }
      if (seen.contains(name)) {
        throw setFailed(asked, "duplicate parameter");
      }
      seen.add(name);
    }
    int notify = seen.indexOf(NOTIFY_KEYSPACE_EVENTS);
    if (notify >= 0) {
      // after every other check, so a refused CONFIG SET changes nothing; a bad value is reported
      // under the parameter's own name, however it was spelt, as Redis does
      String classes = request.text(2 + 2 * notify + 1);
      try {
        request.tenant().pubsub().notifier().configure(classes);
      } catch (IllegalArgumentException e) {
        throw setFailed(NOTIFY_KEYSPACE_EVENTS, e.getMessage());
      }
    }
    request.reply().ok();
  }

  private static CommandException setFailed(String name, String reason) {
    return new CommandException(
        "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
  }

  private void resetStat(Request request) {
    CacheStats stats = request.tenant().stats();
    stats.commands.reset();
    stats.hits.reset();
    stats.misses.reset();
    stats.expiredKeys.reset();
    stats.evictedKeys.reset();
    request.reply().ok();
  }

  private void help(Request request) {
    SubcommandHelp.reply(
        request.reply(),
        "config",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value> (only to its current value here).",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.");
  }
}
