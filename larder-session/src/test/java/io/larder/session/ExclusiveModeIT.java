package io.larder.session;

import io.larder.server.testing.BackendServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code exclusive} mode against Larder and real Redis. Releasing a lock is a compare-and-delete in
 * {@code WATCH}/{@code MULTI}/{@code EXEC}: against a server without them the tests are skipped,
 * saying so.
 */
class ExclusiveModeIT {
  @Nested
  class OnLarder extends ExclusiveModeContract {
    @RegisterExtension static final BackendServer server = BackendServer.larder();
  }

  @Nested
  class OnRedis extends ExclusiveModeContract {
    @RegisterExtension static final BackendServer server = BackendServer.redis();
  }
}
