package io.larder.server.command;

import static io.larder.server.command.CommandFlag.ALLOW_BUSY;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.NOSCRIPT;
import static io.larder.server.command.CommandFlag.SKIP_SLOWLOG;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.config.ServerConfig;
import io.larder.server.engine.KeyWatch;
import io.larder.server.engine.Keyspace;
import io.larder.server.persist.Durability;
import io.larder.server.resp.RespWriter;
import java.util.List;
import java.util.Set;

/**
 * Transactions: MULTI, EXEC, DISCARD, WATCH and UNWATCH, as Redis 7.0 has them.
 *
 * <p>Queuing is the {@link Dispatcher}'s: between MULTI and EXEC every command goes through the
 * usual checks (unknown command or subcommand, arity, authentication, memory, a failing log); one
 * that fails them is answered with its error at once and dooms the transaction, so EXEC answers
 * {@code EXECABORT} and discards it. One that passes is queued and answered {@code +QUEUED}, except
 * MULTI, EXEC, DISCARD, WATCH and QUIT, which run at once (AUTH, HELLO, SUBSCRIBE and the rest are
 * queued, as in Redis). While in MULTI, a full cache refuses every command but EXEC, DISCARD and
 * QUIT with {@code -OOM}, as Redis does, since queuing takes memory too.
 *
 * <p>EXEC runs the queued commands one after the other inside the cache's exclusive section ({@link
 * Keyspace#exclusive}), so no other client's write, multi-key command or transaction interleaves
 * with them, and their changes are journaled as one group that a replay after a crash applies whole
 * or not at all. Its reply is an array of the commands' replies, errors included (a command that
 * fails does not stop the others: there is no rollback). EXEC itself is refused, and the
 * transaction discarded, with {@code EXECABORT Transaction discarded because of: <error>} when a
 * queued command needs memory the cache does not have, or writes while the log cannot be written.
 *
 * <p>WATCH: EXEC answers a null array, running nothing, when a watched key was written, deleted,
 * evicted or flushed since it was watched (by any client, this one included), or when the time to
 * live it had then has run out (see {@link KeyWatch}). EXEC and DISCARD unwatch every key. A
 * connection that AUTHs to another cache stops watching the keys of the previous one, and its next
 * EXEC fails as if they had changed (a deliberate difference: in Redis, whose databases are not
 * tenants, a watch survives SELECT).
 *
 * <p>Deliberate difference from Redis: a transaction holds at most {@code max-multibulk-len}
 * commands and {@code proto-max-bulk-len} bytes of arguments (Redis bounds the queue only by {@code
 * maxmemory}); the command that would exceed it is refused, which dooms the transaction.
 *
 * <p>A read outside a transaction that names several keys (MGET, EXISTS of several keys) runs in
 * the keyspace's shared section ({@link Keyspace#shared}), so it sees a transaction whole or not at
 * all.
 */
public final class TransactionCommands implements CommandFamily {
  static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
  private static final String EXECABORT_BECAUSE = "EXECABORT Transaction discarded because of: ";
  static final String TOO_LARGE =
      "ERR transaction too large: more than max-multibulk-len commands or proto-max-bulk-len bytes"
          + " queued";

  /** What runs at once inside MULTI instead of being queued (Redis also has RESET). */
  private static final Set<String> RUN_INSIDE_MULTI =
      Set.of("multi", "exec", "discard", "watch", "quit", "reset");

