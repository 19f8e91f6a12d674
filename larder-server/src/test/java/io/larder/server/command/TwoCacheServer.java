package io.larder.server.command;

import io.larder.server.testing.PerClassFixture;
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
 *
 * <p>Started where a test needs it ({@link #start()}), or for a whole test class ({@link
 * #perClass()}), like {@link TestServer#perClass()}.
 */
public final class TwoCacheServer extends PerClassFixture {
  public static final String DEFAULT = "default";
  public static final String DEFAULT_KEY = TestServer.DEFAULT_KEY;
  public static final String OTHER = "other";
  public static final String OTHER_KEY = "other-cache-key-0123456789abcdef";

  private final Map<String, String> settings;
  private Path dataDir;
  private TestServer server;

  private TwoCacheServer(Map<String, String> settings) {
    this.settings = settings;
  }

  public static TwoCacheServer start() {
    return start(Map.of());
  }

  /** Starts with the given settings (names as in {@code larder --help}). */
  public static TwoCacheServer start(Map<String, String> settings) {
    TwoCacheServer twoCaches = new TwoCacheServer(settings);
    twoCaches.open();
    return twoCaches;
  }

  /** A server with the given settings for a test class to register as an extension. */
  public static TwoCacheServer perClass(Map<String, String> settings) {
    return new TwoCacheServer(settings);
  }

  /** A server with default settings for a test class to register as an extension. */
  public static TwoCacheServer perClass() {
    return perClass(Map.of());
  }

  @Override
  protected void open() {
    try {
      dataDir = Files.createTempDirectory("larder-two-caches");
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = TestServer.startOn(dataDir, settings);
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
    if (server != null) {
      server.close();
    }
    if (dataDir != null) {
      TestServer.deleteRecursively(dataDir);
    }
  }
}
