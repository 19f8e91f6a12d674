package io.larder.examples.sessiondemo;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.ServerProcess;
import io.larder.server.testing.TestServer;
import java.nio.file.Path;

/** The cache the demo's instances share: Larder's packaged server, or a real redis-server. */
final class Backend implements AutoCloseable {
  enum Kind {
    LARDER,
    REDIS
  }

  private final AutoCloseable process;
  private final int port;

  private Backend(AutoCloseable process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the backend, keeping Larder's data and output under {@code dir}. */
  static Backend start(Kind kind, Path dir) {
    if (kind == Kind.REDIS) {
      RedisServer redis = RedisServer.start();
      return new Backend(redis, redis.port());
    }
    ServerProcess larder =
        ServerProcess.start(ServerProcess.packagedJar(), dir, dir.resolve("larder.log"));
    return new Backend(larder, larder.port());
  }

  /** The URL for {@code larder.url}: user {@code default}, the test key. */
  String url() {
    return "redis://default:" + TestServer.DEFAULT_KEY + "@127.0.0.1:" + port;
  }

  /** One command on a connection of its own, straight to the cache. */
  Object raw(Object... command) {
    try (RespClient client = new RespClient(port)) {
      client.call("AUTH", "default", TestServer.DEFAULT_KEY);
      return client.call(command);
    }
  }

  @Override
  public void close() throws Exception {
    process.close();
  }
}
