package io.larder.server.resp;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Frames client commands: RESP arrays of bulk strings, and inline commands (a line of words, so
 * {@code telnet} and {@code nc} work).
 *
 * <p>The parser is restartable: {@link #next} consumes what it can and returns null when the buffer
 * ends mid-command, keeping the arguments parsed so far. A bulk string is read only once all its
 * bytes have arrived, so nothing is ever allocated from a length the client merely declared: {@code
 * $99999999999} or {@code *1000000000000} cost nothing until the bytes exist, and lengths beyond
 * the configured limits are refused with the error texts Redis uses.
 */
public final class RespParser {
  private static final int INITIAL_ARGS = 8;

  private final RespLimits limits;
  private byte[][] args = new byte[INITIAL_ARGS][];
  private int expectedArgs = -1;
  private int parsedArgs;
  private long pendingBulkLength = -1;

  public RespParser(RespLimits limits) {
    this.limits = limits;
  }

  /**
   * Parses the next command from in, advancing its reader index past what was consumed.
   *
   * @return the command's arguments (name first), or null when more bytes are needed
   * @throws RespProtocolException when the input is not valid RESP or breaks a limit
   */
  public byte[][] next(ByteBuf in) {
    while (true) {
      if (expectedArgs < 0) {
        if (!in.isReadable()) {
          return null;
        }
        if (in.getByte(in.readerIndex()) != '*') {
          byte[][] inline = readInline(in);
          if (inline == null) {
            return null;
          }
          if (inline.length == 0) {
            continue; // an empty line is skipped, as Redis does
          }
          return inline;
        }
        long count = readHeaderNumber(in, "invalid multibulk length");
        if (count == Long.MIN_VALUE) {
          return null;
        }
        if (count > limits.maxArrayLength()) {
          throw new RespProtocolException("invalid multibulk length");
        }
        if (count <= 0) {
          continue; // *0 and *-1 are empty commands, ignored like Redis does
        }
        expectedArgs = (int) count;
        parsedArgs = 0;
        args = new byte[Math.min(expectedArgs, INITIAL_ARGS)][];
      }
      while (parsedArgs < expectedArgs) {
        if (pendingBulkLength < 0) {
          if (!in.isReadable()) {
            return null;
          }
          byte marker = in.getByte(in.readerIndex());
          if (marker != '$') {
            throw new RespProtocolException("expected '$', got '" + (char) marker + "'");
          }
          long length = readHeaderNumber(in, "invalid bulk length");
          if (length == Long.MIN_VALUE) {
            return null;
          }
          if (length < 0 || length > limits.maxBulkLength()) {
            throw new RespProtocolException("invalid bulk length");
          }
          pendingBulkLength = length;
        }
        if (in.readableBytes() < pendingBulkLength + 2) {
          return null;
        }
        byte[] arg = new byte[(int) pendingBulkLength];
        in.readBytes(arg);
        in.skipBytes(2);
        pendingBulkLength = -1;
        if (parsedArgs == args.length) {
          args = Arrays.copyOf(args, Math.min(expectedArgs, args.length * 2));
        }
        args[parsedArgs++] = arg;
      }
      byte[][] command = args.length == parsedArgs ? args : Arrays.copyOf(args, parsedArgs);
      expectedArgs = -1;
      args = null;
      return command;
    }
  }

  /** True when a command is partly parsed (so end of input would cut it). */
  public boolean inCommand() {
    return expectedArgs >= 0;
  }

  /**
   * Reads a header line such as {@code *3\r\n} or {@code $5\r\n} and returns its number, or
   * Long.MIN_VALUE when the line is not complete yet.
   */
  private long readHeaderNumber(ByteBuf in, String errorText) {
    int start = in.readerIndex();
    int lineEnd = in.indexOf(start, in.writerIndex(), (byte) '\r');
    if (lineEnd < 0 || lineEnd + 1 >= in.writerIndex()) {
      if (in.readableBytes() > limits.maxInlineLength()) {
        throw new RespProtocolException(
            errorText.contains("multibulk")
                ? "too big mbulk count string"
                : "too big bulk count string");
      }
      return Long.MIN_VALUE;
    }
    long value = parseNumber(in, start + 1, lineEnd, errorText);
    in.readerIndex(lineEnd + 2);
    return value;
  }

  /** Parses a decimal the way Redis's string2ll does: no sign but '-', no leading zeros. */
  private static long parseNumber(ByteBuf in, int from, int to, String errorText) {
    boolean negative = from < to && in.getByte(from) == '-';
    int i = negative ? from + 1 : from;
    if (i == to || (in.getByte(i) == '0' && (to - i > 1 || negative))) {
      throw new RespProtocolException(errorText);
    }
    long value = 0;
    for (; i < to; i++) {
      int digit = in.getByte(i) - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        throw new RespProtocolException(errorText);
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private byte[][] readInline(ByteBuf in) {
    int start = in.readerIndex();
    int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
    if (newline < 0) {
      if (in.readableBytes() > limits.maxInlineLength()) {
        throw new RespProtocolException("too big inline request");
      }
      return null;
    }
    if (newline - start > limits.maxInlineLength()) {
      throw new RespProtocolException("too big inline request");
    }
    int end = newline > start && in.getByte(newline - 1) == '\r' ? newline - 1 : newline;
    byte[] line = new byte[end - start];
    in.getBytes(start, line);
    in.readerIndex(newline + 1);
    return InlineSplitter.split(line);
  }
}
