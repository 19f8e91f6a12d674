package io.larder.server.differential;

import io.larder.server.differential.DifferentialScript.Modifier;
import io.larder.server.differential.DifferentialScript.Step;
import io.larder.server.testing.RespClient;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs {@link DifferentialScript}s against two servers, step by step, and collects every step whose
 * replies differ (a mismatch does not stop the script, so one run shows them all).
 *
 * <p>Each script starts from FLUSHALL on fresh authenticated RESP2 connections. A reply that never
 * comes or a connection that drops is recorded as a pseudo-reply such as {@code <closed>} (no real
 * RESP reply starts with '<') and the connection is replaced, keeping the protocol version, so the
 * rest of the script still runs.
 */
final class DifferentialRunner {
  private static final int RAW_QUIET_MILLIS = 500;
  private static final int QUIT_CLOSE_WAIT_MILLIS = 2000;

  /** A server to compare: how to open connections to it. */
  record Endpoint(
      String name, Supplier<RespClient> connect, Supplier<RespClient> connectAuthenticated) {}

  /** The outcome of one script: how many steps ran and what differed. */
  record Result(String script, int steps, List<String> mismatches) {}

  private final Endpoint reference;
  private final Endpoint candidate;

  /** Compares candidate against reference (the real Redis). */
  DifferentialRunner(Endpoint reference, Endpoint candidate) {
    this.reference = reference;
    this.candidate = candidate;
  }

  Result run(DifferentialScript script) {
    List<String> mismatches = new ArrayList<>();
    try (Connection expected = new Connection(reference);
        Connection actual = new Connection(candidate)) {
      expected.flushAll();
      actual.flushAll();
      for (Step step : script.steps()) {
        String problem = runStep(step, expected, actual);
        if (problem != null) {
          mismatches.add(script.name() + ":" + step.line() + ": " + step.text() + "\n" + problem);
        }
      }
    }
    return new Result(script.name(), script.steps().size(), mismatches);
  }

  /** Runs one step on both servers; returns a description of the difference, or null. */
  private String runStep(Step step, Connection expected, Connection actual) {
    switch (step.action()) {
      case RESP3, RESP2 -> {
        int protocol = step.action() == DifferentialScript.Action.RESP3 ? 3 : 2;
        String redis = expected.switchProtocol(protocol);
        String larder = actual.switchProtocol(protocol);
        // HELLO's reply differs by design (server name, version, id); only failure matters
        return isAnswer(redis) && isAnswer(larder) ? null : describe(redis, larder);
      }
      case SLEEP -> {
        sleep(step.millis());
        return null;
      }
      case RAW -> {
        return compareRaw(step.raw(), !step.has(Modifier.NOAUTH));
      }
      case COMMAND -> {
        if (step.has(Modifier.NOAUTH)) {
          return compare(step, once(reference, step.words()), once(candidate, step.words()));
        }
        String problem =
            compare(step, expected.exchange(step.words()), actual.exchange(step.words()));
        if (isQuit(step)) {
          String notClosed = expected.awaitClosedAndReconnect() + actual.awaitClosedAndReconnect();
          return problem != null || notClosed.isEmpty() ? problem : notClosed.stripTrailing();
        }
        return problem;
      }
      default -> throw new IllegalStateException("unknown action " + step.action());
    }
  }

  /**
   * Sends raw bytes to both servers as a {@code !raw} step does; returns a description of the
   * difference, or null. For inputs too big to write in a script.
   */
  String compareRaw(byte[] bytes, boolean authenticated) {
    // both at once: most steps end by waiting for silence
    CompletableFuture<String> redis =
        CompletableFuture.supplyAsync(() -> raw(reference, bytes, authenticated));
    String larder = raw(candidate, bytes, authenticated);
    return redis.join().equals(larder) ? null : describe(redis.join(), larder);
  }

