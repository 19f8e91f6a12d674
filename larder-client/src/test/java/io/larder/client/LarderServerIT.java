package io.larder.client;

import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The client's contract against Larder, in-process. */
class LarderServerIT {
  private static TestServer server;
  private static Backend backend;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    backend = Backend.larder(server);
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
