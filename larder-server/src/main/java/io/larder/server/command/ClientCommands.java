package io.larder.server.command;

import static io.larder.server.command.CommandFlag.ADMIN;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.NOSCRIPT;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.resp.RespWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * CLIENT: the connection's own identity (ID, INFO, GETNAME, SETNAME, SETINFO) and the other
 * connections of its cache (LIST, KILL), with Redis 7.2 replies and errors.
 *
 * <p>Tenant isolation: LIST and KILL see only the connections authenticated to the caller's cache,
 * so to a cache user the server looks as if its cache's clients were the only ones. KILL's {@code
 * USER} filter takes a cache name; any name but the caller's own is answered like an unknown ACL
 * user, which reveals nothing about the caches that exist.
 *
 * <p>Deliberate differences: every Larder connection is of type {@code normal} (there are no
 * replicas or masters), and the buffer and descriptor fields of a CLIENT LIST line are reported as
 * zero ({@code fd=-1}), since Netty owns those and they mean nothing to a cache user.
 */
public final class ClientCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {
    registry.register(
        command("client", -2)
            .group("connection")
            .doc("2.4.0", "A container for client connection commands.")
            .subcommands(
                subcommand(
                        "client|id", 2, "5.0.0", "Returns the unique client ID of the connection.")
                    .handledBy(request -> request.reply().integer(request.client().id())),
                subcommand("client|info", 2, "6.2.0", "Returns information about the connection.")
                    .handledBy(this::info),
                subcommand("client|list", -2, "2.4.0", "Lists the open connections of this cache.")
                    .flags(ADMIN, NOSCRIPT, LOADING, STALE)
                    .handledBy(this::list),
                subcommand("client|kill", -3, "2.4.0", "Terminates open connections of this cache.")
                    .flags(ADMIN, NOSCRIPT, LOADING, STALE)
                    .handledBy(this::kill),
                subcommand("client|getname", 2, "2.6.9", "Returns the name of the connection.")
                    .handledBy(this::getName),
                subcommand("client|setname", 3, "2.6.9", "Sets the connection name.")
                    .handledBy(this::setName),
                subcommand(
                        "client|setinfo",
                        4,
                        "7.2.0",
                        "Sets information specific to the client or connection.")
                    .handledBy(this::setInfo),
                subcommand(
                        "client|help",
                        2,
                        "5.0.0",
                        "Returns helpful text about the different subcommands.")
                    .flags(LOADING, STALE)
                    .handledBy(this::help))
            .container());
  }

  /** A CLIENT subcommand with the flags most of them share. */
  private static CommandSpec.Builder subcommand(
      String name, int arity, String since, String summary) {
    return command(name, arity)
        .flags(NOSCRIPT, LOADING, STALE)
        .group("connection")
        .doc(since, summary);
  }

  private void info(Request request) {
    request.reply().verbatim(describe(request.client(), System.currentTimeMillis()) + "\n");
  }

  private void list(Request request) {
    List<ClientSession> clients = sameCache(request);
    StringBuilder lines = new StringBuilder();
    long now = System.currentTimeMillis();
    if (request.argCount() == 4 && request.is(2, "TYPE")) {
      String type = clientType(request.text(3));
      clients.stream()
          .filter(client -> typeOf(client).equals(type))
          .forEach(client -> lines.append(describe(client, now)).append('\n'));
    } else if (request.argCount() > 3 && request.is(2, "ID")) {
      // Redis lists the ids in the order given, repeats included.
      for (int i = 3; i < request.argCount(); i++) {
        Long id = Numbers.tryParseLong(request.arg(i));
        if (id == null) {
          throw new CommandException("ERR Invalid client ID");
        }
        clients.stream()
            .filter(client -> client.id() == id)
            .forEach(client -> lines.append(describe(client, now)).append('\n'));
      }
    } else if (request.argCount() == 2) {
      clients.forEach(client -> lines.append(describe(client, now)).append('\n'));
    } else {
      throw CommandException.SYNTAX;
    }
    request.reply().verbatim(lines.toString());
  }

  private void kill(Request request) {
    if (request.argCount() == 3) {
      killByAddress(request);
      return;
    }
    KillFilter filter = KillFilter.parse(request);
    ClientSession caller = request.client();
    int killed = 0;
    for (ClientSession client : sameCache(request)) {
      if (filter.matches(client, caller)) {
        disconnect(client, caller);
        killed++;
      }
    }
    request.reply().integer(killed);
  }

  /** The old form {@code CLIENT KILL ip:port}: may kill the caller, errs when nothing matched. */
  private static void killByAddress(Request request) {
    String address = request.text(2);
    ClientSession caller = request.client();
    boolean killed = false;
    for (ClientSession client : sameCache(request)) {
      if (client.address().equals(address)) {
        disconnect(client, caller);
        killed = true;
      }
    }
    if (!killed) {
      throw new CommandException("ERR No such client");
    }
    request.reply().ok();
  }

  /** The caller itself gets its reply before it is closed, as in Redis. */
  private static void disconnect(ClientSession client, ClientSession caller) {
    if (client == caller) {
      caller.closeAfterReply();
    } else {
      client.close();
    }
  }

  private void getName(Request request) {
    String name = request.client().name();
    if (name.isEmpty()) {
      request.reply().nullBulk();
    } else {
      request.reply().bulk(name);
    }
  }

  private void setName(Request request) {
    String name = request.text(2);
    ClientCommandsSupport.checkName(name);
    request.client().name(name);
    request.reply().ok();
  }

  private void setInfo(Request request) {
    String attribute = request.text(2);
    boolean libraryName = request.is(2, "LIB-NAME");
    if (!libraryName && !request.is(2, "LIB-VER")) {
      throw new CommandException("ERR Unrecognized option '" + attribute + "'");
    }
    String value = request.text(3);
    if (!ClientCommandsSupport.isPrintableWord(value)) {
      throw new CommandException(
          "ERR " + attribute + " cannot contain spaces, newlines or special characters.");
    }
    if (libraryName) {
      request.client().libraryName(value);
    } else {
      request.client().libraryVersion(value);
    }
    request.reply().ok();
  }

  private void help(Request request) {
    RespWriter reply = request.reply();
    SubcommandHelp.reply(
        reply,
        "client",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections of this cache. Options are:",
        "    * ID <client-id>",
        "      Kill connections by client id.",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections of this cache. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "    * ID <client-id> [<client-id> ...]",
        "      Return clients of specified IDs only.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.");
  }

  /** The connections of the caller's cache, oldest first (Redis lists in connection order). */
  private static List<ClientSession> sameCache(Request request) {
    return request.server().clients().all().stream()
        .filter(client -> client.tenant() == request.tenant())
        .sorted(Comparator.comparingLong(ClientSession::id))
        .toList();
  }

  /**
   * A client type as Redis names it in TYPE filters ({@code replica} is {@code slave}); Larder
   * clients are {@code normal} or, while subscribed, {@code pubsub}.
   */
  static String clientType(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "normal", "master", "slave", "pubsub" -> type.toLowerCase(Locale.ROOT);
      case "replica" -> "slave";
      default -> throw new CommandException("ERR Unknown client type '" + type + "'");
    };
  }

  /** The type of a connected client: {@code pubsub} while it has subscriptions. */
  static String typeOf(ClientSession client) {
    return client.subscribed() ? "pubsub" : "normal";
  }

  /** One line of CLIENT LIST / CLIENT INFO, field for field as Redis 7.2 prints it. */
  private static String describe(ClientSession client, long now) {
    return "id="
        + client.id()
        + " addr="
        + client.address()
        + " laddr="
        + client.localAddress()
        + " fd=-1 name="
        + client.name()
        + " age="
        + (now - client.createdAt()) / 1000
        + " idle="
        + (now - client.lastInteraction()) / 1000
        + (client.subscribed() ? " flags=P" : " flags=N")
        + " db=0 sub="
        + (client.subscriptions() == null ? 0 : client.subscriptions().channelCount())
        + " psub="
        + (client.subscriptions() == null ? 0 : client.subscriptions().patternCount())
        + " ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0"
        + " rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd="
        + client.lastCommand()
        + " user="
        + (client.tenant() == null ? "default" : client.tenant().name())
        + " redir=-1 resp="
        + client.protocol()
        + " lib-name="
        + client.libraryName()
        + " lib-ver="
        + client.libraryVersion();
  }
}
