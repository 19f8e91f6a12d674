package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one cache's append-only log: a base snapshot plus incremental logs, named by a
 * manifest (the layout of Redis 7's multi-part AOF).
 *
 * <p>Compaction ({@link #rewrite}) first opens a new incremental log and names it in the manifest,
 * then switches the journal to it, then writes a snapshot of the keyspace while writes go on, then
 * makes the manifest name only the new snapshot and the new log. The snapshot is weakly consistent,
 * which is enough: every record is a state assignment (see {@link
 * io.larder.server.engine.Journal}), so replaying the new log over any snapshot taken after the
 * switch yields the current state.
 *
 * <p>Crash safety: a file is complete and fsynced before the manifest names it, and the manifest is
 * replaced atomically, so a crash at any point leaves a manifest that names a complete set of
 * files. Files the manifest does not name (a snapshot not yet named, logs not yet deleted) are
 * removed at the next open; a file it names but that is missing stops start-up.
 */
public final class AppendOnlyStore {
  private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyStore.class);
  private static final String MANIFEST = "manifest";
  private static final Pattern LOG_FILE = Pattern.compile("(base|incr)-(\\d+)\\.aof(\\.tmp)?");
  private static final int SNAPSHOT_BUFFER = 1 << 20;

  private final Path directory;
  private final FsyncPolicy fsync;

  /** Held by a compaction, and by close, which thereby never runs in the middle of one. */
  private final Object rewriteLock = new Object();

  private volatile boolean closing;

  // Guarded by rewriteLock once open() returned.
  private String baseFile;
  private final List<String> incrementalFiles = new ArrayList<>();
  private int generation;

  private volatile long baseSize;
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
  public long baseSize() {
    return baseSize;
  }

  private void load(Keyspace keyspace) throws IOException {
    Files.createDirectories(directory);
    Path manifest = directory.resolve(MANIFEST);
    boolean hasManifest = Files.exists(manifest);
    if (hasManifest) {
      readManifest(manifest);
    }
    removeUnnamedFiles(hasManifest);
    LogReplayer replayer = new LogReplayer(keyspace);
    long records = 0;
    if (baseFile != null) {
      records += replayer.replaySnapshot(existing(baseFile));
      baseSize = Files.size(existing(baseFile));
    }
    for (String incremental : incrementalFiles) {
      records += replayer.replayLog(existing(incremental));
    }
    if (records > 0) {
      LOG.info("Loaded {} records from {}", records, directory);
    }
    if (incrementalFiles.isEmpty()) {
      String first = nextFile("incr");
      FileChannel channel = openForAppend(first);
      try {
        writeManifest(baseFile, List.of(first));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      incrementalFiles.add(first);
      log = new AppendLog(channel, fsync);
    } else {
      log = new AppendLog(openForAppend(incrementalFiles.get(incrementalFiles.size() - 1)), fsync);
    }
  }

  private void readManifest(Path manifest) throws IOException {
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split(" ");
      boolean valid =
          parts.length == 2
              && (parts[0].equals("base") || parts[0].equals("incr"))
              && LOG_FILE.matcher(parts[1]).matches();
      if (!valid) {
        throw new IOException("the manifest " + manifest + " holds an unexpected line: " + line);
      }
      if (parts[0].equals("base")) {
        baseFile = parts[1];
      } else {
        incrementalFiles.add(parts[1]);
      }
    }
  }

  /**
   * Deletes what a crash left behind: files of an unfinished or finished-but-not-cleaned-up
   * compaction. Without a manifest, only empty and temporary files can be such leftovers; anything
   * else is refused rather than silently overwritten. Also sets the generation above every file
   * name seen, so new files never reuse one.
   */
  private void removeUnnamedFiles(boolean hasManifest) throws IOException {
    Set<String> named = new HashSet<>(incrementalFiles);
    if (baseFile != null) {
      named.add(baseFile);
    }
    List<Path> files;
    try (var listing = Files.list(directory)) {
      files = listing.toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      Matcher matcher = LOG_FILE.matcher(name);
      boolean logFile = matcher.matches();
      if (logFile) {
        generation = Math.max(generation, Integer.parseInt(matcher.group(2)));
      }
      if (name.equals(MANIFEST + ".tmp")) {
        Files.delete(file);
      } else if (logFile && !named.contains(name)) {
        if (!hasManifest && matcher.group(3) == null && Files.size(file) > 0) {
          throw new IOException(
              directory
                  + " holds the log "
                  + name
                  + " but no manifest; restore the manifest or move the files away");
        }
        LOG.info("Removing {}, which the manifest does not name", file);
        Files.delete(file);
      }
    }
  }

  private Path existing(String name) throws IOException {
    Path path = directory.resolve(name);
    if (!Files.exists(path)) {
      throw new IOException("the manifest of " + directory + " names " + name + ", which is gone");
    }
    return path;
  }

  /**
   * Compacts the log: writes a snapshot of keyspace and drops the files it replaces. Writes to the
   * keyspace may continue meanwhile. A compaction that {@link #close} interrupts is abandoned,
   * leaving the previous files in force.
   *
   * @return true when compacted, false when abandoned because the store is closing
   */
  public boolean rewrite(Keyspace keyspace) throws IOException {
    synchronized (rewriteLock) {
      if (closing) {
        return false;
      }
      String newIncremental = nextFile("incr");
      FileChannel next = openForAppend(newIncremental);
      FileChannel previous;
      try {
        List<String> incrementals = new ArrayList<>(incrementalFiles);
        incrementals.add(newIncremental);
        writeManifest(baseFile, incrementals);
        incrementalFiles.add(newIncremental);
        previous = log.switchTo(next);
      } catch (IOException | RuntimeException e) {
        next.close(); // the log stays on its file; the manifest may name next, which stays empty
        throw e;
      }
      previous.close();
      // If the keyspace journals a write before it stores the value, a write in progress at the
      // switch can have its record in the old file while its value is not visible yet. Waiting
      // until no write is in progress makes every change the old files hold visible to the
      // snapshot, whatever that order.
      keyspace.exclusive(() -> null);

      String newBase = nextFile("base");
      Path temporary = directory.resolve(newBase + ".tmp");
      try {
        if (!writeSnapshot(keyspace, temporary)) {
          Files.delete(temporary);
          return false;
        }
        Files.move(temporary, directory.resolve(newBase), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temporary);
        throw e;
      }
      writeManifest(newBase, List.of(newIncremental));
      List<String> obsolete = new ArrayList<>(incrementalFiles);
      obsolete.remove(newIncremental);
      if (baseFile != null) {
        obsolete.add(baseFile);
      }
      baseFile = newBase;
      baseSize = Files.size(directory.resolve(newBase));
      incrementalFiles.retainAll(List.of(newIncremental));
      for (String file : obsolete) {
        Files.deleteIfExists(directory.resolve(file));
      }
      return true;
    }
  }

  /**
   * Writes and fsyncs what is pending, then closes the log. A compaction in progress is abandoned
   * first.
   */
  public void close() throws IOException {
    closing = true;
    synchronized (rewriteLock) {
      log.close();
    }
  }

  /** Closes the log and deletes every file of this store. */
  public void delete() throws IOException {
    close();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(directory);
  }

  /** Writes a snapshot to file; returns false when it was abandoned because the store closes. */
  private boolean writeSnapshot(Keyspace keyspace, Path file) throws IOException {
    ByteBuf buffer = Unpooled.buffer(SNAPSHOT_BUFFER);
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (ByteKey key : keyspace.keys()) {
        if (closing) {
          return false;
        }
        StoredValue value = keyspace.peek(key);
        if (value != null) {
          RecordEncoder.value(buffer, key, value);
        }
        if (buffer.readableBytes() >= SNAPSHOT_BUFFER) {
          drain(buffer, channel);
        }
      }
      drain(buffer, channel);
      channel.force(true);
      return true;
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

  private void writeManifest(String base, List<String> incrementals) throws IOException {
    StringBuilder text = new StringBuilder();
    if (base != null) {
      text.append("base ").append(base).append('\n');
    }
    for (String incremental : incrementals) {
      text.append("incr ").append(incremental).append('\n');
    }
    Path temporary = directory.resolve(MANIFEST + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    // The files the manifest names (just created or renamed) must be durable before it is.
    fsyncDirectory();
    Files.move(
        temporary,
        directory.resolve(MANIFEST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory();
  }

  /** Makes renames and newly created files in the directory durable. */
  private void fsyncDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for fsync; the rename is still atomic.
      LOG.debug("cannot fsync directory {}", directory, e);
    }
  }

  private FileChannel openForAppend(String name) throws IOException {
    return FileChannel.open(
        directory.resolve(name),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  private String nextFile(String kind) {
    generation++;
    return kind + "-" + generation + ".aof";
  }
}
