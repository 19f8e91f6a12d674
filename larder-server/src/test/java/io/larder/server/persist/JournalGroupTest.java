package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Engine;
import io.larder.server.engine.HashFields;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journal groups ({@code beginGroup}/{@code endGroup}): what {@link AppendLog} writes for them, and
 * that the keyspace's exclusive sections open them.
 */
class JournalGroupTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private AppendLog open(Path file) throws IOException {
    return new AppendLog(LogFiles.openForAppend(file), FsyncPolicy.EVERYSEC);
  }

  @Test
  void endGroup_records_writtenOnceBetweenMultiAndExecWithHashesNotWrappedAgain()
      throws IOException {
    Path file = dir.resolve("log");
    AppendLog log = open(file);
    HashFields fields = new HashFields();
    fields.put(bytes("f"), bytes("1"));

    log.set(ByteKey.of("before"), new StringValue(bytes("0")));
    log.beginGroup();
    log.set(ByteKey.of("a"), new StringValue(bytes("1")));
    log.beginGroup(); // nested: a multi-key command inside EXEC
    log.set(ByteKey.of("h"), new HashValue(fields, StoredValue.NO_EXPIRY));
    log.delete(ByteKey.of("b"));
    log.endGroup();
    log.expireAt(ByteKey.of("a"), 1700000000000L);
    log.writeToOs();
    assertThat(LogFiles.records(file)).containsExactly("SET before 0");

    log.endGroup();
    log.writeToOs();

    assertThat(LogFiles.records(file))
        .containsExactly(
            "SET before 0",
            "MULTI",
            "SET a 1",
            "DEL h",
            "HSET h f 1",
            "DEL b",
            "PEXPIREAT a 1700000000000",
            "EXEC");
  }

  @Test
  void endGroup_noRecords_writesNothing() throws IOException {
    Path file = dir.resolve("log");
    AppendLog log = open(file);

    log.beginGroup();
    log.endGroup();
    log.writeToOs();

    assertThat(LogFiles.records(file)).isEmpty();
  }

  @Test
  void beginGroup_otherThreadsRecordsMeanwhile_appendedUngrouped() throws Exception {
    Path file = dir.resolve("log");
    AppendLog log = open(file);

    log.beginGroup();
    log.set(ByteKey.of("mine"), new StringValue(bytes("1")));
    Thread other =
        new Thread(
            () -> {
              log.beginGroup();
              log.set(ByteKey.of("theirs"), new StringValue(bytes("2")));
              log.endGroup();
            });
    other.start();
    other.join();
    log.endGroup();
    log.writeToOs();

    assertThat(LogFiles.records(file))
        .containsExactly("SET theirs 2", "MULTI", "SET mine 1", "EXEC");
  }

  /** A compaction switching files while a group is open never splits it between two files. */
  @Test
  void switchTo_whileGroupOpen_wholeGroupGoesToTheNextFile() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    AppendLog log = open(first);

    log.beginGroup();
    log.set(ByteKey.of("a"), new StringValue(bytes("1")));
    log.switchTo(LogFiles.openForAppend(second)).close();
    log.set(ByteKey.of("b"), new StringValue(bytes("2")));
    log.endGroup();
    log.writeToOs();

    assertThat(LogFiles.records(first)).isEmpty();
    assertThat(LogFiles.records(second)).containsExactly("MULTI", "SET a 1", "SET b 2", "EXEC");
  }

  @Test
  void exclusive_writesOfSeveralKeys_journaledAsOneGroupThatAnUnfinishedLogDrops()
      throws Exception {
    Path file = dir.resolve("incr-1.aof");
    try (Engine engine = new Engine(1000)) {
      InfinispanKeyspace keyspace = engine.openKeyspace("test");
      AppendLog log = open(file);
      keyspace.journalTo(log);
      keyspace.put(ByteKey.of("before"), new StringValue(bytes("0")));
      keyspace.exclusive(
          () -> {
            keyspace.put(ByteKey.of("a"), new StringValue(bytes("1")));
            keyspace.exclusive(
                () -> {
                  keyspace.put(ByteKey.of("b"), new StringValue(bytes("2")));
                  return null;
                });
            return null;
          });
      log.close();
    }
    assertThat(LogFiles.records(file))
        .containsExactly("SET before 0", "MULTI", "SET a 1", "SET b 2", "EXEC");

    int exec = "*1\r\n$4\r\nEXEC\r\n".length();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - exec);
    }
    try (Engine engine = new Engine(1000)) {
      InfinispanKeyspace keyspace = engine.openKeyspace("replayed");
      new LogReplayer(keyspace).replayLog(file);

      assertThat(keyspace.get(ByteKey.of("before"))).isNotNull();
      assertThat(keyspace.get(ByteKey.of("a"))).isNull();
      assertThat(keyspace.get(ByteKey.of("b"))).isNull();
    }
  }

  @Test
  void exclusive_concurrentSingleKeyWriters_stayOutOfTheGroup() throws Exception {
    Path file = dir.resolve("log");
    try (Engine engine = new Engine(1000)) {
      InfinispanKeyspace keyspace = engine.openKeyspace("test");
      AppendLog log = open(file);
      keyspace.journalTo(log);
      CountDownLatch inside = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () -> {
                try {
                  inside.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                keyspace.put(ByteKey.of("single"), new StringValue(bytes("x")));
              });
      writer.start();
      keyspace.exclusive(
          () -> {
            keyspace.put(ByteKey.of("a"), new StringValue(bytes("1")));
            inside.countDown();
            keyspace.put(ByteKey.of("b"), new StringValue(bytes("2")));
            return null;
          });
      writer.join();
      log.close();
    }

    assertThat(LogFiles.records(file))
        .containsExactly("MULTI", "SET a 1", "SET b 2", "EXEC", "SET single x");
  }
}
