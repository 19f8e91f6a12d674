package io.larder.server.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class shares across its tests, opened before the first and closed after the last
 * when the class registers it: {@code @RegisterExtension static final TestServer server =
 * TestServer.perClass();}.
 *
 * <p>JUnit calls an extension registered on a class again for each {@code @Nested} class inside it;
 * counting the classes that are running keeps one fixture open from the outermost class's start to
 * its end, shared by the nested ones.
 */
public abstract class PerClassFixture
    implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private int runningClasses;

  /** Starts what the tests share: a server, an engine, files. */
  protected abstract void open();

  /** Stops it again; also called after an {@link #open()} that failed part way. */
  @Override
  public abstract void close();

  @Override
  public final void beforeAll(ExtensionContext context) {
    if (runningClasses++ == 0) {
      open();
    }
  }

  @Override
  public final void afterAll(ExtensionContext context) {
    if (--runningClasses == 0) {
      close();
    }
  }
}
