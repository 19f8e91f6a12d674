package io.larder.session;

import io.larder.server.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The session provider against a real redis-server (skipped, or failing in CI, without one). */
class RedisServerIT {
  private static RedisServer server;
  private static Backend backend;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    backend = new Backend("Redis", server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Nested
  class Repository extends SessionRepositoryContract {
    @Override
    Backend backend() {
      return backend;
    }
  }
}
