package io.larder.server.command;

import java.util.concurrent.atomic.LongAdder;

/** Server-wide counters for INFO stats. Per-cache counters live in each tenant. */
public final class ServerStats {
  public final LongAdder connectionsReceived = new LongAdder();
  public final LongAdder connectionsRejected = new LongAdder();
  public final LongAdder commandsProcessed = new LongAdder();
  public final LongAdder protocolErrors = new LongAdder();
}
