package io.larder.server.command;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test server with a second cache, {@code other}, beside {@code default}, for tenant isolation
 * tests. The cache is defined the way the server keeps caches: in {@code caches.json}.
 */
public final class TwoCacheServer implements AutoCloseable {
  public static final String DEFAULT = "default";
  public static final String DEFAULT_KEY = TestServer.DEFAULT_KEY;
  public static final String OTHER = "other";
  public static final String OTHER_KEY = "other-cache-key-0123456789abcdef";

  private final Path dataDir;
  private final TestServer server;

  private TwoCacheServer(Path dataDir, TestServer server) {
    this.dataDir = dataDir;
    this.server = server;
  }

  public static TwoCacheServer start() {
    return start(Map.of());
  }

  /** Starts with the given settings (names as in {@code larder --help}). */
  public static TwoCacheServer start(Map<String, String> settings) {
    try {
      Path dataDir = Files.createTempDirectory("larder-two-caches");
      Files.writeString(
          dataDir.resolve("caches.json"),
          "[{\"name\":\"default\",\"createdAt\":1,\"primaryKey\":\""
              + TestServer.DEFAULT_KEY
              + "\",\"secondaryKey\":\"default-secondary-0123456789abcdef\"},"
              + "{\"name\":\""
              + OTHER
              + "\",\"createdAt\":1,\"primaryKey\":\""
              + OTHER_KEY
              + "\",\"secondaryKey\":\"other-secondary-0123456789abcdef\"}]");
      return new TwoCacheServer(dataDir, TestServer.startOn(dataDir, settings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A connection authenticated to {@code default}. */
  public RespClient connectDefault() {
    return server.connectAuthenticated();
  }

  /** A connection authenticated to {@code other}. */
  public RespClient connectOther() {
    RespClient client = server.connect();
    Object reply = client.call("AUTH", OTHER, OTHER_KEY);
    if (!"OK".equals(reply)) {
      client.close();
      throw new IllegalStateException("AUTH to the second cache failed: " + reply);
    }
    return client;
  }

  public int port() {
    return server.port();
  }

  /** The server underneath, for what RESP cannot reach (cache settings, unauthenticated links). */
  public TestServer testServer() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    TestServer.deleteRecursively(dataDir);
  }
}
