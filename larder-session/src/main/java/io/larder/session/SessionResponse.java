package io.larder.session;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * A response that saves the session just before it is committed.
 *
 * <p>Saving only after the application returns would be too late: once the status line and headers
 * are on their way, a fast client can read the response and send its next request, possibly to
 * another instance, before the session is written, and that request would not see the change. So
 * this wrapper runs the save once, before the first thing that commits the response: {@code
 * flushBuffer}, {@code sendError}, {@code sendRedirect}, a flush or close of the body, writing past
 * the buffer size (the container then commits to make room), or writing the last byte of a declared
 * {@code Content-Length} (the container then completes the response). Characters are counted at the
 * encoding's most bytes per character, so the buffer estimate errs on the early side. What the
 * application changes after that is saved when the request ends.
 */
final class SessionResponse extends HttpServletResponseWrapper {
  private Runnable beforeCommit = () -> {};
  private boolean saved;
  private long contentLength = -1;
  private long written;
  private ServletOutputStream stream;
  private PrintWriter writer;

  SessionResponse(HttpServletResponse response) {
    super(response);
  }

  /** What to run once before the response commits: the session's save. */
  void beforeCommit(Runnable beforeCommit) {
    this.beforeCommit = beforeCommit;
  }

  /** No save from here on (the request failed for want of its session, and says so). */
  void skipSave() {
    saved = true;
  }

  /** Runs the save if it has not run yet and the response is not committed. */
  void saveNow() {
    if (!saved) {
      saved = true;
      if (!isCommitted()) {
        beforeCommit.run();
      }
    }
  }

  /** Counts {@code bytes} about to be written; saves first if they will commit the response. */
  private void writing(long bytes) {
    if (saved) {
      return;
    }
    long after = written + bytes;
    if ((contentLength >= 0 && after >= contentLength) || after > getBufferSize()) {
      saveNow();
    }
    written = after;
  }

  @Override
  public void flushBuffer() throws IOException {
    saveNow();
    super.flushBuffer();
  }

  @Override
  public void sendError(int sc) throws IOException {
    saveNow();
    super.sendError(sc);
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    saveNow();
    super.sendError(sc, msg);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    saveNow();
    super.sendRedirect(location);
  }

  /**
   * Servlet 6.1's {@code sendRedirect(String, int, boolean)}: declared here so that on a 6.1
   * container it overrides the wrapper's, which would bypass the save; compiled against 6.0, where
   * the method does not exist yet, so the wrapped response's is called reflectively.
   */
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    saveNow();
    redirect(
        location,
        new Class<?>[] {String.class, int.class, boolean.class},
        location,
        sc,
        clearBuffer);
  }

  /** Servlet 6.1's {@code sendRedirect(String, int)}; see above. */
  public void sendRedirect(String location, int sc) throws IOException {
    saveNow();
    redirect(location, new Class<?>[] {String.class, int.class}, location, sc);
  }

  /** Servlet 6.1's {@code sendRedirect(String, boolean)}; see above. */
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    saveNow();
    redirect(location, new Class<?>[] {String.class, boolean.class}, location, clearBuffer);
  }

  private void redirect(String location, Class<?>[] types, Object... args) throws IOException {
    try {
      HttpServletResponse.class.getMethod("sendRedirect", types).invoke(getResponse(), args);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      super.sendRedirect(location);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void setContentLength(int len) {
    contentLength = len;
    super.setContentLength(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    contentLength = len;
    super.setContentLengthLong(len);
  }

  @Override
  public void setHeader(String name, String value) {
    noteContentLength(name, value);
    super.setHeader(name, value);
  }

  @Override
  public void addHeader(String name, String value) {
    noteContentLength(name, value);
    super.addHeader(name, value);
  }

  @Override
  public void setIntHeader(String name, int value) {
    noteContentLength(name, Integer.toString(value));
    super.setIntHeader(name, value);
  }

  @Override
  public void addIntHeader(String name, int value) {
    noteContentLength(name, Integer.toString(value));
    super.addIntHeader(name, value);
  }

  private void noteContentLength(String name, String value) {
    if ("content-length".equalsIgnoreCase(name) && value != null) {
      try {
        contentLength = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        // the container will refuse or ignore it; nothing to track
      }
    }
  }

  @Override
  public void reset() {
    super.reset();
    contentLength = -1;
    written = 0;
  }

  @Override
  public void resetBuffer() {
    super.resetBuffer();
    written = 0;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      stream = new GuardedStream(super.getOutputStream());
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new GuardedWriter(super.getWriter(), maxBytesPerChar());
    }
    return writer;
  }

  private int maxBytesPerChar() {
    try {
      String encoding = getCharacterEncoding();
      Charset charset = Charset.forName(encoding == null ? "ISO-8859-1" : encoding);
      return charset.canEncode() ? (int) Math.ceil(charset.newEncoder().maxBytesPerChar()) : 4;
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return 4;
    }
  }

  private final class GuardedStream extends ServletOutputStream {
    private final ServletOutputStream delegate;

    GuardedStream(ServletOutputStream delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(int b) throws IOException {
      writing(1);
      delegate.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      writing(len);
      delegate.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      saveNow();
      delegate.flush();
    }

    @Override
    public void close() throws IOException {
      saveNow();
      delegate.close();
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      delegate.setWriteListener(listener);
    }
  }

  private final class GuardedWriter extends PrintWriter {
    private final int bytesPerChar;

    GuardedWriter(Writer delegate, int bytesPerChar) {
      super(delegate, false);
      this.bytesPerChar = bytesPerChar;
    }

    @Override
    public void write(int c) {
      writing(bytesPerChar);
      super.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
      writing((long) len * bytesPerChar);
      super.write(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      writing((long) len * bytesPerChar);
      super.write(s, off, len);
    }

    @Override
    public void flush() {
      saveNow();
      super.flush();
    }

    @Override
    public void close() {
      saveNow();
      super.close();
    }
  }
}
