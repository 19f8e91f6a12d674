package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.RespClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./larder} launcher as an operator runs it: a separate process, stdout and stderr
 * merged, stopped with SIGTERM ({@link Process#destroy()}).
 *
 * <p>Waits are generous because the launcher rebuilds the jar when sources are newer than it; they
 * bound the test, they do not measure anything.
 */
class LauncherIT {
  private static final String KEY = "launcher-test-key-0123456789abcdef";
  private static final String BANNER_END = "Press Ctrl-C to stop.";
  private static final long WAIT_SECONDS = 180;

  @TempDir Path dataDir;

  private final List<Launched> launched = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    // Only the processes this test started, by handle: the launcher and anything it spawned.
    for (Launched run : launched) {
      run.process.descendants().forEach(ProcessHandle::destroyForcibly);
      run.process.destroyForcibly();
    }
  }

  @Test
  void start_printsBannerServesRespAndStopsGracefullyOnSigterm() throws Exception {
    int port = RedisServer.freePort();
    int adminPort = RedisServer.freePort();
    Launched larder =
        launch("start", "--port", port, "--admin-port", adminPort, "--data-dir", dataDir);

    assertThat(larder.awaitBanner()).as(larder.output()).isTrue();
    assertThat(larder.output())
        .contains("Larder is serving RESP on redis://127.0.0.1:" + port)
        .contains("Cache 'default'")
        .contains("primary key:  " + KEY)
        .contains("Admin token:    " + dataDir.resolve("admin.token"));
    try (RespClient client = new RespClient(port)) {
      assertThat(client.call("AUTH", "default", KEY)).isEqualTo("OK");
      assertThat(client.call("SET", "launcher:k", "v1")).isEqualTo("OK");
      assertThat(client.call("GET", "launcher:k")).isEqualTo("v1");
    }

    larder.terminate();

    assertThat(larder.awaitExit()).as(larder.output()).isTrue();
    // A stop the operator asked for is a success, not the JVM's 143 (see Main#onStopSignal).
    assertThat(larder.process.exitValue()).as(larder.output()).isZero();
    assertThat(larder.output()).contains("Larder stopped.");
  }

  @Test
  void start_afterGracefulStop_keepsTheDataDirectorysData() throws Exception {
    int firstPort = RedisServer.freePort();
    Launched first = launch("start", "--port", firstPort, "--admin-port", 0, "--data-dir", dataDir);
    assertThat(first.awaitBanner()).as(first.output()).isTrue();
    try (RespClient client = new RespClient(firstPort)) {
      assertThat(client.call("AUTH", "default", KEY)).isEqualTo("OK");
      assertThat(client.call("SET", "launcher:kept", "yes")).isEqualTo("OK");
    }
    first.terminate();
    assertThat(first.awaitExit()).as(first.output()).isTrue();

    int secondPort = RedisServer.freePort();
    Launched second =
        launch("start", "--port", secondPort, "--admin-port", 0, "--data-dir", dataDir);

    assertThat(second.awaitBanner()).as(second.output()).isTrue();
    try (RespClient client = new RespClient(secondPort)) {
      assertThat(client.call("AUTH", "default", KEY)).isEqualTo("OK");
      assertThat(client.call("GET", "launcher:kept")).isEqualTo("yes");
    }
  }

  @Test
  void start_afterDefaultCacheDeleted_startsAndSaysSo() throws Exception {
    int adminPort = RedisServer.freePort();
    Launched first = launch("start", "--port", 0, "--admin-port", adminPort, "--data-dir", dataDir);
    assertThat(first.awaitBanner()).as(first.output()).isTrue();
    assertThat(first.output()).contains("Admin API:      http://127.0.0.1:" + adminPort + "/api");
    String token = Files.readString(dataDir.resolve("admin.token")).trim();
    HttpResponse<String> deleted =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + "/api/caches/default"))
                    .header("Authorization", "Bearer " + token)
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).isEqualTo(204);
    first.terminate();
    assertThat(first.awaitExit()).as(first.output()).isTrue();

    Launched second = launch("start", "--port", 0, "--admin-port", 0, "--data-dir", dataDir);

    assertThat(second.awaitBanner()).as(second.output()).isTrue();
    assertThat(second.output()).contains("Cache 'default' was deleted");
  }

  @Test
  void start_badPort_exitsTwoNamingTheSetting() throws Exception {
    Launched larder = launch("start", "--port", "abc", "--data-dir", dataDir);

    assertThat(larder.awaitExit()).as(larder.output()).isTrue();
    assertThat(larder.process.exitValue()).as(larder.output()).isEqualTo(2);
    assertThat(larder.output()).contains("invalid value 'abc' for setting 'port'");
    assertThat(Files.exists(dataDir.resolve("admin.token"))).isFalse();
  }

  @Test
  void start_portTaken_exitsOneNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Launched larder = launch("start", "--port", port, "--admin-port", 0, "--data-dir", dataDir);

      assertThat(larder.awaitExit()).as(larder.output()).isTrue();
      assertThat(larder.process.exitValue()).as(larder.output()).isEqualTo(1);
      assertThat(larder.output())
          .contains("larder: cannot start (bind 127.0.0.1, port " + port)
          .contains("Address already in use");
    }
  }

  /** Starts {@code ./larder} with the given arguments and only LARDER_DEFAULT_KEY set. */
  private Launched launch(Object... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(repositoryRoot().resolve("larder").toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Settings from the developer's shell must not leak into the test.
    builder.environment().keySet().removeIf(name -> name.startsWith("LARDER_"));
    builder.environment().put("LARDER_DEFAULT_KEY", KEY);
    Launched run = new Launched(builder.start());
    launched.add(run);
    return run;
  }

  /** The directory holding the {@code larder} launcher, found upwards from the module. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isExecutable(dir.resolve("larder"))
          && Files.isDirectory(dir.resolve("larder-server"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no larder launcher above " + Path.of("").toAbsolutePath());
  }

  /** A launched process and everything it printed, read as it comes. */
  private static final class Launched {
    final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch bannerOrEnd = new CountDownLatch(1);
    private final CountDownLatch outputEnded = new CountDownLatch(1);
    private volatile boolean bannerPrinted;

    Launched(Process process) {
      this.process = process;
      Thread reader = new Thread(this::readOutput, "launcher-output-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    private void readOutput() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.append(line).append('\n');
          if (line.equals(BANNER_END)) {
            bannerPrinted = true;
            bannerOrEnd.countDown();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        outputEnded.countDown();
        bannerOrEnd.countDown();
      }
    }

    /**
     * Sends SIGTERM. Through the process handle, because {@link Process#destroy()} also closes our
     * end of the output pipe, losing what the process prints while it stops.
     */
    void terminate() {
      process.toHandle().destroy();
    }

    /** True once the banner is complete; false if the process ended or the wait ran out first. */
    boolean awaitBanner() throws InterruptedException {
      return bannerOrEnd.await(WAIT_SECONDS, TimeUnit.SECONDS) && bannerPrinted;
    }

    /** True once the process has exited and all its output is read; false if the wait ran out. */
    boolean awaitExit() throws InterruptedException {
      return process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)
          && outputEnded.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    String output() {
      return output.toString();
    }
  }
}