  /** Sends raw bytes on a fresh connection and returns all that comes back. */
  private static String raw(Endpoint endpoint, byte[] bytes, boolean authenticated) {
    Supplier<RespClient> connect =
        authenticated ? endpoint.connectAuthenticated() : endpoint.connect();
    try (RespClient client = connect.get()) {
      client.sendBytes(bytes);
      RespClient.Received received = client.readUntilClosedOrQuiet(RAW_QUIET_MILLIS);
      return received.bytes() + (received.closed() ? "<closed>" : "<open>");
    } catch (UncheckedIOException e) {
      return "<failed: " + e.getCause() + ">";
    }
  }

  /** Runs a command on a fresh unauthenticated connection. */
  private static String once(Endpoint endpoint, List<byte[]> command) {
    try (RespClient client = endpoint.connect().get()) {
      return exchange(client, command);
    } catch (UncheckedIOException e) {
      return "<failed: " + e.getCause() + ">";
    }
  }

  private static String exchange(RespClient client, List<byte[]> command) {
    client.send(command.toArray());
    return client.readRaw();
  }

  static String compare(Step step, String redis, String larder) {
    boolean same;
    if (isPseudoReply(redis) || isPseudoReply(larder)) {
      same = redis.equals(larder);
    } else if (step.has(Modifier.TYPE)) {
      same = RawReply.type(redis) == RawReply.type(larder);
    } else if (step.has(Modifier.UNORDERED)) {
      same = RawReply.unordered(redis).equals(RawReply.unordered(larder));
    } else {
      same = redis.equals(larder);
    }
    return same ? null : describe(redis, larder);
  }

  private static String describe(String redis, String larder) {
    return "  redis:  " + RawReply.escape(redis) + "\n  larder: " + RawReply.escape(larder);
  }

  private static boolean isAnswer(String reply) {
    return !reply.startsWith("-") && !isPseudoReply(reply);
  }

  private static boolean isPseudoReply(String reply) {
    return reply.startsWith("<");
  }

  private static boolean isQuit(Step step) {
    return DifferentialScript.text(step.words().get(0)).equalsIgnoreCase("quit");
  }

  private static List<byte[]> words(String... words) {
    return Arrays.stream(words).map(w -> w.getBytes(StandardCharsets.UTF_8)).toList();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** One server's connection for a script, replaced when it drops. */
  private static final class Connection implements AutoCloseable {
    private final Endpoint endpoint;
    private RespClient client;
    private int protocol = 2;

    Connection(Endpoint endpoint) {
      this.endpoint = endpoint;
      this.client = endpoint.connectAuthenticated().get();
    }

    void flushAll() {
      String reply = exchange(words("FLUSHALL"));
      if (!reply.equals("+OK\r\n")) {
        throw new IllegalStateException(
            "FLUSHALL failed on " + endpoint.name() + ": " + RawReply.escape(reply));
      }
    }

    /** Sends a command and returns the reply's bytes, or a pseudo-reply if none came. */
    String exchange(List<byte[]> command) {
      try {
        return DifferentialRunner.exchange(client, command);
      } catch (UncheckedIOException e) {
        reconnect();
        return "<no reply: " + e.getCause().getMessage() + ">";
      } catch (RuntimeException e) {
        reconnect(); // the reply was not RESP; what follows it cannot be trusted either
        return "<unreadable reply: " + e + ">";
      }
    }

    String switchProtocol(int version) {
      protocol = version;
      return exchange(words("HELLO", Integer.toString(version)));
    }

    /** After QUIT: "" when the server closed the connection, else a description. */
    String awaitClosedAndReconnect() {
      boolean closed = client.isClosedByServer(QUIT_CLOSE_WAIT_MILLIS);
      reconnect();
      return closed ? "" : "  " + endpoint.name() + " did not close the connection after QUIT\n";
    }

    private void reconnect() {
      client.close();
      client = endpoint.connectAuthenticated().get();
      if (protocol == 3) {
        DifferentialRunner.exchange(client, words("HELLO", "3")); // a failure here ends the script
      }
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
