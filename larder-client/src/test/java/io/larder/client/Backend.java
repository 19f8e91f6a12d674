package io.larder.client;

import io.larder.server.testing.BackendServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;

/**
 * A server the contract tests run against: Larder in-process, or a real redis-server. Both take
 * {@code AUTH default TestServer.DEFAULT_KEY}.
 */
record Backend(String name, int port) {

  static Backend of(BackendServer server) {
    return new Backend(server.name(), server.port());
  }

  /** A builder for a client of this server's cache {@code default}. */
  LarderClient.Builder client() {
    return LarderClient.builder()
        .host("127.0.0.1")
        .port(port)
        .cache("default")
        .key(TestServer.DEFAULT_KEY);
  }

  /** A raw, authenticated connection for looking at what the client stored. */
  RespClient raw() {
    RespClient client = new RespClient(port);
    Object reply = client.call("AUTH", "default", TestServer.DEFAULT_KEY);
    if (!"OK".equals(reply)) {
      client.close();
      throw new IllegalStateException("AUTH failed: " + reply);
    }
    return client;
  }

  /** Whether the server has MULTI (and with it EXEC and WATCH), asked with COMMAND INFO. */
  boolean supportsTransactions() {
    try (RespClient raw = raw()) {
      Object reply = raw.call("COMMAND", "INFO", "multi");
      return reply instanceof List<?> entries && !entries.isEmpty() && entries.get(0) != null;
    }
  }

  /** Why a transaction test is skipped, for the report. */
  String noTransactions() {
    return name
        + " answers COMMAND INFO multi with nothing: no MULTI/EXEC/WATCH yet, so compare-and-put"
        + " and unlocking cannot work; this test runs once it has them";
  }

  @Override
  public String toString() {
    return name;
  }
}
