package io.larder.server.persist;

import io.larder.server.engine.Engine;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.testing.PerClassFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New, empty keyspaces on one engine that a test class shares, registered as {@code static final
 * Keyspaces keyspaces = new Keyspaces();} with {@code @RegisterExtension}: the engine starts before
 * the class's first test and closes after its last.
 */
final class Keyspaces extends PerClassFixture {
  private final AtomicInteger created = new AtomicInteger();
  private Engine engine;

  /** A new keyspace of its own. */
  InfinispanKeyspace create() {
    return engine.openKeyspace("keyspace-" + created.incrementAndGet());
  }

  /** What a restart would load from the store in directory, into a new keyspace. */
  Map<String, String> reopened(Path directory) throws IOException {
    InfinispanKeyspace keyspace = create();
    keyspace.beginLoading();
    AppendOnlyStore.open(directory, FsyncPolicy.EVERYSEC, keyspace).close();
    keyspace.finishLoading();
    return KeyspaceContents.of(keyspace);
  }

  @Override
  protected void open() {
    engine = new Engine(1000);
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
