package io.larder.session;

import io.larder.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The session provider against Larder, in-process. */
class LarderServerIT {
  private static TestServer server;
  private static Backend backend;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    backend = new Backend("Larder", server.port());
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
