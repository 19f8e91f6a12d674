package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.StringValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
  @RegisterExtension static final Keyspaces keyspaces = new Keyspaces();

  @TempDir Path dir;

  private static AppendOnlyStore track(
      Durability durability, Path directory, InfinispanKeyspace keyspace) throws IOException {
    AppendOnlyStore store = AppendOnlyStore.open(directory, durability.fsyncPolicy(), keyspace);
    keyspace.journalTo(store.log());
    durability.track(store, keyspace);
    return store;
  }

  private static void set(InfinispanKeyspace keyspace, String key, String value) {
    keyspace.put(ByteKey.of(key), new StringValue(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void barrier_oneLogCannotBeWritten_writesTheOthersThenThrows() throws IOException {
    try (Durability durability = new Durability(FsyncPolicy.EVERYSEC, 1 << 20)) {
      InfinispanKeyspace brokenKeyspace = keyspaces.create();
      InfinispanKeyspace healthyKeyspace = keyspaces.create();
      AppendOnlyStore broken = track(durability, dir.resolve("broken"), brokenKeyspace);
      AppendOnlyStore healthy = track(durability, dir.resolve("healthy"), healthyKeyspace);
      broken.log().close(); // from now on its writes fail, as on a failed disk

      set(brokenKeyspace, "a", "1");
      set(healthyKeyspace, "b", "2");

      assertThatThrownBy(durability::barrier).isInstanceOf(UncheckedIOException.class);
      assertThat(LogFiles.records(healthy.directory().resolve("incr-1.aof")))
          .containsExactly("SET b 2");
      assertThat(durability.lastError()).isNotNull();
    }
  }

  @Test
  void close_withRecordsNotYetWritten_makesThemDurable() throws IOException {
    Durability durability = new Durability(FsyncPolicy.NO, 1 << 20);
    InfinispanKeyspace first = keyspaces.create();
    InfinispanKeyspace second = keyspaces.create();
    track(durability, dir.resolve("first"), first);
    track(durability, dir.resolve("second"), second);
    set(first, "a", "1");
    set(second, "b", "2");

    durability.close();

    assertThat(keyspaces.reopened(dir.resolve("first"))).isEqualTo(Map.of("a", "1"));
    assertThat(keyspaces.reopened(dir.resolve("second"))).isEqualTo(Map.of("b", "2"));
  }

  @Test
  void tick_logOutgrewMinSizeAndSnapshot_compactsInTheBackground() throws Exception {
    Path directory = dir.resolve("cache");
    try (Durability durability = new Durability(FsyncPolicy.EVERYSEC, 4096)) {
      InfinispanKeyspace keyspace = keyspaces.create();
      AppendOnlyStore store = track(durability, directory, keyspace);
      for (int i = 0; i < 1_000; i++) {
        set(keyspace, "k" + (i % 10), "value-" + i);
      }
      durability.barrier();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (store.baseSize() == 0) {
        assertThat(System.nanoTime()).as("compacted within 20 s").isLessThan(deadline);
        Thread.sleep(50);
      }

      assertThat(store.incrementalSize()).isLessThan(4096);
      assertThat(Files.readAllLines(directory.resolve("manifest")))
          .hasSize(2)
          .first()
          .asString()
          .startsWith("base ");
      Map<String, String> live = KeyspaceContents.of(keyspace);
      durability.close();
      assertThat(keyspaces.reopened(directory)).isEqualTo(live).hasSize(10);
    }
  }
}
