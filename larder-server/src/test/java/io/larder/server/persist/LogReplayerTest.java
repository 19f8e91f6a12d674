package io.larder.server.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.InfinispanKeyspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LogReplayerTest {
  private static final long FUTURE = System.currentTimeMillis() + 3_600_000;
  private static final long PAST = System.currentTimeMillis() - 1_000;

  @RegisterExtension static final Keyspaces keyspaces = new Keyspaces();

  @TempDir Path dir;

  /**
   * Replays file into keyspace the way the server loads a cache: with expiry applied at the end.
   */
  private static long load(InfinispanKeyspace keyspace, Path file) throws IOException {
    keyspace.beginLoading();
    long records = new LogReplayer(keyspace).replayLog(file);
    keyspace.finishLoading();
    return records;
  }

  private Path log(String... commands) {
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, LogFiles.encode(commands));
    return file;
  }

  @Test
  void replayLog_everyRecordKind_rebuildsTheState() throws IOException {
    Path file =
        log(
            "SET gone 1",
            "FLUSHALL",
            "SET s plain",
            "SET t timed PXAT " + FUTURE,
            "SET p 1 PXAT " + FUTURE,
            "PERSIST p",
            "SET e 1",
            "PEXPIREAT e " + FUTURE,
            "SET d 1",
            "DEL d",
            "HSET h a 1 b 2 c 3",
            "HDEL h a c",
            "SET x string",
            "HSET x f v",
            "MULTI",
            "DEL m",
            "HSET m f v",
            "PEXPIREAT m " + FUTURE,
            "EXEC");
    InfinispanKeyspace keyspace = keyspaces.create();

    long records = load(keyspace, file);

    assertThat(records).isEqualTo(17);
    assertThat(KeyspaceContents.of(keyspace))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "s", "plain",
                "t", "timed@" + FUTURE,
                "p", "1",
                "e", "1@" + FUTURE,
                "h", "hash{b=2}",
                "x", "hash{f=v}",
                "m", "hash{f=v}@" + FUTURE));
  }

  @Test
  void replayLog_tornTail_cutToLastWholeRecordAndLaterAppendsReplay() throws IOException {
    byte[] whole = LogFiles.encode("SET a 1", "SET b 2");
    byte[] torn = LogFiles.encode("SET c 3");
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, whole);
    LogFiles.append(file, Arrays.copyOf(torn, torn.length - 3));

    InfinispanKeyspace keyspace = keyspaces.create();
    load(keyspace, file);

    assertThat(KeyspaceContents.of(keyspace)).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(Files.size(file)).isEqualTo(whole.length);

    AppendLog log = new AppendLog(LogFiles.openForAppend(file), FsyncPolicy.EVERYSEC);
    log.delete(ByteKey.of("a"));
    log.close();
    InfinispanKeyspace restarted = keyspaces.create();
    load(restarted, file);
    assertThat(KeyspaceContents.of(restarted)).isEqualTo(Map.of("b", "2"));
  }

  @Test
  void replayLog_unfinishedMultiAtTheEnd_droppedWholeAndCutOff() throws IOException {
    byte[] whole = LogFiles.encode("SET h old");
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, whole);
    LogFiles.append(file, LogFiles.encode("MULTI", "DEL h", "HSET h f v"));

    InfinispanKeyspace keyspace = keyspaces.create();
    load(keyspace, file);

    assertThat(KeyspaceContents.of(keyspace)).isEqualTo(Map.of("h", "old"));
    assertThat(Files.size(file)).isEqualTo(whole.length);
  }

  @Test
  void replayLog_garbageInTheMiddle_failsNamingFileAndOffset() {
    byte[] first = LogFiles.encode("SET a 1");
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, first);
    LogFiles.append(file, new byte[] {0, 0, 0, '\r', '\n'});
    LogFiles.append(file, LogFiles.encode("SET b 2"));

    assertThatThrownBy(() -> new LogReplayer(keyspaces.create()).replayLog(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at byte " + first.length);
  }

  @Test
  void replayLog_malformedRecordInTheMiddle_failsNamingFileAndOffset() {
    byte[] first = LogFiles.encode("SET a 1", "DEL a");
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, first);
    LogFiles.append(file, LogFiles.encode("PEXPIREAT a soon", "SET b 2"));

    assertThatThrownBy(() -> new LogReplayer(keyspaces.create()).replayLog(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at byte " + first.length)
        .hasMessageContaining("PEXPIREAT a soon");
  }

  @Test
  void replayLog_badBulkLengthInTheMiddle_failsNamingFileAndOffset() {
    byte[] first = LogFiles.encode("SET a 1");
    Path file = dir.resolve("incr-1.aof");
    LogFiles.append(file, first);
    LogFiles.append(file, "*2\r\n$x\r\nDEL\r\n".getBytes());
    LogFiles.append(file, LogFiles.encode("SET b 2"));

    assertThatThrownBy(() -> new LogReplayer(keyspaces.create()).replayLog(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at byte " + first.length);
  }

  @Test
  void replaySnapshot_endsInsideRecord_fails() {
    byte[] whole = LogFiles.encode("SET a 1");
    Path file = dir.resolve("base-1.aof");
    LogFiles.append(file, whole);
    LogFiles.append(file, Arrays.copyOf(whole, 6));

    assertThatThrownBy(() -> new LogReplayer(keyspaces.create()).replaySnapshot(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at byte " + whole.length);
  }

  @Test
  void replayLog_recordsExpiredMeanwhile_notLoaded() throws IOException {
    Path file =
        log(
            "SET a 1 PXAT " + PAST,
            "HSET h f v",
            "PEXPIREAT h " + PAST,
            "SET c 1 PXAT " + FUTURE,
            "PEXPIREAT c " + PAST,
            "MULTI",
            "DEL m",
            "HSET m f v",
            "PEXPIREAT m " + PAST,
            "EXEC",
            "HSET r a 1",
            "PEXPIREAT r " + PAST,
            "HSET r b 2",
            "SET live 1 PXAT " + FUTURE);
    InfinispanKeyspace keyspace = keyspaces.create();

    load(keyspace, file);

    assertThat(KeyspaceContents.of(keyspace)).isEqualTo(Map.of("live", "1@" + FUTURE));
    assertThat(keyspace.size()).as("expired keys take no memory").isEqualTo(1);
  }
}
