package io.larder.server.command;

import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands COUNT, INFO, DOCS, LIST and HELP, answered from the registered {@link
 * CommandSpec}s, so what clients learn is exactly what the dispatcher enforces.
 *
 * <p>COMMAND INFO gives Redis 7's ten fields: name, arity, flags, first key, last key, key step,
 * ACL categories ({@link AclCategories}), tips (none), key specifications (none: specs model the
 * legacy key range only, which is in fields four to six) and subcommands. COMMAND DOCS gives
 * summary, since and group (and the subcommands' docs); complexity and arguments are not modelled.
 * COMMAND GETKEYS is not offered.
 */
public final class IntrospectionCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {
    registry.register(
        command("command", -1)
            .flags(LOADING, STALE)
            .group("server")
            .doc("2.8.13", "Returns detailed information about all commands.")
            .subcommands(
                subcommand("command|count", 2, "2.8.13", "Returns a count of commands.")
                    .handledBy(request -> request.reply().integer(specs(request).size())),
                subcommand(
                        "command|docs",
                        -2,
                        "7.0.0",
                        "Returns documentary information about one, multiple or all commands.")
                    .handledBy(this::docs),
                subcommand(
                        "command|info",
                        -2,
                        "2.8.13",
                        "Returns information about one, multiple or all commands.")
                    .handledBy(this::info),
                subcommand("command|list", -2, "7.0.0", "Returns a list of command names.")
                    .handledBy(this::list),
                subcommand(
                        "command|help",
                        2,
                        "5.0.0",
                        "Returns helpful text about the different subcommands.")
                    .handledBy(this::help))
            .handledBy(this::all));
  }

  private static CommandSpec.Builder subcommand(
      String name, int arity, String since, String summary) {
    return command(name, arity).flags(LOADING, STALE).group("server").doc(since, summary);
  }

  private static List<CommandSpec> specs(Request request) {
    return request.server().commands().all();
  }

  /** Bare COMMAND: the info of every command. */
  private void all(Request request) {
    RespWriter reply = request.reply();
    List<CommandSpec> specs = specs(request);
    reply.arrayHeader(specs.size());
    specs.forEach(spec -> writeInfo(reply, spec));
  }

  /** Unknown names get a null in their place. */
  private void info(Request request) {
    if (request.argCount() == 2) {
      all(request);
      return;
    }
    RespWriter reply = request.reply();
    reply.arrayHeader(request.argCount() - 2L);
    for (int i = 2; i < request.argCount(); i++) {
      CommandSpec spec = find(request, request.text(i));
      if (spec == null) {
        reply.nullBulk();
      } else {
        writeInfo(reply, spec);
      }
    }
  }

  /** Unknown names are left out. */
  private void docs(Request request) {
    List<CommandSpec> found = new ArrayList<>();
    if (request.argCount() == 2) {
      found.addAll(specs(request));
    }
    for (int i = 2; i < request.argCount(); i++) {
      CommandSpec spec = find(request, request.text(i));
      if (spec != null) {
        found.add(spec);
      }
    }
    RespWriter reply = request.reply();
    reply.mapHeader(found.size());
    for (CommandSpec spec : found) {
      reply.bulk(spec.name());
      writeDocs(reply, spec);
    }
  }

  /** {@code COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]}. */
  private void list(Request request) {
    Predicate<CommandSpec> filter;
    if (request.argCount() == 2) {
      filter = spec -> true;
    } else if (request.argCount() == 5 && request.is(2, "FILTERBY")) {
      String argument = request.text(4);
      if (request.is(3, "MODULE")) {
        filter = spec -> false; // no modules
      } else if (request.is(3, "ACLCAT")) {
        filter = spec -> AclCategories.contains(spec, argument);
      } else if (request.is(3, "PATTERN")) {
        GlobPattern pattern = GlobPattern.ignoringCase(request.arg(4));
        filter = spec -> pattern.matches(spec.name().getBytes(StandardCharsets.UTF_8));
      } else {
        throw CommandException.SYNTAX;
      }
    } else {
      throw CommandException.SYNTAX;
    }
    List<String> names = new ArrayList<>();
    for (CommandSpec spec : specs(request)) {
      if (filter.test(spec)) {
        names.add(spec.name());
      }
      spec.subcommands().stream().filter(filter).forEach(sub -> names.add(sub.name()));
    }
    RespWriter reply = request.reply();
    reply.arrayHeader(names.size());
    names.forEach(reply::bulk);
  }

  private void help(Request request) {
    SubcommandHelp.reply(
        request.reply(),
        "command",
        "(no subcommand)",
        "    Return details about all commands.",
        "COUNT",
        "    Return the total number of commands in this server.",
        "LIST",
        "    Return a list of all commands in this server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.");
  }

  /** A command by name, any case, or a subcommand by its full name ({@code config|get}). */
  private static CommandSpec find(Request request, String name) {
    int bar = name.indexOf('|');
    if (bar < 0) {
      return request.server().commands().lookup(name);
    }
    CommandSpec container = request.server().commands().lookup(name.substring(0, bar));
    return container == null ? null : container.subcommand(name.substring(bar + 1));
  }

  /**
   * Redis's layout, down to the RESP3 types: flags, categories, tips and key specs are sets, as is
   * an empty subcommand list; a non-empty one is an array.
   */
  static void writeInfo(RespWriter reply, CommandSpec spec) {
    reply.arrayHeader(10);
    reply.bulk(spec.name());
    reply.integer(spec.arity());
    // Flags in Redis's order, which the enum follows (the spec keeps them in a plain set).
    List<CommandFlag> flags =
        spec.flags().isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(spec.flags()));
    reply.setHeader(flags.size());
    flags.forEach(flag -> reply.simple(flag.redisName()));
    reply.integer(spec.firstKey());
    reply.integer(spec.lastKey());
    reply.integer(spec.keyStep());
    List<String> categories = AclCategories.of(spec);
    reply.setHeader(categories.size());
    categories.forEach(reply::simple);
    reply.setHeader(0); // tips
    reply.setHeader(0); // key specifications
    if (spec.subcommands().isEmpty()) {
      reply.setHeader(0);
    } else {
      reply.arrayHeader(spec.subcommands().size());
      spec.subcommands().forEach(sub -> writeInfo(reply, sub));
    }
  }

  private static void writeDocs(RespWriter reply, CommandSpec spec) {
    boolean container = !spec.subcommands().isEmpty();
    reply.mapHeader(container ? 4 : 3);
    reply.bulk("summary");
    reply.bulk(spec.summary());
    reply.bulk("since");
    reply.bulk(spec.since());
    reply.bulk("group");
    reply.bulk(spec.group());
    if (container) {
      reply.bulk("subcommands");
      reply.mapHeader(spec.subcommands().size());
      for (CommandSpec sub : spec.subcommands()) {
        reply.bulk(sub.name());
        writeDocs(reply, sub);
      }
    }
  }
}
