package io.larder.server.command;

import io.larder.server.resp.RespWriter;
import java.util.Locale;

/** The {@code <CONTAINER> HELP} reply, in the layout Redis uses: one status line per text line. */
final class SubcommandHelp {
  private SubcommandHelp() {}

  /**
   * Replies with the usage line, then lines (subcommand, indented explanation …), then the entry
   * for HELP itself, which every container has.
   */
  static void reply(RespWriter reply, String command, String... lines) {
    reply.arrayHeader(lines.length + 3L);
    reply.simple(
        command.toUpperCase(Locale.ROOT)
            + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    for (String line : lines) {
      reply.simple(line);
    }
    reply.simple("HELP");
    reply.simple("    Prints this help.");
  }
}
