package io.larder.session;

import io.larder.server.testing.BackendServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session storage against Larder in-process and a real redis-server (skipped, or failing in CI,
 * without one).
 */
class SessionRepositoryIT {
  @Nested
  class OnLarder extends SessionRepositoryContract {
    @RegisterExtension static final BackendServer server = BackendServer.larder();
  }

  @Nested
  class OnRedis extends SessionRepositoryContract {
    @RegisterExtension static final BackendServer server = BackendServer.redis();
  }
}
