package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.ServerProcess;
import io.larder.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The durability promise under a real crash: the server runs as its own process, several clients
 * write as fast as they can, the process is killed with SIGKILL in the middle of that, and a
 * restart on the same data directory must hold every write whose reply said it succeeded. Writes
 * sent but not answered before the kill may or may not be there.
 *
 * <p>Every wait is bounded; the bounds limit the test, they measure nothing.
 */
class CrashDurabilityIT {
  private static final int WRITERS = 4;
  private static final int PIPELINE = 8;

  /** The kill comes after this many acknowledged writes or WRITE_MILLIS, whichever is first. */
  private static final int MAX_ACKNOWLEDGED = 400_000;

  private static final long WRITE_MILLIS = 2_000;

  @TempDir Path dataDir;
  @TempDir Path logDir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Under each fsync policy; the last case makes the log compact itself about once a second, so the
   * kill may land in the middle of a compaction.
   */
  @ParameterizedTest(name = "appendfsync {0}, auto-aof-rewrite-min-size {1}")
  @CsvSource({"everysec, 64mb", "always, 64mb", "no, 64mb", "everysec, 256kb"})
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void sigkill_whileClientsWrite_everyAcknowledgedWriteSurvives(String fsync, String rewriteMinSize)
      throws Exception {
    Server first = start(fsync, rewriteMinSize, "first");
    boolean hashes = supportsHashes(first.port);
    List<Writer> writers = new ArrayList<>();
    for (int id = 0; id < WRITERS; id++) {
      writers.add(new Writer(id, first.port, hashes));
    }
    writers.forEach(Writer::start);

    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WRITE_MILLIS);
    while (System.nanoTime() < deadline
        && writers.stream().mapToLong(writer -> writer.progress).sum() < MAX_ACKNOWLEDGED
        && writers.stream().anyMatch(Thread::isAlive)) {
      Thread.sleep(5);
    }
    first.process.destroyForcibly(); // SIGKILL while they write: no shutdown hook, no final flush
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    for (Writer writer : writers) {
      writer.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(writer.isAlive()).as("writer %d stopped", writer.id).isFalse();
    }

    String manifestAtKill =
        Files.readString(dataDir.resolve("caches").resolve("default").resolve("manifest"));
    Server second = start(fsync, rewriteMinSize, "second");
    long acknowledged = 0;
    long unanswered = 0;
    long lost = 0;
    List<String> examples = new ArrayList<>();
    for (Writer writer : writers) {
      assertThat(writer.errorReplies).as("error replies of writer %d", writer.id).isEmpty();
      acknowledged += writer.acknowledged.size();
      unanswered += writer.sent - writer.acknowledged.size();
      for (String missing : second.missing(writer)) {
        lost++;
        if (examples.size() < 10) {
          examples.add(missing);
        }
      }
    }
    System.out.printf(
        "appendfsync %s, auto-aof-rewrite-min-size %s: %d writes acknowledged by %d clients (%s)"
            + " before SIGKILL, %d sent without reply; manifest at the kill: %s;"
            + " after restart %d lost%n",
        fsync,
        rewriteMinSize,
        acknowledged,
        WRITERS,
        hashes ? "SET and HSET" : "SET only; HSET not available",
        unanswered,
        manifestAtKill.strip().replace('\n', ','),
        lost);
    assertThat(acknowledged).isPositive();
    assertThat(lost).as("acknowledged writes missing after restart, e.g. %s", examples).isZero();
  }

  /**
   * One client writing distinct keys, pipelined, until the server dies (or, as a safety bound,
   * MAX_ACKNOWLEDGED writes), remembering which writes were acknowledged.
   */
  private static final class Writer extends Thread {
    final int id;
    final int port;
    final boolean hashes;
    final List<Integer> acknowledged = new ArrayList<>();
    final List<String> errorReplies = new ArrayList<>();
    long sent;

    /** acknowledged.size(), readable while the writer runs. */
    volatile int progress;

    Writer(int id, int port, boolean hashes) {
      super("crash-writer-" + id);
      this.id = id;
      this.port = port;
      this.hashes = hashes;
    }

    /** Write n is {@code SET k<id>-<n> <n>}, or for odd n with hashes, {@code HSET h<id>-<n>}. */
    boolean isHash(int n) {
      return hashes && n % 2 == 1;
    }

    Object[] write(int n) {
      return isHash(n)
          ? new Object[] {"HSET", "h" + id + "-" + n, "f", n}
          : new Object[] {"SET", "k" + id + "-" + n, n};
    }

    Object[] read(int n) {
      return isHash(n)
          ? new Object[] {"HGET", "h" + id + "-" + n, "f"}
          : new Object[] {"GET", "k" + id + "-" + n};
    }

    @Override
    public void run() {
      try (RespClient client = new RespClient(port)) {
        client.call("AUTH", "default", TestServer.DEFAULT_KEY);
        for (int n = 0; n < MAX_ACKNOWLEDGED; n += PIPELINE) {
          ByteArrayOutputStream batch = new ByteArrayOutputStream();
          for (int i = n; i < n + PIPELINE; i++) {
            batch.writeBytes(RespClient.encode(write(i)));
          }
          client.sendBytes(batch.toByteArray());
          sent += PIPELINE;
          for (int i = n; i < n + PIPELINE; i++) {
            Object reply = client.read();
            if (reply.equals(isHash(i) ? 1L : "OK")) {
              acknowledged.add(i);
              progress = acknowledged.size();
            } else {
              errorReplies.add(Arrays.toString(write(i)) + " -> " + reply);
            }
          }
        }
      } catch (UncheckedIOException e) {
        // the server was killed: the writes not answered by now were never acknowledged
      }
    }
  }

  private record Server(Process process, int port) {
    /** The acknowledged writes of writer that this server does not hold. */
    List<String> missing(Writer writer) {
      List<String> missing = new ArrayList<>();
      try (RespClient client = new RespClient(port)) {
        assertThat(client.call("AUTH", "default", TestServer.DEFAULT_KEY)).isEqualTo("OK");
        List<Integer> acknowledged = writer.acknowledged;
        for (int from = 0; from < acknowledged.size(); from += 1_000) {
          List<Integer> chunk =
              acknowledged.subList(from, Math.min(from + 1_000, acknowledged.size()));
          ByteArrayOutputStream batch = new ByteArrayOutputStream();
          chunk.forEach(n -> batch.writeBytes(RespClient.encode(writer.read(n))));
          client.sendBytes(batch.toByteArray());
          for (int n : chunk) {
            Object value = client.read();
            if (!String.valueOf(n).equals(value)) {
              missing.add(Arrays.toString(writer.read(n)) + " -> " + value);
            }
          }
        }
      }
      return missing;
    }
  }

  /** Starts the packaged server as its own process on free ports and waits until it serves. */
  private Server start(String fsync, String rewriteMinSize, String name) {
    ServerProcess server =
        ServerProcess.start(
            ServerProcess.packagedJar(),
            dataDir,
            logDir.resolve(name + ".log"),
            "--appendfsync",
            fsync,
            "--auto-aof-rewrite-min-size",
            rewriteMinSize);
    started.add(server.process());
    return new Server(server.process(), server.port());
  }

  private static boolean supportsHashes(int port) {
    try (RespClient client = new RespClient(port)) {
      client.call("AUTH", "default", TestServer.DEFAULT_KEY);
      return Long.valueOf(1).equals(client.call("HSET", "probe", "f", "v"));
    }
  }
}
