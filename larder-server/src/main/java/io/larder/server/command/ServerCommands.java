package io.larder.server.command;

import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.READONLY;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandFlag.WRITE;
import static io.larder.server.command.CommandSpec.command;

import java.time.Instant;

/**
 * Server commands: DBSIZE, FLUSHDB, FLUSHALL, TIME and INFO.
 *
 * <p>All of them are scoped to the caller's cache (DESIGN.md D2): DBSIZE counts its keys, FLUSHDB
 * and FLUSHALL both empty it (a cache has one database, and "all databases" must not reach other
 * caches), and INFO reports its figures only (see {@link InfoReport}). ASYNC and SYNC are accepted
 * and both flush at once: clearing the keyspace does not block other caches.
 */
public final class ServerCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            command("dbsize", 1)
                .flags(READONLY, FAST)
                .group("server")
                .doc("1.0.0", "Returns the number of keys in the cache.")
                .handledBy(request -> request.reply().integer(request.keyspace().size())))
        .register(
            command("flushdb", -1)
                .flags(WRITE)
                .group("server")
                .doc("1.0.0", "Removes all keys from the cache.")
                .handledBy(this::flush))
        .register(
            command("flushall", -1)
                .flags(WRITE)
                .group("server")
                .doc("1.0.0", "Removes all keys from the cache (never from other caches).")
                .handledBy(this::flush))
        .register(
            command("time", 1)
                .flags(LOADING, STALE, FAST)
                .group("server")
                .doc("2.6.0", "Returns the server time.")
                .handledBy(this::time))
        .register(
            command("info", -1)
                .flags(LOADING, STALE)
                .group("server")
                .doc("1.0.0", "Returns information and statistics about the server and the cache.")
                .handledBy(request -> request.reply().verbatim(InfoReport.of(request))));
  }

  private void flush(Request request) {
    if (request.argCount() > 2
        || (request.argCount() == 2 && !request.is(1, "ASYNC") && !request.is(1, "SYNC"))) {
      throw CommandException.SYNTAX;
    }
    request.keyspace().clear();
    request.reply().ok();
  }

  /** Unix time in seconds and the microseconds within the second, both as bulk strings. */
  private void time(Request request) {
    Instant now = Instant.now();
    request.reply().arrayHeader(2);
    request.reply().bulk(now.getEpochSecond());
    request.reply().bulk(now.getNano() / 1000);
  }
}
