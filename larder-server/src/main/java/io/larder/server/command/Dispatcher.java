package io.larder.server.command;

import io.larder.server.persist.Durability;
import io.larder.server.resp.RespWriter;
import io.larder.server.tenant.Tenant;
import java.nio.charset.StandardCharsets;

/**
 * Decides what happens to each command: looks it up, checks arity and authentication centrally
 * (handlers never re-check), refuses commands that need memory when the cache is full (-OOM),
 * counts it, and runs its handler. Errors thrown as {@link CommandException} become error replies.
 * Between MULTI and EXEC, a command that passes the checks is queued instead of run, and one that
 * fails them dooms the transaction (see {@link TransactionCommands}).
 */
public final class Dispatcher {
  private static final int ARGS_IN_UNKNOWN_COMMAND_ERROR = 128;

  /** Redis's refusal of a command that needs memory when the cache is full and cannot evict. */
  static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  private final CommandRegistry registry;
  private final ServerStats stats;
  private final Durability durability;

  /**
   * @param durability the persistence in force, or null when persistence is off
   */
  public Dispatcher(CommandRegistry registry, ServerStats stats, Durability durability) {
    this.registry = registry;
    this.stats = stats;
    this.durability = durability;
  }

  public void dispatch(Request request, byte[][] args) {
    RespWriter reply = request.reply();
    ClientSession client = request.client();
    CommandSpec spec = registry.lookup(args[0]);
    if (spec == null) {
      refuse(client, null, reply, unknownCommand(args));
      return;
    }
    if (!spec.subcommands().isEmpty() && !(args.length == 1 && spec.handler() != null)) {
      if (args.length < 2) {
        refuse(client, spec, reply, wrongArity(spec.name()));
        return;
      }
      CommandSpec sub = spec.subcommand(new String(args[1], StandardCharsets.UTF_8));
      if (sub == null) {
        refuse(
            client,
            spec,
            reply,
            "ERR unknown subcommand '"
                + printable(args[1])
                + "'. Try "
                + spec.name().toUpperCase(java.util.Locale.ROOT)
                + " HELP.");
        return;
      }
      spec = sub;
    }
    if (!spec.acceptsArgumentCount(args.length)) {
      refuse(client, spec, reply, wrongArity(spec.name()));
      return;
    }
    if (!client.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
      refuse(client, spec, reply, "NOAUTH Authentication required.");
      return;
    }
    boolean inMulti = client.inMulti();
    boolean needsRoom =
        spec.has(CommandFlag.DENYOOM)
            || (inMulti && TransactionCommands.refusedWhenFullInsideMulti(spec));
    if (needsRoom && !hasRoom(client)) {
      refuse(client, spec, reply, OOM);
      return;
    }
    if (spec.has(CommandFlag.WRITE) && durability != null && durability.failing()) {
      refuse(client, spec, reply, misconf(durability.lastError()));
      return;
    }
    if (client.subscribed()
        && client.protocol() == 2
        && !PubSubCommands.allowedWhileSubscribed(spec)) {
      refuse(client, spec, reply, PubSubCommands.notAllowedWhileSubscribed(spec));
      return;
    }
    if (inMulti && TransactionCommands.queuedInsideMulti(spec)) {
      client.lastCommand(spec.name());
      TransactionCommands.queue(request, args, spec);
      return;
    }
    run(request, args, spec, stats);
  }

  /** Runs a checked command: counts it and calls its handler (EXEC runs queued commands so). */
  static void run(Request request, byte[][] args, CommandSpec spec, ServerStats stats) {
    ClientSession client = request.client();
    if (spec.has(CommandFlag.WRITE)) {
      client.wrote();
    }
    stats.commandsProcessed.increment();
    client.lastCommand(spec.name());
    if (client.tenant() != null) {
      client.tenant().stats().commands.increment();
    }
    request.start(args, spec);
    try {
      spec.handler().handle(request);
    } catch (CommandException e) {
      request.reply().error(e.getMessage());
    }
  }

  /**
   * Answers a command refused before it ran (spec is null for an unknown one). Inside MULTI, that
   * dooms the transaction; a refused EXEC discards it at once.
   */
  private static void refuse(
      ClientSession client, CommandSpec spec, RespWriter reply, String error) {
    if (spec != null && TransactionCommands.isExec(spec)) {
      TransactionCommands.abort(client, reply, error);
      return;
    }
    client.refused();
    reply.error(error);
  }

  /**
   * Whether the caller's cache may take a command that needs memory. Under an evicting policy this
   * evicts first when the cache is over its quota, as Redis's performEvictions does before every
   * command; the engine also evicts after each write, so this finds the cache over its quota only
   * while other writers' evictions are under way, or when nothing may be evicted (noeviction, or no
   * key with an expiry under a volatile policy), which is when Redis answers -OOM.
   */
  static boolean hasRoom(ClientSession client) {
    Tenant tenant = client.tenant();
    return tenant == null || tenant.keyspace().freeMemoryIfNeeded();
  }

  /** Redis's refusal while the append-only log cannot be written. */
  static String misconf(java.io.IOException error) {
    String reason = error == null ? "unknown error" : String.valueOf(error.getMessage());
    return "MISCONF Errors writing to the AOF file: " + reason;
  }

  private static String wrongArity(String name) {
    return "ERR wrong number of arguments for '" + name + "' command";
  }

  /** Redis's text: the name, then the first arguments (128 characters at most), each quoted. */
  private static String unknownCommand(byte[][] args) {
    StringBuilder quoted = new StringBuilder();
    for (int i = 1; i < args.length && quoted.length() < ARGS_IN_UNKNOWN_COMMAND_ERROR; i++) {
      String arg = printable(args[i]);
      int room = ARGS_IN_UNKNOWN_COMMAND_ERROR - quoted.length();
      quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
    }
    return "ERR unknown command '" + printable(args[0]) + "', with args beginning with: " + quoted;
  }

  /**
   * Text fit for an error line: byte for byte (ISO-8859-1, as {@link RespWriter#error} writes it),
   * with CR and LF replaced by spaces so the reply stays one line, as Redis does.
   */
  static String printable(byte[] arg) {
    String text = new String(arg, 0, Math.min(arg.length, 128), StandardCharsets.ISO_8859_1);
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}
