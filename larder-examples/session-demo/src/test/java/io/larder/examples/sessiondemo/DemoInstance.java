package io.larder.examples.sessiondemo;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One instance of the demo as its own process, on a free port, on the servlet container chosen by
 * leaving the other one off its class path (Spring Boot starts whichever it finds). Restartable on
 * the same port, as a redeploy would.
 */
final class DemoInstance implements AutoCloseable {
  /** The embedded servlet containers the demo runs on, and the jars that make each. */
  enum Container {
    TOMCAT("/org/apache/tomcat/embed/"),
    JETTY("/org/eclipse/jetty/");

    private final String jarPath;

    Container(String jarPath) {
      this.jarPath = jarPath;
    }

    /** This test's class path without the other containers' jars. */
    String classPath() {
      String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
      List<String> kept =
          Arrays.stream(entries)
              .filter(
                  entry ->
                      Arrays.stream(values())
                          .filter(other -> other != this)
                          .noneMatch(other -> entry.replace('\\', '/').contains(other.jarPath)))
              .toList();
      if (kept.stream().noneMatch(entry -> entry.replace('\\', '/').contains(jarPath))) {
        throw new IllegalStateException(this + " is not on the test class path: " + kept);
      }
      return String.join(File.pathSeparator, kept);
    }
  }

  private static final long START_SECONDS = 90;

  private final String name;
  private final Container container;
  private final int port;
  private final List<String> settings;
  private final Path log;
  private Process process;

  private DemoInstance(
      String name, Container container, int port, List<String> settings, Path logDir) {
    this.name = name;
    this.container = container;
    this.port = port;
    this.settings = settings;
    this.log = logDir.resolve(name + ".log");
  }

  /** Starts an instance (call {@link #awaitServing} before use, so instances start side by side). */
  static DemoInstance launch(String name, Container container, Path logDir, String... settings) {
    DemoInstance instance =
        new DemoInstance(name, container, RedisServer.freePort(), List.of(settings), logDir);
    instance.launch();
    return instance;
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            ServerProcess.javaCommand(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            container.classPath(),
            SessionDemoApplication.class.getName(),
            "--server.port=" + port,
            "--demo.instance=" + name,
            "--logging.level.io.larder=DEBUG"));
    command.addAll(settings);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(variable -> variable.startsWith("LARDER_"));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the instance answers HTTP requests; fails with its output if it does not. */
  DemoInstance awaitServing() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/id"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    while (true) {
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return this;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "demo instance " + name + " on " + container + " did not start:\n" + output());
      }
      sleepMillis(100);
    }
  }

  /** Stops the instance (SIGTERM, as a redeploy does) and starts it again on the same port. */
  void restart() {
    ServerProcess.stop(process);
    launch();
    awaitServing();
  }

  int port() {
    return port;
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }

  @Override
  public void close() {
    if (process != null) {
      ServerProcess.stop(process);
    }
  }

  static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