  /** What a full cache still takes inside MULTI. */
  private static final Set<String> ALLOWED_WHEN_FULL = Set.of("exec", "discard", "quit", "reset");

  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            command("multi", 1)
                .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .group("transactions")
                .doc("1.2.0", "Mark the start of a transaction block")
                .handledBy(this::multi))
        .register(
            command("exec", 1)
                .flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                .group("transactions")
                .doc("1.2.0", "Execute all commands issued after MULTI")
                .handledBy(this::exec))
        .register(
            command("discard", 1)
                .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .group("transactions")
                .doc("2.0.0", "Discard all commands issued after MULTI")
                .handledBy(this::discard))
        .register(
            command("watch", -2)
                .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .keys(1, -1, 1)
                .group("transactions")
                .doc("2.2.0", "Watch the given keys to determine execution of the MULTI/EXEC block")
                .handledBy(this::watch))
        .register(
            command("unwatch", 1)
                .flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .group("transactions")
                .doc("2.2.0", "Forget about all watched keys")
                .handledBy(this::unwatch));
  }

  static boolean isExec(CommandSpec spec) {
    return spec.name().equals("exec");
  }

  /**
   * Refuses EXEC with error, discarding the transaction and unwatching, whether or not the
   * connection is in MULTI: Redis answers {@code EXECABORT Transaction discarded because of:} and
   * the error, without its {@code ERR} code.
   */
  static void abort(ClientSession client, RespWriter reply, String error) {
    client.discardTransaction();
    String reason = error.startsWith("ERR ") ? error.substring(4) : error;
    reply.error(EXECABORT_BECAUSE + reason);
  }

  /** Whether spec is queued inside MULTI (everything but the transaction's own controls). */
  static boolean queuedInsideMulti(CommandSpec spec) {
    return !RUN_INSIDE_MULTI.contains(spec.name());
  }

  /** Whether spec is refused inside MULTI when the cache is full, whatever its flags. */
  static boolean refusedWhenFullInsideMulti(CommandSpec spec) {
    return !ALLOWED_WHEN_FULL.contains(spec.name());
  }

  /**
   * Queues a command the dispatcher has checked, answering {@code +QUEUED}, or refuses it when the
   * transaction would grow beyond its limits.
   */
  static void queue(Request request, byte[][] args, CommandSpec spec) {
    Transaction transaction = request.client().transaction();
    ServerConfig config = request.server().config();
    if (transaction.wasRefused()) {
      // EXEC can only discard it now: answer as Redis does, without keeping the command.
      request.reply().simple("QUEUED");
      return;
    }
    if (transaction.size() >= config.maxArrayLength()
        || transaction.bytesWith(args) > config.maxBulkLength()) {
      transaction.refused();
      request.reply().error(TOO_LARGE);
      return;
    }
    transaction.queue(args, spec);
    request.reply().simple("QUEUED");
  }

  private void multi(Request request) {
    ClientSession client = request.client();
    if (client.inMulti()) {
      throw new CommandException("ERR MULTI calls can not be nested");
    }
    client.transaction().begin();
    request.reply().ok();
  }

  private void exec(Request request) {
    ClientSession client = request.client();
    if (!client.inMulti()) {
      throw new CommandException("ERR EXEC without MULTI");
    }
    Transaction transaction = client.transaction();
    RespWriter reply = request.reply();
    try {
      String refusal = refusal(request, transaction);
      if (refusal != null) {
        abort(client, reply, refusal);
      } else if (transaction.wasRefused()) {
        reply.error(EXECABORT);
      } else {
        request.keyspace().exclusive(() -> run(request, transaction));
      }
    } finally {
      transaction.discard();
      client.lastCommand("exec");
    }
  }

  /**
   * Runs the queued commands, or none when a watched key changed; called with every other write
   * held off, so the watched keys cannot change between the check and the commands.
   */
  private static Void run(Request request, Transaction transaction) {
    RespWriter reply = request.reply();
    KeyWatch watch = transaction.watch();
    if (watch.changed()) {
      reply.nullArray();
      return null;
    }
    watch.clear();
    List<Transaction.Queued> commands = transaction.commands();
    reply.arrayHeader(commands.size());
    ServerStats stats = request.server().stats();
    for (Transaction.Queued command : commands) {
      Dispatcher.run(request, command.args(), command.spec(), stats);
    }
    return null;
  }

  /**
   * Why EXEC must be refused as a whole, or null: the checks the dispatcher makes of one command,
   * made of the queued commands together when EXEC runs, as Redis does.
   */
  private static String refusal(Request request, Transaction transaction) {
    if (transaction.mayNeedMemory() && !Dispatcher.hasRoom(request.client())) {
      return Dispatcher.OOM;
    }
    Durability durability = request.server().durability();
    if (transaction.writes() && durability != null && durability.failing()) {
      return Dispatcher.misconf(durability.lastError());
    }
    return null;
  }

  private void discard(Request request) {
    ClientSession client = request.client();
    if (!client.inMulti()) {
      throw new CommandException("ERR DISCARD without MULTI");
    }
    client.transaction().discard();
    request.reply().ok();
  }

  private void watch(Request request) {
    ClientSession client = request.client();
    if (client.inMulti()) {
      throw new CommandException("ERR WATCH inside MULTI is not allowed");
    }
    KeyWatch watch = client.transaction().watch();
    Keyspace keyspace = request.keyspace();
    for (int i = 1; i < request.argCount(); i++) {
      keyspace.watch(request.key(i), watch);
    }
    request.reply().ok();
  }

  private void unwatch(Request request) {
    request.client().transaction().watch().clear();
    request.reply().ok();
  }
}
