package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Journal;
import io.larder.server.engine.StoredValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
public final class AppendLog implements Journal {
  private static final int INITIAL_BUFFER = 64 * 1024;

  private final FsyncPolicy fsync;
  private final Object appendLock = new Object();
  private final Object writeLock = new Object();
  private ByteBuf pending = Unpooled.buffer(INITIAL_BUFFER);
  private ByteBuf spare = Unpooled.buffer(INITIAL_BUFFER);
  private FileChannel channel;

  /** Bytes handed to the OS in earlier batches plus the batch being written. */
  private long totalAppended;

  private volatile long appendedBytes;
  private volatile long writtenBytes;
  private volatile long syncedBytes;
  private long fileSize;

  AppendLog(FileChannel channel, FsyncPolicy fsync) throws IOException {
    this.channel = channel;
    this.fsync = fsync;
    this.fileSize = channel.size();
  }

  @Override
  public void set(ByteKey key, StoredValue value) {
    synchronized (appendLock) {
      RecordEncoder.value(pending, key, value);
      appended();
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

  private void append(byte[]... command) {
    synchronized (appendLock) {
      RecordEncoder.command(pending, command);
      appended();
    }
  }

  /** Called under the append lock after a record was encoded into the pending buffer. */
  private void appended() {
    appendedBytes = totalAppended + pending.readableBytes();
  }

  /** True when records were appended that have not been handed to the OS yet. */
  boolean hasUnwritten() {
    return appendedBytes > writtenBytes;
  }

  /**
   * Hands every record appended so far to the OS (and, under {@link FsyncPolicy#ALWAYS}, to the
   * disk) before returning.
   */
  public void writeToOs() {
    if (!hasUnwritten()) {
      return;
    }
    synchronized (writeLock) {
      ByteBuf batch;
      synchronized (appendLock) {
        if (!pending.isReadable()) {
          return; // another thread wrote our records while we waited for the lock
        }
        batch = pending;
        pending = spare;
        spare = batch;
        totalAppended += batch.readableBytes();
      }
      long batchBytes = batch.readableBytes();
      try {
        while (batch.isReadable()) {
          fileSize += batch.readBytes(channel, batch.readableBytes());
        }
        if (fsync == FsyncPolicy.ALWAYS) {
          channel.force(false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the append-only log", e);
      } finally {
        batch.clear();
        writtenBytes += batchBytes;
        if (fsync == FsyncPolicy.ALWAYS) {
          syncedBytes = writtenBytes;
        }
      }
    }
  }

  /** Forces written records to disk if anything was written since the last fsync. */
  void fsyncIfNeeded() throws IOException {
    long written = writtenBytes;
    if (written > syncedBytes) {
      synchronized (writeLock) {
        channel.force(false);
      }
      syncedBytes = written;
    }
  }

  /** Bytes in the current file, including what is still buffered. */
  long fileSize() {
    synchronized (appendLock) {
      return fileSize + pending.readableBytes();
    }
  }

  /**
   * Writes what is pending to the current file, then directs further records to next. Returns the
   * previous channel, which the caller closes.
   */
  FileChannel switchTo(FileChannel next) throws IOException {
    synchronized (writeLock) {
      writeToOs();
      channel.force(false);
      synchronized (appendLock) {
        FileChannel previous = channel;
        channel = next;
        fileSize = next.size();
        return previous;
      }
    }
  }

  /** Writes and fsyncs everything, then closes the file. */
  void close() throws IOException {
    synchronized (writeLock) {
      writeToOs();
      channel.force(false);
      channel.close();
    }
  }
}
