package io.larder.server.testing;

import io.larder.server.LarderServer;
import io.larder.server.config.ConfigLoader;
import io.larder.server.config.ServerConfig;
import io.larder.server.tenant.AccessKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process Larder server for tests: free ports, a temporary data directory (deleted on close),
 * and a known key for the cache {@code default}.
 *
 * <p>Started where a test needs it ({@link #start()}), or for a whole test class ({@link
 * #perClass()}): {@code @RegisterExtension static final TestServer server = TestServer.perClass();}
 * starts it before the class's first test and closes it after its last.
 */
public final class TestServer extends PerClassFixture implements RespServer {
  public static final String DEFAULT_KEY = "test-default-key-0123456789abcdef";
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  private final boolean ownsDataDir;
  private final Map<String, String> settings;
  private Path dataDir;
  private LarderServer server;

  /** A server on dataDir, or on a temporary directory of its own when dataDir is null. */
  private TestServer(Path dataDir, Map<String, String> settings) {
    this.dataDir = dataDir;
    this.ownsDataDir = dataDir == null;
    this.settings = settings;
  }

  /** Starts a server with default settings. */
  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts a server with the given settings (names as in {@code larder --help}). */
  public static TestServer start(Map<String, String> settings) {
    TestServer test = new TestServer(null, settings);
    test.open();
    return test;
  }

  /** Starts a server on an existing data directory, which close() leaves in place. */
  public static TestServer startOn(Path dataDir, Map<String, String> settings) {
    TestServer test = new TestServer(dataDir, settings);
    test.open();
    return test;
  }

  /** A server with default settings for a test class to register as an extension. */
  public static TestServer perClass() {
    return perClass(Map.of());
  }

  /** A server with the given settings for a test class to register as an extension. */
  public static TestServer perClass(Map<String, String> settings) {
    return new TestServer(null, settings);
  }

  @Override
  protected void open() {
    if (ownsDataDir) {
      try {
        dataDir = Files.createTempDirectory("larder-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    boot();
  }

  private void boot() {
    Map<String, String> values = new HashMap<>();
    values.put("port", "0");
    values.put("admin-port", "0");
    values.put("io-threads", "2");
    values.put("data-dir", dataDir.toString());
    values.putAll(settings);
    if (server != null) {
      // A restart comes back on the same port, as a real restart would, so clients can reconnect.
      values.put("port", Integer.toString(server.port()));
    }
    ServerConfig config = ConfigLoader.fromValues(values);
    try {
      server = LarderServer.start(config, AccessKey.of(DEFAULT_KEY), ADMIN_TOKEN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops and starts the server again on the same data directory (a graceful restart). */
  public void restart() {
    server.close();
    boot();
  }

  public LarderServer server() {
    if (server == null) {
      throw new IllegalStateException(
          "the test server is not running: start() it, or register perClass() with"
              + " @RegisterExtension");
    }
    return server;
  }

  @Override
  public int port() {
    return server().port();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new connection, not yet authenticated. */
  public RespClient connect() {
    return new RespClient(port());
  }

  /** A new connection authenticated to the cache {@code default}. */
  public RespClient connectAuthenticated() {
    RespClient client = connect();
    Object reply = client.call("AUTH", "default", DEFAULT_KEY);
    if (!"OK".equals(reply)) {
      client.close();
      throw new IllegalStateException("AUTH failed: " + reply);
    }
    return client;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (ownsDataDir && dataDir != null) {
      deleteRecursively(dataDir);
    }
  }

  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
