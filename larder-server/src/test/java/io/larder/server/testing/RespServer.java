package io.larder.server.testing;

/**
 * A running server that speaks RESP on a local port and takes {@code AUTH default
 * TestServer.DEFAULT_KEY}: Larder in-process ({@link TestServer}) or a real redis-server ({@link
 * RedisServer}).
 */
public interface RespServer extends AutoCloseable {
  int port();

  @Override
  void close();
}
