package io.larder.client;

import io.larder.server.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The client's contract against a real redis-server (skipped, or failing in CI, without one). */
class RedisServerIT {
  private static RedisServer server;
  private static Backend backend;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    backend = Backend.redis(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Nested
  class CacheOperations extends CacheOperationsContract {
    @Override
    Backend backend() {
      return backend;
    }
  }

  @Nested
  class OptimisticConcurrency extends OptimisticConcurrencyContract {
    @Override
    Backend backend() {
      return backend;
    }
  }

  @Nested
  class Locking extends LockingContract {
    @Override
    Backend backend() {
      return backend;
    }
  }
}
