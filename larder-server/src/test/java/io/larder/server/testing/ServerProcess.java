package io.larder.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Larder server ({@code larder-server.jar}) running as a process of its own, on free
 * ports, with cache {@code default}'s key set to {@link TestServer#DEFAULT_KEY}. Closing it stops
 * it as an operator would (SIGTERM), and kills it if it has not stopped within ten seconds.
 */
public final class ServerProcess implements AutoCloseable {
  private static final long START_SECONDS = 60;

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code jar} with its data in {@code dataDir} and its output in {@code log}, plus any
   * further command-line settings, and waits until it accepts connections.
   */
  public static ServerProcess start(Path jar, Path dataDir, Path log, String... settings) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package larder-server first");
    }
    int port = RedisServer.freePort();
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            javaCommand(),
            "-jar",
            jar.toString(),
            "start",
            "--port",
            Integer.toString(port),
            "--admin-port",
            Integer.toString(RedisServer.freePort()),
            "--data-dir",
            dataDir.toString()));
    command.addAll(List.of(settings));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(variable -> variable.startsWith("LARDER_"));
    builder.environment().put("LARDER_DEFAULT_KEY", TestServer.DEFAULT_KEY);
    try {
      ServerProcess server = new ServerProcess(builder.start(), port, log);
      server.awaitServing();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The packaged server: the system property {@code larder.serverJar} (other modules' builds set
   * it), else {@code larder-server.jar} beside this module's compiled tests ({@code target/}).
   */
  public static Path packagedJar() {
    String configured = System.getProperty("larder.serverJar");
    if (configured != null) {
      return Path.of(configured);
    }
    try {
      Path tests =
          Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return tests.getParent().resolve("larder-server.jar");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The RESP port. */
  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  private void awaitServing() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (!accepts(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("Larder did not start; its output:\n" + output());
      }
      sleep(50);
    }
  }

  /** What the server printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  /** SIGTERM, then SIGKILL if the process has not ended within ten seconds. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether something accepts connections on 127.0.0.1:port. */
  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The java launcher of this JVM, so that child processes run on the same Java. */
  public static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
