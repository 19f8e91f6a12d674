package io.larder.server.command;

import io.larder.server.engine.KeyWatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's MULTI/EXEC state: the commands queued since MULTI, whether one was refused while
 * queuing (EXEC then answers EXECABORT), and the keys it WATCHes, which outlive a MULTI block
 * (WATCH comes before MULTI). Touched only by the connection's event-loop thread; keyspaces mark
 * the {@link KeyWatch} from other threads.
 */
final class Transaction {
  /** A command checked by the dispatcher and kept for EXEC. */
  record Queued(byte[][] args, CommandSpec spec) {}

  /** Estimated heap bytes of a queued command beyond its argument bytes. */
  private static final long OVERHEAD_PER_COMMAND = 64;

  private static final long OVERHEAD_PER_ARGUMENT = 16;

  private final KeyWatch watch = new KeyWatch();

  /** Null while not in MULTI. */
  private List<Queued> queued;

  private boolean refused;
  private boolean mayNeedMemory;
  private boolean writes;
  private long queuedBytes;

  /** MULTI: commands are queued from now on. */
  void begin() {
    queued = new ArrayList<>();
  }

  /** True between MULTI and EXEC or DISCARD. */
  boolean queueing() {
    return queued != null;
  }

  /** Keeps a command for EXEC. */
  void queue(byte[][] args, CommandSpec spec) {
    queued.add(new Queued(args, spec));
    mayNeedMemory |= spec.has(CommandFlag.DENYOOM);
    writes |= spec.has(CommandFlag.WRITE);
    queuedBytes = bytesWith(args);
  }

  /** Estimated heap bytes the queue would hold with a command of args added. */
  long bytesWith(byte[][] args) {
    long bytes = queuedBytes + OVERHEAD_PER_COMMAND + OVERHEAD_PER_ARGUMENT * args.length;
    for (byte[] arg : args) {
      bytes += arg.length;
    }
    return bytes;
  }

  /** Number of commands queued. */
  int size() {
    return queued.size();
  }

  /** A command was refused while in MULTI: the transaction can only be discarded now. */
  void refused() {
    if (queued != null) {
      refused = true;
    }
  }

  boolean wasRefused() {
    return refused;
  }

  /** Whether a queued command is flagged denyoom (EXEC is then refused when memory is full). */
  boolean mayNeedMemory() {
    return mayNeedMemory;
  }

  /** Whether a queued command writes (EXEC is then refused while the log cannot be written). */
  boolean writes() {
    return writes;
  }

  List<Queued> commands() {
    return queued;
  }

  KeyWatch watch() {
    return watch;
  }

  /** Leaves MULTI, if in it, and stops watching keys (EXEC, DISCARD, connection gone). */
  void discard() {
    queued = null;
    refused = false;
    mayNeedMemory = false;
    writes = false;
    queuedBytes = 0;
    watch.clear();
  }
}
