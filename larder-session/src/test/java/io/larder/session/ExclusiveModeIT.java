package io.larder.session;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * {@code exclusive} mode against Larder and real Redis. Releasing a lock is a compare-and-delete in
 * {@code WATCH}/{@code MULTI}/{@code EXEC}: against a server without them the tests are skipped,
 * saying so.
 */
class ExclusiveModeIT {
  @Nested
  class OnLarder extends ExclusiveModeContract {
    private TestServer server;
    private Backend backend;

    @Override
    Backend backend() {
      if (backend == null) {
        server = TestServer.start();
        backend = new Backend("Larder", server.port());
      }
      return backend;
    }

    @AfterAll
    void stopServer() {
      if (server != null) {
        server.close();
      }
    }
  }

  @Nested
  class OnRedis extends ExclusiveModeContract {
    private RedisServer server;
    private Backend backend;

    @Override
    Backend backend() {
      if (backend == null) {
        server = RedisServer.start();
        backend = new Backend("Redis", server.port());
      }
      return backend;
    }

    @AfterAll
    void stopServer() {
      if (server != null) {
        server.close();
      }
    }
  }
}
