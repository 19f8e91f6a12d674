package io.larder.server.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file channel that fails on demand, the way a full disk does: a write may get part of its bytes
 * out before the next one fails. Counts fsyncs.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel file;
  private final AtomicInteger forces = new AtomicInteger();
  private volatile long writeAllowance = Long.MAX_VALUE;
  private volatile boolean failForce;

  FaultyChannel(FileChannel file) {
    this.file = file;
  }

  /** From now on, accept this many more bytes, then fail every write. */
  void failWritesAfter(long bytes) {
    writeAllowance = bytes;
  }

  void failForce(boolean fail) {
    failForce = fail;
  }

  /** Accept writes and fsyncs again. */
  void heal() {
    writeAllowance = Long.MAX_VALUE;
    failForce = false;
  }

  int forces() {
    return forces.get();
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long allowance = writeAllowance;
    if (allowance == 0) {
      throw new IOException("No space left on device");
    }
    if (allowance >= src.remaining()) {
      int written = file.write(src);
      if (allowance != Long.MAX_VALUE) {
        writeAllowance = allowance - written;
      }
      return written;
    }
    ByteBuffer part = src.slice().limit((int) allowance);
    int written = file.write(part);
    src.position(src.position() + written);
    writeAllowance = allowance - written;
    return written;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    if (failForce) {
      throw new IOException("Input/output error");
    }
    forces.incrementAndGet();
    file.force(metaData);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    file.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return file.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    throw new UnsupportedOperationException();
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
