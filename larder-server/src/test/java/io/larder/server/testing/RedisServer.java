package io.larder.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} process for differential tests and benchmarks: free port, temporary
 * directory, and the same password for user {@code default} as {@link TestServer#DEFAULT_KEY}, so
 * the same {@code AUTH default KEY} works against both. Stopped and cleaned on close.
 */
public final class RedisServer implements RespServer {
  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts redis-server with the given extra arguments (e.g. "--appendonly", "yes"). */
  public static RedisServer start(String... extraArgs) {
    String binary = ExternalBinaries.require("redis-server");
    try {
      Path dir = Files.createTempDirectory("redis-test");
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              binary,
              "--port",
              Integer.toString(port),
              "--bind",
              "127.0.0.1",
              "--dir",
              dir.toString(),
              "--save",
              "",
              "--appendonly",
              "no",
              "--requirepass",
              TestServer.DEFAULT_KEY,
              "--daemonize",
              "no",
              "--logfile",
              dir.resolve("redis.log").toString()));
      command.addAll(List.of(extraArgs));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      RedisServer server = new RedisServer(process, port, dir);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (RespClient client = new RespClient(port)) {
        client.call("PING");
        return;
      } catch (RuntimeException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("redis-server exited with " + process.exitValue());
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("redis-server did not start within 10 s");
  }

  @Override
  public int port() {
    return port;
  }

  /** The version redis-server reports, e.g. "7.0.15". */
  public String version() {
    try (RespClient client = connectAuthenticated()) {
      String info = (String) client.call("INFO", "server");
      for (String line : info.split("\r\n")) {
        if (line.startsWith("redis_version:")) {
          return line.substring("redis_version:".length());
        }
      }
      return "unknown";
    }
  }

  public RespClient connect() {
    return new RespClient(port);
  }

  public RespClient connectAuthenticated() {
    RespClient client = connect();
    client.call("AUTH", "default", TestServer.DEFAULT_KEY);
    return client;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TestServer.deleteRecursively(dir);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
