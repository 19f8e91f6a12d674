package io.larder.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for tests: sends commands as RESP arrays (or raw bytes) and reads
 * one reply at a time, either as its exact bytes ({@link #callRaw}) or decoded ({@link #call}).
 *
 * <p>Decoded replies: simple strings as {@code String}, errors as {@link Error}, integers as {@code
 * Long}, bulk strings as {@code String} (UTF-8), null as {@code null}, arrays, sets, pushes as
 * {@code List}, maps as a flat {@code List} of alternating keys and values, doubles as {@code
 * Double}, booleans as {@code Boolean}, verbatim strings as {@code String} without the format.
 */
public final class RespClient implements AutoCloseable {
  /** A RESP error reply. */
  public record Error(String message) {}

  private static final int REPLY_TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RespClient(String host, int port) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress(host, port), 5000);
      socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RespClient(int port) {
    this("127.0.0.1", port);
  }

  /** Sends a command and returns the decoded reply. */
  public Object call(Object... args) {
    send(args);
    return read();
  }

  /** Sends a command and returns the reply's exact bytes as text (ISO-8859-1, byte for byte). */
  public String callRaw(Object... args) {
    send(args);
    return readRaw();
  }

  /** Sends a command without reading the reply (for pipelining). */
  public void send(Object... args) {
    sendBytes(encode(args));
  }

  public void sendBytes(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] encode(Object... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object arg : args) {
      byte[] bytes =
          arg instanceof byte[] raw ? raw : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return buffer.toByteArray();
  }

  /** Reads one decoded reply. */
  public Object read() {
    try {
      return decode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one reply and returns its exact bytes (ISO-8859-1 text, one char per byte). */
  public String readRaw() {
    try {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      readRawInto(captured);
      return captured.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@link #readUntilClosedOrQuiet} received, and whether the server closed. */
  public record Received(String bytes, boolean closed) {}

  /**
   * Reads everything the server sends until it closes the connection or goes quiet for quietMillis;
   * returns it as ISO-8859-1 text. For protocol errors, which are answered and then closed.
   */
  public String readUntilClosed(int quietMillis) {
    return readUntilClosedOrQuiet(quietMillis).bytes();
  }

  /**
   * Like {@link #readUntilClosed}, and also tells whether the server closed the connection (end of
   * stream or reset) rather than going quiet.
   */
  public Received readUntilClosedOrQuiet(int quietMillis) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    boolean closed;
    try {
      socket.setSoTimeout(quietMillis);
      int b;
      while ((b = in.read()) >= 0) {
        captured.write(b);
      }
      closed = true;
    } catch (SocketTimeoutException e) {
      closed = false; // quiet: return what came
    } catch (IOException e) {
      closed = true; // reset by peer counts as closed
    } finally {
      restoreReplyTimeout();
    }
    return new Received(captured.toString(StandardCharsets.ISO_8859_1), closed);
  }

  /** True when the server has closed this connection (read returns end of stream). */
  public boolean isClosedByServer(int waitMillis) {
    try {
      socket.setSoTimeout(waitMillis);
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    } finally {
      restoreReplyTimeout();
    }
  }

  /** Back to the patience of {@link #read} after a shorter wait. */
  private void restoreReplyTimeout() {
    try {
      socket.setSoTimeout(REPLY_TIMEOUT_MILLIS);
    } catch (IOException e) {
      // the socket is closed: no more reads anyway
    }
  }

  private void readRawInto(ByteArrayOutputStream captured) throws IOException {
    String line = readLine();
    captured.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    char type = line.charAt(0);
    switch (type) {
      case '$', '=', '!' -> {
        int length = Integer.parseInt(line.substring(1));
        if (length >= 0) {
          captured.writeBytes(in.readNBytes(length + 2));
        }
      }
      case '*', '~', '>', '%', '|' -> {
        int count = Integer.parseInt(line.substring(1));
        int items = type == '%' || type == '|' ? count * 2 : count;
        for (int i = 0; i < items; i++) {
          readRawInto(captured);
        }
        if (type == '|') {
          readRawInto(captured); // an attribute comes before the reply it describes
        }
      }
      default -> {}
    }
  }

  private Object decode() throws IOException {
    String line = readLine();
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+':
        return rest;
      case '-':
        return new Error(rest);
      case ':':
        return Long.parseLong(rest);
      case '_':
        return null;
      case ',':
        return rest.equals("inf")
            ? Double.POSITIVE_INFINITY
            : rest.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(rest);
      case '#':
        return rest.equals("t");
      case '$':
      case '=':
      case '!':
        {
          int length = Integer.parseInt(rest);
          if (length < 0) {
            return null;
          }
          byte[] data = in.readNBytes(length);
          in.readNBytes(2);
          String text = new String(data, StandardCharsets.UTF_8);
          return type == '=' ? text.substring(4) : text;
        }
      case '*':
      case '~':
      case '>':
      case '%':
        {
          int count = Integer.parseInt(rest);
          if (count < 0) {
            return null;
          }
          int items = type == '%' ? count * 2 : count;
          List<Object> list = new ArrayList<>(items);
          for (int i = 0; i < items; i++) {
            list.add(decode());
          }
          return list;
        }
      default:
        throw new IOException("unexpected reply type: " + line);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed by server");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
