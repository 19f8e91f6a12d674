package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one cache's append-only log: a base snapshot plus incremental logs, named by a
 * manifest (the layout of Redis 7's multi-part AOF).
 *
 * <p>Compaction ({@link #rewrite}) first opens a new incremental log and names it in the manifest,
 * then writes a snapshot of the keyspace while writes go on, then makes the manifest name only the
 * new snapshot and the new log. The snapshot is weakly consistent, which is enough: every record is
 * a state assignment (see {@link io.larder.server.engine.Journal}), so replaying the new log over
 * any snapshot taken after it was opened yields the current state. A crash at any point leaves a
 * manifest that names a complete set of files.
 */
public final class AppendOnlyStore {
  private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyStore.class);
  private static final String MANIFEST = "manifest";

  private final Path directory;
  private final FsyncPolicy fsync;
  private final Object rewriteLock = new Object();
  private String baseFile;
  private final List<String> incrementalFiles = new ArrayList<>();
  private int generation;
  private AppendLog log;

  private AppendOnlyStore(Path directory, FsyncPolicy fsync) {
    this.directory = directory;
    this.fsync = fsync;
  }

  /**
   * Opens (creating if needed) the store in directory, replays it into keyspace, and returns the
   * store, whose {@link #log()} then receives the keyspace's changes.
   */
  public static AppendOnlyStore open(Path directory, FsyncPolicy fsync, Keyspace keyspace)
      throws IOException {
    AppendOnlyStore store = new AppendOnlyStore(directory, fsync);
    store.load(keyspace);
    return store;
  }

  public AppendLog log() {
    return log;
  }

  public Path directory() {
    return directory;
  }

  /** Size of the incremental log that receives writes now. */
  public long incrementalSize() {
    return log.fileSize();
  }

  /** Size of the base snapshot (0 when there is none). */
  public long baseSize() throws IOException {
    return baseFile == null ? 0 : Files.size(directory.resolve(baseFile));
  }

  private void load(Keyspace keyspace) throws IOException {
    Files.createDirectories(directory);
    Path manifest = directory.resolve(MANIFEST);
    if (Files.exists(manifest)) {
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 2) {
          continue;
        }
        if (parts[0].equals("base")) {
          baseFile = parts[1];
        } else if (parts[0].equals("incr")) {
          incrementalFiles.add(parts[1]);
        }
        generation = Math.max(generation, generationOf(parts[1]));
      }
    }
    LogReplayer replayer = new LogReplayer(keyspace);
    long records = 0;
    if (baseFile != null) {
      records += replayer.replay(directory.resolve(baseFile));
    }
    for (String incremental : incrementalFiles) {
      Path path = directory.resolve(incremental);
      if (Files.exists(path)) {
        records += replayer.replay(path);
      }
    }
    if (records > 0) {
      LOG.info("Loaded {} records from {}", records, directory);
    }
    if (incrementalFiles.isEmpty()) {
      incrementalFiles.add(nextFile("incr"));
      writeManifest();
    }
    log = new AppendLog(openForAppend(incrementalFiles.get(incrementalFiles.size() - 1)), fsync);
  }

  /**
   * Compacts the log: writes a snapshot of keyspace and drops the files it replaces. Writes to the
   * keyspace may continue meanwhile.
   */
  public void rewrite(Keyspace keyspace) throws IOException {
    synchronized (rewriteLock) {
      String newIncremental = nextFile("incr");
      FileChannel next = openForAppend(newIncremental);
      incrementalFiles.add(newIncremental);
      writeManifest();
      log.switchTo(next).close();

      String newBase = nextFile("base");
      Path temporary = directory.resolve(newBase + ".tmp");
      writeSnapshot(keyspace, temporary);
      Files.move(
          temporary,
          directory.resolve(newBase),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);

      List<String> obsolete =
          new ArrayList<>(incrementalFiles.subList(0, incrementalFiles.size() - 1));
      if (baseFile != null) {
        obsolete.add(baseFile);
      }
      baseFile = newBase;
      incrementalFiles.retainAll(List.of(newIncremental));
      writeManifest();
      for (String file : obsolete) {
        Files.deleteIfExists(directory.resolve(file));
      }
    }
  }

  /** Writes and fsyncs what is pending, then closes the log. */
  public void close() throws IOException {
    log.close();
  }

  /** Closes the log and deletes every file of this store. */
  public void delete() throws IOException {
    log.close();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
  }

  private void writeSnapshot(Keyspace keyspace, Path file) throws IOException {
    ByteBuf buffer = Unpooled.buffer(1 << 20);
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (ByteKey key : keyspace.keys()) {
        StoredValue value = keyspace.get(key);
        if (value != null) {
          RecordEncoder.value(buffer, key, value);
        }
        if (buffer.readableBytes() >= 1 << 20) {
          drain(buffer, channel);
        }
      }
      drain(buffer, channel);
      channel.force(true);
    } finally {
      buffer.release();
    }
  }

  private static void drain(ByteBuf buffer, FileChannel channel) throws IOException {
    while (buffer.isReadable()) {
      buffer.readBytes(channel, buffer.readableBytes());
    }
    buffer.clear();
  }

  private void writeManifest() throws IOException {
    StringBuilder text = new StringBuilder();
    if (baseFile != null) {
      text.append("base ").append(baseFile).append('\n');
    }
    for (String incremental : incrementalFiles) {
      text.append("incr ").append(incremental).append('\n');
    }
    Path temporary = directory.resolve(MANIFEST + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(
        temporary,
        directory.resolve(MANIFEST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory();
  }

  private void fsyncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for fsync; the rename is still atomic.
      LOG.debug("cannot fsync directory {}", directory, e);
    }
  }

  private FileChannel openForAppend(String name) throws IOException {
    FileChannel channel =
        FileChannel.open(
            directory.resolve(name),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    return channel;
  }

  private String nextFile(String kind) {
    generation++;
    return kind + "-" + generation + ".aof";
  }

  private static int generationOf(String fileName) {
    try {
      String number = fileName.substring(fileName.indexOf('-') + 1, fileName.indexOf('.'));
      return Integer.parseInt(number);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
