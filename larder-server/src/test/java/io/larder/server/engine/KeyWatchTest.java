package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What marks a {@link KeyWatch} changed, on a real keyspace, and what unwatching releases. */
class KeyWatchTest {
  private static final ByteKey KEY = ByteKey.of("k");

  private Engine engine;
  private InfinispanKeyspace keyspace;
  private final KeyWatch watch = new KeyWatch();

  @BeforeEach
  void open() {
    engine = new Engine(1000);
    keyspace = engine.openKeyspace("test");
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void changed_nothingWritten_false() {
    keyspace.put(KEY, string("v"));
    keyspace.watch(KEY, watch);

    keyspace.get(KEY);
    keyspace.put(ByteKey.of("other"), string("v"));

    assertThat(watch.changed()).isFalse();
  }

  @Test
  void changed_putOrUpdateOrDelete_true() {
    keyspace.watch(KEY, watch);
    keyspace.put(KEY, string("v"));
    assertThat(watch.changed()).isTrue();

    ByteKey hash = ByteKey.of("h");
    watch.clear();
    keyspace.watch(hash, watch);
    keyspace.update(hash, m -> m.setField(bytes("f"), bytes("v")));
    assertThat(watch.changed()).isTrue();

    watch.clear();
    keyspace.watch(KEY, watch);
    keyspace.update(
        KEY,
        m -> {
          m.delete();
          return null;
        });
    assertThat(watch.changed()).isTrue();
  }

  @Test
  void changed_updateThatChangesNothing_false() {
    keyspace.watch(KEY, watch);
    keyspace.update(
        KEY,
        m -> {
          m.delete(); // absent: nothing to delete
          return null;
        });
    keyspace.update(KEY, m -> m.deleteField(bytes("f")));

    assertThat(watch.changed()).isFalse();
  }

  @Test
  void changed_timeToLiveRunsOutAfterWatch_true() throws InterruptedException {
    keyspace.put(KEY, new StringValue(bytes("v"), keyspace.now() + 50));
    keyspace.watch(KEY, watch);
    assertThat(watch.changed()).isFalse();

    Thread.sleep(100);

    assertThat(watch.changed()).isTrue();
  }

  @Test
  void changed_keyAlreadyExpiredWhenWatched_falseEvenOnceReclaimed() throws InterruptedException {
    keyspace.put(KEY, new StringValue(bytes("v"), keyspace.now() + 20));
    Thread.sleep(50);
    keyspace.watch(KEY, watch);

    assertThat(keyspace.get(KEY)).isNull();
    assertThat(watch.changed()).isFalse();
  }

  @Test
  void changed_flushWhileKeyExists_true() {
    keyspace.put(KEY, string("v"));
    keyspace.watch(KEY, watch);
    KeyWatch absent = new KeyWatch();
    keyspace.watch(ByteKey.of("absent"), absent);

    keyspace.clear();

    assertThat(watch.changed()).isTrue();
    assertThat(absent.changed()).isFalse();
  }

  @Test
  void changed_evicted_true() {
    keyspace.put(KEY, string("v"));
    keyspace.watch(KEY, watch);
    keyspace.configure(new MemoryLimits(1, EvictionPolicy.ALLKEYS_RANDOM, 0));

    assertThat(keyspace.peek(KEY)).isNull();
    assertThat(watch.changed()).isTrue();
  }

  @Test
  void changed_insideExclusiveSection_seesWritesOfOthersMadeBefore() {
    keyspace.watch(KEY, watch);
    keyspace.put(KEY, string("v"));

    assertThat(keyspace.exclusive(watch::changed)).isTrue();
  }

  @Test
  void clear_stopsWatchingAndForgetsChanges() {
    keyspace.watch(KEY, watch);
    keyspace.put(KEY, string("v"));

    watch.clear();
    keyspace.put(KEY, string("w"));

    assertThat(watch.changed()).isFalse();
    assertThat(watch.isEmpty()).isTrue();
  }

  @Test
  void watchedKeys_addedTwiceOrByManyThenRemoved_releasesEveryEntry() {
    WatchedKeys keys = new WatchedKeys(System::currentTimeMillis);
    List<KeyWatch> watches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      KeyWatch each = new KeyWatch();
      watches.add(each);
      assertThat(keys.add(KEY, each)).isTrue();
      assertThat(keys.add(KEY, each)).as("the same key again").isFalse();
    }
    assertThat(keys.size()).isEqualTo(3);

    keys.remove(KEY, watches.get(1));
    keys.touched(KEY);
    assertThat(watches.get(0).changed()).isTrue();
    assertThat(watches.get(1).changed()).isFalse();

    keys.remove(KEY, watches.get(0));
    keys.remove(KEY, watches.get(2));
    keys.remove(KEY, watches.get(2));
    assertThat(keys.size()).isZero();
  }

  private static StringValue string(String text) {
    return new StringValue(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
