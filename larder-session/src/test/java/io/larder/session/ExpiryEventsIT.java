package io.larder.session;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** Expiry events against Larder and real Redis. */
class ExpiryEventsIT {
  @Nested
  class OnLarder extends ExpiryEventsContract {
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
  class OnRedis extends ExpiryEventsContract {
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
