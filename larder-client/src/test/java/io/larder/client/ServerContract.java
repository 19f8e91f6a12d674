package io.larder.client;

import io.larder.server.testing.BackendServer;
import io.larder.server.testing.RespClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the contract tests: a client per test on {@link #backend()}, and a key prefix of its own
 * per test so tests never see each other's entries. Subclasses are {@code @Nested} in {@link
 * ContractIT} under a class per server, whose {@link BackendServer} they get.
 */
abstract class ServerContract {
  private static final AtomicInteger RUN = new AtomicInteger();

  protected LarderClient client;
  protected String prefix;
  private Backend backend;

  /** The server this test runs on. */
  Backend backend() {
    return backend;
  }

  /** Settings a test class wants beyond the defaults. */
  LarderClient.Builder configure(LarderClient.Builder builder) {
    return builder;
  }

  @BeforeEach
  void openClient(BackendServer server, TestInfo test) {
    backend = Backend.of(server);
    client = configure(backend.client()).build();
    prefix = test.getTestMethod().orElseThrow().getName() + "-" + RUN.incrementAndGet();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  /** A typed cache under this test's prefix. */
  <V> LarderCache<V> cache(Codec<V> codec) {
    return client.cache(prefix, codec);
  }

  /** A raw command on the server, e.g. {@code raw("PTTL", storageKey("k"))}. */
  Object raw(Object... command) {
    try (RespClient raw = backend().raw()) {
      return raw.call(command);
    }
  }

  /** The server-side key of {@code key} in this test's cache. */
  String storageKey(String key) {
    return prefix + ":" + key;
  }
}
