package io.larder.client;

import io.larder.server.testing.BackendServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's contract on Larder in-process and on a real redis-server (skipped, or failing in CI,
 * without one). The contracts on one server share it; reports name the server in the class, e.g.
 * {@code ContractIT$OnRedis$Locking}.
 */
class ContractIT {
  @Nested
  class OnLarder {
    @RegisterExtension static final BackendServer server = BackendServer.larder();

    @Nested
    class CacheOperations extends CacheOperationsContract {}

    @Nested
    class OptimisticConcurrency extends OptimisticConcurrencyContract {}

    @Nested
    class Locking extends LockingContract {}
  }

  @Nested
  class OnRedis {
    @RegisterExtension static final BackendServer server = BackendServer.redis();

    @Nested
    class CacheOperations extends CacheOperationsContract {}

    @Nested
    class OptimisticConcurrency extends OptimisticConcurrencyContract {}

    @Nested
    class Locking extends LockingContract {}
  }
}
