package io.larder.server.testing;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The server a client-side test class runs on: Larder in-process, or a real redis-server (skipped,
 * or failing in CI, without one). Both take {@code AUTH default TestServer.DEFAULT_KEY}.
 *
 * <p>{@code @RegisterExtension static final BackendServer server = BackendServer.redis();} starts
 * it before the class's first test and stops it after its last; the lifecycle methods of that class
 * and of the classes nested in it get it as a parameter ({@code @BeforeEach void open(BackendServer
 * server)}), so one contract, written once, runs on each server from a class per server.
 */
public final class BackendServer extends PerClassFixture implements ParameterResolver {
  private final String name;
  private final Supplier<RespServer> starter;
  private RespServer running;

  private BackendServer(String name, Supplier<RespServer> starter) {
    this.name = name;
    this.starter = starter;
  }

  /** Larder, in-process. */
  public static BackendServer larder() {
    return new BackendServer("Larder", TestServer::start);
  }

  /** A real redis-server. */
  public static BackendServer redis() {
    return new BackendServer("Redis", RedisServer::start);
  }

  /** "Larder" or "Redis". */
  public String name() {
    return name;
  }

  public int port() {
    if (running == null) {
      throw new IllegalStateException(name + " is not running");
    }
    return running.port();
  }

  @Override
  protected void open() {
    running = starter.get();
  }

  @Override
  public void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BackendServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }

  @Override
  public String toString() {
    return name;
  }
}
