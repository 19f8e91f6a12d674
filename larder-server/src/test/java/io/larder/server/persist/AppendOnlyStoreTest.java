package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyStoreTest {
  private static final long FUTURE = System.currentTimeMillis() + 3_600_000;

  @RegisterExtension static final Keyspaces keyspaces = new Keyspaces();

  @TempDir Path dir;

  /** Opens the store in dir into keyspace and journals the keyspace's changes to it. */
  private AppendOnlyStore open(InfinispanKeyspace keyspace) throws IOException {
    AppendOnlyStore store = AppendOnlyStore.open(dir, FsyncPolicy.EVERYSEC, keyspace);
    keyspace.journalTo(store.log());
    return store;
  }

  /** What a restart would load from dir. */
  private Map<String, String> reopened() throws IOException {
    return keyspaces.reopened(dir);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void set(Keyspace keyspace, String key, String value, long expireAt) {
    keyspace.update(
        ByteKey.of(key),
        m -> {
          m.set(new StringValue(bytes(value), expireAt));
          return null;
        });
  }

  private static void setField(Keyspace keyspace, String key, String field, String value) {
    keyspace.update(
        ByteKey.of(key),
        m -> {
          if (m.current() instanceof StringValue) {
            m.delete();
          }
          m.setField(bytes(field), bytes(value));
          return null;
        });
  }

  private List<String> manifest() throws IOException {
    return Files.readAllLines(dir.resolve("manifest"));
  }

  private List<String> filesInDirectory() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  /** Waits (bounded) until thread parks or ends, so the next step races with what it does. */
  private static void awaitParkedOrDone(Thread thread, Predicate<Thread.State> parked)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!parked.test(thread.getState()) && thread.getState() != Thread.State.TERMINATED) {
      assertThat(System.nanoTime()).as("%s still running", thread).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @Test
  void reopen_afterWritesRewriteAndMoreWrites_givesTheSameState() throws IOException {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    set(keyspace, "s", "1", StoredValue.NO_EXPIRY);
    set(keyspace, "t", "timed", FUTURE);
    set(keyspace, "gone", "x", StoredValue.NO_EXPIRY);
    setField(keyspace, "h", "a", "1");
    setField(keyspace, "h", "b", "2");
    keyspace.update(
        ByteKey.of("h"),
        m -> {
          m.expireAt(FUTURE + 1);
          return null;
        });
    store.log().writeToOs();

    assertThat(store.rewrite(keyspace)).isTrue();
    set(keyspace, "s", "2", StoredValue.NO_EXPIRY);
    setField(keyspace, "h", "c", "3");
    keyspace.update(
        ByteKey.of("gone"),
        m -> {
          m.delete();
          return null;
        });
    store.close();

    assertThat(reopened())
        .isEqualTo(KeyspaceContents.of(keyspace))
        .isEqualTo(
            Map.of(
                "s", "2",
                "t", "timed@" + FUTURE,
                "h", "hash{a=1, b=2, c=3}@" + (FUTURE + 1)));
  }

  @Test
  void rewrite_whileWritersRun_everyWriteSurvivesReopen() throws Exception {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(t);
      writers.add(
          new Thread(
              () -> {
                for (int i = 0; i < 4_000; i++) {
                  String key = "k" + random.nextInt(64);
                  switch (random.nextInt(6)) {
                    case 0 -> set(keyspace, key, "v" + i, StoredValue.NO_EXPIRY);
                    case 1 -> set(keyspace, key, "v" + i, FUTURE + i);
                    case 2, 3 -> setField(keyspace, key, "f" + random.nextInt(4), "v" + i);
                    case 4 ->
                        keyspace.update(
                            ByteKey.of(key), m -> m.deleteField(bytes("f" + random.nextInt(4))));
                    default ->
                        keyspace.update(
                            ByteKey.of(key),
                            m -> {
                              m.delete();
                              return null;
                            });
                  }
                  store.log().writeToOs();
                }
              }));
    }
    writers.forEach(
        writer -> {
          writer.setUncaughtExceptionHandler((th, e) -> errors.add(e));
          writer.start();
        });
    Thread done =
        new Thread(
            () -> {
              writers.forEach(
                  writer -> {
                    try {
                      writer.join();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
              writing.set(false);
            });
    done.start();
    int rewrites = 0;
    while (writing.get() || rewrites < 3) {
      assertThat(store.rewrite(keyspace)).isTrue();
      rewrites++;
    }
    done.join();
    store.close();

    assertThat(errors).isEmpty();
    assertThat(reopened()).isEqualTo(KeyspaceContents.of(keyspace)).isNotEmpty();
  }

  @Test
  void rewrite_writeInProgressAtTheSwitch_survivesReopen() throws Exception {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    set(keyspace, "k", "old", StoredValue.NO_EXPIRY);
    store.log().writeToOs();
    CountDownLatch inProgress = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () ->
                keyspace.update(
                    ByteKey.of("k"),
                    m -> {
                      m.set(new StringValue(bytes("new")));
                      inProgress.countDown();
                      awaitQuietly(release);
                      return null;
                    }));
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    Thread rewriter =
        new Thread(
            () -> {
              try {
                store.rewrite(keyspace);
              } catch (IOException e) {
                errors.add(e);
              }
            });

    writer.start();
    inProgress.await();
    rewriter.start();
    awaitParkedOrDone(rewriter, state -> state == Thread.State.WAITING);
    release.countDown();
    writer.join();
    rewriter.join();
    store.log().writeToOs();
    store.close();

    assertThat(errors).isEmpty();
    assertThat(manifest()).hasSize(2).anyMatch(line -> line.startsWith("base "));
    assertThat(reopened()).isEqualTo(Map.of("k", "new"));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void rewrite_afterwards_manifestNamesOnlyFilesThatExistAndNothingElseRemains()
      throws IOException {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    for (int round = 0; round < 3; round++) {
      set(keyspace, "k" + round, "v", StoredValue.NO_EXPIRY);
      store.log().writeToOs();
      store.rewrite(keyspace);
    }
    store.close();

    List<String> named = manifest().stream().map(line -> line.split(" ")[1]).toList();
    assertThat(manifest()).hasSize(2);
    assertThat(manifest().get(0)).startsWith("base ");
    assertThat(manifest().get(1)).startsWith("incr ");
    List<String> expected = new ArrayList<>(named);
    expected.add("manifest");
    assertThat(filesInDirectory()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.baseSize()).isEqualTo(Files.size(dir.resolve(named.get(0))));
  }

  @Test
  void open_afterCrashDuringSnapshot_replaysOldAndNewIncrementalLogs() throws IOException {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    set(keyspace, "a", "1", StoredValue.NO_EXPIRY);
    set(keyspace, "b", "1", StoredValue.NO_EXPIRY);
    store.log().writeToOs();
    Keyspace crashingSnapshot =
        (Keyspace)
            Proxy.newProxyInstance(
                Keyspace.class.getClassLoader(),
                new Class<?>[] {Keyspace.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("keys")) {
                    throw new IllegalStateException("the process dies here");
                  }
                  try {
                    return method.invoke(keyspace, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    assertThatThrownBy(() -> store.rewrite(crashingSnapshot)).hasMessage("the process dies here");
    set(keyspace, "a", "2", StoredValue.NO_EXPIRY);
    keyspace.update(
        ByteKey.of("b"),
        m -> {
          m.delete();
          return null;
        });
    store.log().writeToOs(); // acknowledged, then killed: no close

    assertThat(manifest()).containsExactly("incr incr-1.aof", "incr incr-2.aof");
    assertThat(reopened()).isEqualTo(Map.of("a", "2"));
  }

  @Test
  void open_leftoversOfAnInterruptedCompaction_removedAndDataIntact() throws IOException {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    set(keyspace, "a", "1", StoredValue.NO_EXPIRY);
    store.close();
    LogFiles.append(dir.resolve("base-7.aof.tmp"), LogFiles.encode("SET a half"));
    LogFiles.append(dir.resolve("base-8.aof"), LogFiles.encode("SET a stale"));
    LogFiles.append(dir.resolve("incr-9.aof"), new byte[0]);
    LogFiles.append(dir.resolve("manifest.tmp"), "base base-8.aof\n".getBytes());

    assertThat(reopened()).isEqualTo(Map.of("a", "1"));
    assertThat(filesInDirectory()).containsExactly("incr-1.aof", "manifest");
  }

  @Test
  void open_manifestNamesMissingFile_failsNamingIt() throws IOException {
    open(keyspaces.create()).close();
    Files.writeString(dir.resolve("manifest"), "base base-3.aof\nincr incr-1.aof\n");

    assertThatThrownBy(this::reopened)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("base-3.aof");
  }

  @Test
  void open_logFilesButNoManifest_refusesToStart() {
    LogFiles.append(dir.resolve("incr-1.aof"), LogFiles.encode("SET a 1"));

    assertThatThrownBy(this::reopened)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no manifest");
  }

  @Test
  void open_emptyLogLeftByCrashBeforeFirstManifest_startsEmpty() throws IOException {
    LogFiles.append(dir.resolve("incr-1.aof"), new byte[0]);

    assertThat(reopened()).isEmpty();
    assertThat(manifest()).containsExactly("incr incr-2.aof");
  }

  @Test
  void close_duringRewrite_abandonsItAndKeepsEveryWrite() throws Exception {
    InfinispanKeyspace keyspace = keyspaces.create();
    AppendOnlyStore store = open(keyspace);
    for (int i = 0; i < 10; i++) {
      set(keyspace, "k" + i, "v" + i, StoredValue.NO_EXPIRY);
    }
    store.log().writeToOs();
    CountDownLatch snapshotting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Keyspace slowSnapshot =
        (Keyspace)
            Proxy.newProxyInstance(
                Keyspace.class.getClassLoader(),
                new Class<?>[] {Keyspace.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("peek")) {
                    snapshotting.countDown();
                    awaitQuietly(release);
                  }
                  try {
                    return method.invoke(keyspace, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    AtomicBoolean compacted = new AtomicBoolean(true);
    Thread rewriter =
        new Thread(
            () -> {
              try {
                compacted.set(store.rewrite(slowSnapshot));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread closer =
        new Thread(
            () -> {
              try {
                store.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    rewriter.start();
    snapshotting.await();
    set(keyspace, "late", "1", StoredValue.NO_EXPIRY);
    closer.start();
    awaitParkedOrDone(closer, state -> state == Thread.State.BLOCKED);
    release.countDown();
    rewriter.join();
    closer.join();

    assertThat(compacted).isFalse();
    assertThat(filesInDirectory()).noneMatch(name -> name.endsWith(".tmp"));
    for (String line : manifest()) {
      assertThat(dir.resolve(line.split(" ")[1])).exists();
    }
    assertThat(reopened()).isEqualTo(KeyspaceContents.of(keyspace)).hasSize(11);
  }
}
