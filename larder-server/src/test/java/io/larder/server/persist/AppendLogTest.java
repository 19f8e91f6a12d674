package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashFields;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendLogTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HashValue hash(long expireAt, String... fieldsAndValues) {
    HashFields fields = new HashFields();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      fields.put(bytes(fieldsAndValues[i]), bytes(fieldsAndValues[i + 1]));
    }
    return new HashValue(fields, expireAt);
  }

  private AppendLog open(Path file, FsyncPolicy fsync) throws IOException {
    return new AppendLog(LogFiles.openForAppend(file), fsync);
  }

  @Test
  void journal_everyKindOfChange_writtenAsRespCommand() throws IOException {
    Path file = dir.resolve("log");
    AppendLog log = open(file, FsyncPolicy.EVERYSEC);
    ByteKey key = ByteKey.of("k");

    log.set(key, new StringValue(bytes("v")));
    log.set(key, new StringValue(bytes("v"), 1700000000000L));
    log.set(ByteKey.of("h"), hash(1700000000000L, "f", "1", "g", "2"));
    log.delete(key);
    log.setField(key, bytes("f"), bytes("x"));
    log.deleteField(key, bytes("f"));
    log.expireAt(key, 1700000000001L);
    log.expireAt(key, StoredValue.NO_EXPIRY);
    log.clear();
    log.writeToOs();

    assertThat(Files.readString(file))
        .isEqualTo(
            "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                + "*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n$4\r\nPXAT\r\n$13\r\n1700000000000\r\n"
                + "*1\r\n$5\r\nMULTI\r\n"
                + "*2\r\n$3\r\nDEL\r\n$1\r\nh\r\n"
                + "*6\r\n$4\r\nHSET\r\n$1\r\nh\r\n$1\r\nf\r\n$1\r\n1\r\n$1\r\ng\r\n$1\r\n2\r\n"
                + "*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nh\r\n$13\r\n1700000000000\r\n"
                + "*1\r\n$4\r\nEXEC\r\n"
                + "*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n"
                + "*4\r\n$4\r\nHSET\r\n$1\r\nk\r\n$1\r\nf\r\n$1\r\nx\r\n"
                + "*3\r\n$4\r\nHDEL\r\n$1\r\nk\r\n$1\r\nf\r\n"
                + "*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nk\r\n$13\r\n1700000000001\r\n"
                + "*2\r\n$7\r\nPERSIST\r\n$1\r\nk\r\n"
                + "*1\r\n$8\r\nFLUSHALL\r\n");
  }

  @Test
  void writeToOs_afterAppends_writesEverythingAppendedSoFar() throws IOException {
    Path file = dir.resolve("log");
    AppendLog log = open(file, FsyncPolicy.EVERYSEC);
    log.delete(ByteKey.of("a"));
    log.delete(ByteKey.of("b"));

    assertThat(Files.size(file)).isZero();
    assertThat(log.fileSize()).isEqualTo(2 * 20);
    log.writeToOs();
    assertThat(LogFiles.records(file)).containsExactly("DEL a", "DEL b");

    log.delete(ByteKey.of("c"));
    log.writeToOs();
    log.writeToOs();
    assertThat(LogFiles.records(file)).containsExactly("DEL a", "DEL b", "DEL c");
    assertThat(log.fileSize()).isEqualTo(Files.size(file));
  }

  @Test
  void writeToOs_concurrentAppendersAndWriters_loseNothingAndKeepPerKeyOrder() throws Exception {
    Path file = dir.resolve("log");
    AppendLog log = open(file, FsyncPolicy.NO);
    int appenders = 4;
    int recordsEach = 5_000;
    AtomicBoolean appending = new AtomicBoolean(true);
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < appenders; t++) {
      ByteKey key = ByteKey.of("k" + t);
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < recordsEach; i++) {
                  log.set(key, new StringValue(bytes(Integer.toString(i))));
                  if (ThreadLocalRandom.current().nextInt(8) == 0) {
                    log.writeToOs();
                  }
                }
              }));
    }
    for (int t = 0; t < 2; t++) {
      threads.add(
          new Thread(
              () -> {
                while (appending.get()) {
                  log.writeToOs();
                }
              }));
    }
    threads.forEach(
        thread -> {
          thread.setUncaughtExceptionHandler((th, e) -> errors.add(e));
          thread.start();
        });
    for (Thread appender : threads.subList(0, appenders)) {
      appender.join();
    }
    appending.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    log.writeToOs();

    assertThat(errors).isEmpty();
    Map<String, Integer> next = new HashMap<>();
    List<String> records = LogFiles.records(file);
    for (String record : records) {
      String[] words = record.split(" ");
      int expected = next.getOrDefault(words[1], 0);
      assertThat(Integer.parseInt(words[2])).as("next value of %s", words[1]).isEqualTo(expected);
      next.put(words[1], expected + 1);
    }
    assertThat(records).hasSize(appenders * recordsEach);
  }

  @Test
  void writeToOs_diskFullInsideRecord_keepsTheRestAndContinuesWhereItStopped() throws IOException {
    Path file = dir.resolve("log");
    FaultyChannel channel = new FaultyChannel(LogFiles.openForAppend(file));
    AppendLog log = new AppendLog(channel, FsyncPolicy.EVERYSEC);
    log.delete(ByteKey.of("a"));
    log.writeToOs();
    log.delete(ByteKey.of("b"));
    log.delete(ByteKey.of("c"));
    channel.failWritesAfter(5);

    assertThatThrownBy(log::writeToOs).isInstanceOf(UncheckedIOException.class);
    assertThat(log.lastError()).hasMessage("No space left on device");
    assertThat(Files.size(file)).isEqualTo(20 + 5);
    assertThatThrownBy(log::writeToOs).isInstanceOf(UncheckedIOException.class);

    log.delete(ByteKey.of("d"));
    channel.heal();
    log.writeToOs();

    assertThat(LogFiles.records(file)).containsExactly("DEL a", "DEL b", "DEL c", "DEL d");
    assertThat(log.lastError()).isNull();
    assertThat(log.fileSize()).isEqualTo(Files.size(file));
  }

  @Test
  void writeToOs_always_fsyncsBeforeReturning() throws IOException {
    FaultyChannel channel = new FaultyChannel(LogFiles.openForAppend(dir.resolve("log")));
    AppendLog log = new AppendLog(channel, FsyncPolicy.ALWAYS);

    log.delete(ByteKey.of("a"));
    log.writeToOs();
    assertThat(channel.forces()).isEqualTo(1);
    log.writeToOs();
    assertThat(channel.forces()).as("nothing new to sync").isEqualTo(1);
  }

  @Test
  void writeToOs_everysec_leavesFsyncToTheTick() throws IOException {
    FaultyChannel channel = new FaultyChannel(LogFiles.openForAppend(dir.resolve("log")));
    AppendLog log = new AppendLog(channel, FsyncPolicy.EVERYSEC);

    log.delete(ByteKey.of("a"));
    log.writeToOs();
    assertThat(channel.forces()).isZero();
    log.fsyncIfNeeded();
    log.fsyncIfNeeded();
    assertThat(channel.forces()).isEqualTo(1);
  }

  @Test
  void writeToOs_alwaysAndFsyncFails_throwsUntilAnFsyncSucceeds() throws IOException {
    FaultyChannel channel = new FaultyChannel(LogFiles.openForAppend(dir.resolve("log")));
    AppendLog log = new AppendLog(channel, FsyncPolicy.ALWAYS);
    channel.failForce(true);

    log.delete(ByteKey.of("a"));
    assertThatThrownBy(log::writeToOs).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(log::writeToOs)
        .as("written but not synced is not enough under always")
        .isInstanceOf(UncheckedIOException.class);
    assertThat(log.lastError()).hasMessage("Input/output error");

    channel.heal();
    log.writeToOs();
    assertThat(channel.forces()).isEqualTo(1);
    assertThat(log.lastError()).isNull();
  }

  @Test
  void writeToOs_callerInterrupted_writesAndKeepsTheInterrupt() throws IOException {
    Path file = dir.resolve("log");
    AppendLog log = open(file, FsyncPolicy.ALWAYS);
    log.delete(ByteKey.of("a"));

    Thread.currentThread().interrupt();
    try {
      log.writeToOs();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    log.delete(ByteKey.of("b"));
    log.writeToOs();

    assertThat(LogFiles.records(file)).containsExactly("DEL a", "DEL b");
  }

  @Test
  void switchTo_recordsAfterTheSwitch_goToTheNextFile() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    AppendLog log = open(first, FsyncPolicy.EVERYSEC);
    log.delete(ByteKey.of("a"));

    log.switchTo(LogFiles.openForAppend(second)).close();
    log.delete(ByteKey.of("b"));
    log.writeToOs();

    assertThat(LogFiles.records(first)).containsExactly("DEL a");
    assertThat(LogFiles.records(second)).containsExactly("DEL b");
    assertThat(log.fileSize()).isEqualTo(Files.size(second));
  }

  @Test
  void fsyncIfNeeded_racingSwitchesAndWriters_neverFailsAndLosesNothing() throws Exception {
    List<Path> files = new ArrayList<>(List.of(dir.resolve("log-0")));
    AppendLog log = open(files.get(0), FsyncPolicy.EVERYSEC);
    AtomicBoolean running = new AtomicBoolean(true);
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      ByteKey key = ByteKey.of("k" + t);
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; running.get(); i++) {
                  log.set(key, new StringValue(bytes(Integer.toString(i))));
                  log.writeToOs();
                }
              }));
    }
    threads.add(
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  log.fsyncIfNeeded();
                } catch (IOException e) {
                  errors.add(e);
                }
              }
            }));
    threads.forEach(
        thread -> {
          thread.setUncaughtExceptionHandler((th, e) -> errors.add(e));
          thread.start();
        });
    for (int i = 1; i <= 50; i++) {
      Path next = dir.resolve("log-" + i);
      files.add(next);
      FileChannel previous = log.switchTo(LogFiles.openForAppend(next));
      previous.close();
    }
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    log.close();

    assertThat(errors).isEmpty();
    Map<String, Integer> next = new HashMap<>();
    for (Path file : files) {
      for (String record : LogFiles.records(file)) {
        String[] words = record.split(" ");
        int expected = next.getOrDefault(words[1], 0);
        assertThat(Integer.parseInt(words[2])).isEqualTo(expected);
        next.put(words[1], expected + 1);
      }
    }
    assertThat(next).containsOnlyKeys("k0", "k1");
  }

  @Test
  void close_pendingRecords_writtenAndSynced() throws IOException {
    Path file = dir.resolve("log");
    FaultyChannel channel = new FaultyChannel(LogFiles.openForAppend(file));
    AppendLog log = new AppendLog(channel, FsyncPolicy.NO);
    log.delete(ByteKey.of("a"));

    log.close();

    assertThat(LogFiles.records(file)).containsExactly("DEL a");
    assertThat(channel.forces()).isEqualTo(1);
    assertThat(channel.isOpen()).isFalse();
  }
}
