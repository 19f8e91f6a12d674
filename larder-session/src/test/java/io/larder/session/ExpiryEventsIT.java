package io.larder.session;

import io.larder.server.testing.BackendServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Expiry events against Larder and real Redis. */
class ExpiryEventsIT {
  @Nested
  class OnLarder extends ExpiryEventsContract {
    @RegisterExtension static final BackendServer server = BackendServer.larder();
  }

  @Nested
  class OnRedis extends ExpiryEventsContract {
    @RegisterExtension static final BackendServer server = BackendServer.redis();
  }
}
