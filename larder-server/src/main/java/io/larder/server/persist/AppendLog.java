package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Journal;
import io.larder.server.engine.StoredValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * The journal of one cache, appended to a file.
 *
 * <p>Records are encoded into an in-memory buffer under the key's update lock (cheap), and handed
 * to the operating system in one {@code write} per event-loop turn by {@link #writeToOs}, which the
 * network layer calls before it sends the replies of that turn. That is Redis's AOF discipline: a
 * reply is never sent before its write reached the OS, so a killed process loses nothing it
 * acknowledged. Several threads may call {@link #writeToOs}; whoever holds the write lock writes
 * everything appended so far (group commit), and a caller that finds its bytes already written
 * returns at once.
 *
 * <p>Write errors (a full or failing disk): the bytes that reached the file stay counted as
 * written, and the rest are kept, in front of any newer records, for the next attempt, which
 * continues exactly where the failed one stopped. So the file never holds a gap or a record cut in
 * the middle of the log, and the log never claims bytes it did not write. Until an attempt
 * succeeds, {@link #writeToOs} throws, so the replies waiting for it are not sent (the network
 * layer closes those connections unanswered), and {@link #lastError} reports the failure, as
 * Redis's {@code aof_last_write_status} does. The background tick retries every second.
 *
 * <p>Locks, always taken in this order: {@code writeLock} (one writer to the file at a time), then
 * {@code syncLock} (one fsync at a time; the channel is switched or closed only under it, so an
 * fsync never races with either), then {@code appendLock} (the pending buffer). The periodic fsync
 * takes only {@code syncLock}, so it never holds up the event loops writing to the file.
 *
 * <p>FileChannel closes itself when a thread is interrupted in an I/O call; the file belongs to
 * every thread of the server, so the I/O here runs with the caller's interrupt status cleared (and
 * restored afterwards).
 */
public final class AppendLog implements Journal {
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final FsyncPolicy fsync;
  private final Object appendLock = new Object();
  private final Object writeLock = new Object();
  private final Object syncLock = new Object();

  /** Records not yet handed to the OS (guarded by appendLock). */
  private ByteBuf pending = Unpooled.buffer(INITIAL_BUFFER);

  /**
   * Records of the open group ({@link #beginGroup}), held back until it ends and then appended
   * whole, wrapped in MULTI … EXEC, so neither a batch nor a switch to the next file ever cuts a
   * group (guarded by appendLock). Null while no group is open or it has no records yet.
   */
  private ByteBuf group;

  /** The thread that opened the group, whose records it takes, and its nesting depth. */
  private Thread groupOwner;

  private int groupDepth;

  /** The buffer pending is swapped with while a batch is written (guarded by writeLock). */
  private ByteBuf spare = Unpooled.buffer(INITIAL_BUFFER);

  /** Replaced under writeLock and syncLock; read under either. */
  private FileChannel channel;

  /** Value of appendedBytes at which the current file would be empty (guarded by appendLock). */
  private long fileOrigin;

  private boolean closed;

  // Positions in the stream of every byte ever appended; each only grows.
  private volatile long appendedBytes;
  private volatile long writtenBytes;
  private volatile long syncedBytes;

  private volatile IOException writeError;
  private volatile IOException syncError;

  AppendLog(FileChannel channel, FsyncPolicy fsync) throws IOException {
    this.channel = channel;
    this.fsync = fsync;
    this.fileOrigin = -channel.size();
  }

  @Override
  public void set(ByteKey key, StoredValue value) {
    synchronized (appendLock) {
      if (inGroup()) {
        RecordEncoder.value(groupBuffer(), key, value); // the group is atomic already
        return;
      }
      int start = pending.writerIndex();
      RecordEncoder.atomicValue(pending, key, value);
      appendedBytes += pending.writerIndex() - start;
    }
  }

  @Override
  public void delete(ByteKey key) {
    append(RecordEncoder.DEL, key.bytes());
  }

  @Override
  public void setField(ByteKey key, byte[] field, byte[] value) {
    append(RecordEncoder.HSET, key.bytes(), field, value);
  }

  @Override
  public void deleteField(ByteKey key, byte[] field) {
    append(RecordEncoder.HDEL, key.bytes(), field);
  }

  @Override
  public void expireAt(ByteKey key, long expireAt) {
    if (expireAt == StoredValue.NO_EXPIRY) {
      append(RecordEncoder.PERSIST, key.bytes());
    } else {
      append(RecordEncoder.PEXPIREAT, key.bytes(), RecordEncoder.decimal(expireAt));
    }
  }

  @Override
  public void clear() {
    append(RecordEncoder.FLUSHALL);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The keyspace never opens two groups at once; should another thread do so anyway, its records
   * are appended as they come, ungrouped, rather than mixed into the open group.
   */
  @Override
  public void beginGroup() {
    synchronized (appendLock) {
      if (groupDepth == 0) {
        groupOwner = Thread.currentThread();
      }
      if (groupOwner == Thread.currentThread()) {
        groupDepth++;
      }
    }
  }

  @Override
  public void endGroup() {
    synchronized (appendLock) {
      if (!inGroup()) {
        return;
      }
      if (--groupDepth > 0) {
        return;
      }
      ByteBuf records = group;
      group = null;
      groupOwner = null;
      if (records != null) {
        int start = pending.writerIndex();
        RecordEncoder.command(pending, RecordEncoder.MULTI);
        pending.writeBytes(records);
        RecordEncoder.command(pending, RecordEncoder.EXEC);
        appendedBytes += pending.writerIndex() - start;
      }
    }
  }

  /** True when the calling thread's records go to the open group. Called holding appendLock. */
  private boolean inGroup() {
    return groupDepth > 0 && groupOwner == Thread.currentThread();
  }

  private ByteBuf groupBuffer() {
    if (group == null) {
      group = Unpooled.buffer(256);
    }
    return group;
  }

  private void append(byte[]... command) {
    synchronized (appendLock) {
      if (inGroup()) {
        RecordEncoder.command(groupBuffer(), command);
        return;
      }
      int start = pending.writerIndex();
      RecordEncoder.command(pending, command);
      appendedBytes += pending.writerIndex() - start;
    }
  }

  /**
   * Hands every record appended so far to the OS (and, under {@link FsyncPolicy#ALWAYS}, to the
   * disk) before returning.
   *
   * @throws UncheckedIOException when that failed; the records are kept and retried by the next
   *     call
   */
  public void writeToOs() {
    if (appendedBytes <= promisedBytes()) {
      return;
    }
    boolean interrupted = Thread.interrupted();
    try {
      synchronized (writeLock) {
        writePending();
        if (fsync == FsyncPolicy.ALWAYS) {
          synchronized (syncLock) {
            forceLocked();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the append-only log", e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How far the promise of the fsync policy is kept: bytes written, or under always, synced. */
  private long promisedBytes() {
    return fsync == FsyncPolicy.ALWAYS ? syncedBytes : writtenBytes;
  }

  /** Writes the pending records to the current file. Called holding writeLock. */
  private void writePending() throws IOException {
    ByteBuf batch;
    synchronized (appendLock) {
      if (!pending.isReadable()) {
        return;
      }
      batch = pending;
      pending = spare;
    }
    try {
      while (batch.isReadable()) {
        writtenBytes += batch.readBytes(channel, batch.readableBytes());
      }
      batch.clear();
      spare = batch;
      writeError = null;
    } catch (IOException e) {
      // What reached the file stays counted; the rest goes back in front of the newer records, so
      // the next attempt continues exactly where this one stopped.
      synchronized (appendLock) {
        batch.writeBytes(pending);
        pending.clear();
        spare = pending;
        pending = batch;
      }
      writeError = e;
      throw e;
    }
  }

  /** Forces what was written to disk. Called holding syncLock. */
  private void forceLocked() throws IOException {
    long written = writtenBytes;
    if (written <= syncedBytes) {
      return;
    }
    try {
      channel.force(false);
    } catch (IOException e) {
      syncError = e;
      throw e;
    }
    syncedBytes = written;
    syncError = null;
  }

  /** Forces written records to disk if anything was written since the last fsync. */
  void fsyncIfNeeded() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      synchronized (syncLock) {
        forceLocked();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The error of the last failed write or fsync, or null when the log is healthy again. */
  public IOException lastError() {
    IOException error = writeError;
    return error != null ? error : syncError;
  }

  /** Bytes in the current file, including what is still buffered. */
  long fileSize() {
    synchronized (appendLock) {
      return appendedBytes - fileOrigin;
    }
  }

  /**
   * Writes and fsyncs what is pending to the current file, then directs further records to next.
   * Records appended while this runs go to next. Returns the previous channel, which no one touches
   * any more; the caller closes it. On failure, the log stays on the current file.
   */
  FileChannel switchTo(FileChannel next) throws IOException {
    synchronized (writeLock) {
      if (closed) {
        throw new ClosedChannelException();
      }
      writePending();
      synchronized (syncLock) {
        forceLocked();
        FileChannel previous = channel;
        synchronized (appendLock) {
          channel = next;
          fileOrigin = appendedBytes - pending.readableBytes() - next.size();
        }
        return previous;
      }
    }
  }

  /** Writes and fsyncs everything, then closes the file. Records appended later are not written. */
  void close() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      synchronized (writeLock) {
        if (closed) {
          return;
        }
        synchronized (syncLock) {
          try {
            writePending();
            forceLocked();
          } finally {
            closed = true;
            channel.close();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
