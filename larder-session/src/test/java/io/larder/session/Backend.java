package io.larder.session;

import io.larder.client.LarderClient;
import io.larder.server.testing.BackendServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;

/**
 * A server the tests run against: Larder in-process, or a real redis-server. Both take {@code AUTH
 * default TestServer.DEFAULT_KEY}.
 */
record Backend(String name, int port) {

  static Backend of(BackendServer server) {
    return new Backend(server.name(), server.port());
  }

  /** The endpoint URL the provider is configured with. */
  String url() {
    return "redis://default:" + TestServer.DEFAULT_KEY + "@127.0.0.1:" + port;
  }

  LarderClient client() {
    return LarderClient.create(url());
  }

  /** A raw command, on a connection of its own. */
  Object raw(Object... command) {
    try (RespClient raw = new RespClient(port)) {
      Object reply = raw.call("AUTH", "default", TestServer.DEFAULT_KEY);
      if (!"OK".equals(reply)) {
        throw new IllegalStateException("AUTH failed: " + reply);
      }
      return raw.call(command);
    }
  }

  /** Whether the server has MULTI (and with it EXEC and WATCH), asked with COMMAND INFO. */
  boolean supportsTransactions() {
    Object reply = raw("COMMAND", "INFO", "multi");
    return reply instanceof List<?> entries && !entries.isEmpty() && entries.get(0) != null;
  }

  /** Why a test that needs transactions is skipped. */
  String noTransactions() {
    return name
        + " answers COMMAND INFO multi with nothing: no MULTI/EXEC/WATCH yet, so session locks"
        + " cannot be released (the client's unlock is a compare-and-delete in a transaction);"
        + " this test runs once it has them";
  }

  @Override
  public String toString() {
    return name;
  }
}
