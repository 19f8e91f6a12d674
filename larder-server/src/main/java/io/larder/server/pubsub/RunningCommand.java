package io.larder.server.pubsub;

import java.util.function.Supplier;

/**
 * The command the current thread is running, for naming keyspace events the way Redis names them
 * per command ({@code incrby} for INCR, {@code rename_from} for RENAME …): the engine reports what
 * a write did to a key ({@code set}, {@code del}), not which command did it.
 *
 * <p>The network layer sets it around each read burst of a connection (once per burst, not per
 * command: the supplier reads the connection's current command) and clears it after. Threads that
 * run no commands (the expiry reaper) have none.
 */
public final class RunningCommand {
  private static final ThreadLocal<Supplier<String>> CURRENT = new ThreadLocal<>();

  private RunningCommand() {}

  /** From now on this thread runs the commands whose names name supplies. */
  public static void enter(Supplier<String> name) {
    CURRENT.set(name);
  }

  public static void exit() {
    CURRENT.remove();
  }

  /** The running command's registry name ({@code incrby}, {@code config|set}), or null. */
  static String name() {
    Supplier<String> name = CURRENT.get();
    return name == null ? null : name.get();
  }
}
