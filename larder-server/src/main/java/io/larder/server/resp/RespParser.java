package io.larder.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
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
 *
 * <p>It follows Redis 7's {@code processMultibulkBuffer} and {@code processInlineBuffer} to the
 * byte, quirks included, so that every client sees the same replies as from Redis: a header line is
 * judged only once its {@code \r} has arrived (so {@code *1\r\nfoo} waits, and a header longer than
 * the inline limit with no {@code \r} is "too big"); the two bytes after a bulk string are skipped
 * unchecked; and a line is searched for its end the way C's {@code strchr} does, so a NUL byte
 * before the line end hides it. Unauthenticated clients may declare at most {@value
 * RespLimits#UNAUTHENTICATED_MAX_ARRAY} arguments of at most {@value
 * RespLimits#UNAUTHENTICATED_MAX_BULK} bytes, so a client without a key cannot make the server
 * buffer much.
 */
public final class RespParser {
  private static final int INITIAL_ARGS = 8;
  private static final int NOT_COMPLETE = -1;
  private static final ByteProcessor FIND_CR_OR_NUL = b -> b != '\r' && b != 0;
  private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

  private final RespLimits limits;
  private byte[][] args;
  private int expectedArgs = -1;
  private int parsedArgs;
  private long pendingBulkLength = -1;

  public RespParser(RespLimits limits) {
    this.limits = limits;
  }

  /** Parses the next command of an authenticated client; see {@link #next(ByteBuf, boolean)}. */
  public byte[][] next(ByteBuf in) {
    return next(in, true);
  }

  /**
   * Parses the next command from in, advancing its reader index past what was consumed.
   *
   * @param authenticated whether the client has authenticated; if not, the tighter limits of {@link
   *     RespLimits#UNAUTHENTICATED_MAX_ARRAY} and {@link RespLimits#UNAUTHENTICATED_MAX_BULK} apply
   * @return the command's arguments (name first), or null when more bytes are needed
   * @throws RespProtocolException when the input is not valid RESP or breaks a limit
   */
  public byte[][] next(ByteBuf in, boolean authenticated) {
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
        if (!startArray(in, authenticated)) {
          return null;
        }
        if (expectedArgs < 0) {
          continue; // *0 and *-1 are empty commands, ignored like Redis does
        }
      }
      while (parsedArgs < expectedArgs) {
        if (pendingBulkLength < 0 && !readBulkHeader(in, authenticated)) {
          return null;
        }
        if (in.readableBytes() < pendingBulkLength + 2) {
          return null;
        }
        byte[] arg = new byte[(int) pendingBulkLength];
        in.readBytes(arg);
        in.skipBytes(2); // Redis does not check that these are \r\n either
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
   * Reads a {@code *N} header. Returns false when the line is incomplete; an empty or negative
   * count is consumed, leaving the parser between commands.
   */
  private boolean startArray(ByteBuf in, boolean authenticated) {
    int lineEnd = headerLineEnd(in, "too big mbulk count string");
    if (lineEnd == NOT_COMPLETE) {
      return false;
    }
    long count = parseNumber(in, in.readerIndex() + 1, lineEnd, "invalid multibulk length");
    in.readerIndex(lineEnd + 2);
    if (count > limits.maxArrayLength()) {
      throw new RespProtocolException("invalid multibulk length");
    }
    if (!authenticated && count > RespLimits.UNAUTHENTICATED_MAX_ARRAY) {
      throw new RespProtocolException("unauthenticated multibulk length");
    }
    if (count > 0) {
      expectedArgs = (int) count;
      parsedArgs = 0;
      args = new byte[Math.min(expectedArgs, INITIAL_ARGS)][];
    }
    return true;
  }

  /** Reads a {@code $N} header into pendingBulkLength; false when the line is incomplete. */
  private boolean readBulkHeader(ByteBuf in, boolean authenticated) {
    int lineEnd = headerLineEnd(in, "too big bulk count string");
    if (lineEnd == NOT_COMPLETE) {
      return false;
    }
    int start = in.readerIndex();
    byte marker = in.getByte(start);
    if (marker != '$') {
      throw new RespProtocolException("expected '$', got '" + printable(marker) + "'");
    }
    long length = parseNumber(in, start + 1, lineEnd, "invalid bulk length");
    if (length < 0 || length > limits.maxBulkLength()) {
      throw new RespProtocolException("invalid bulk length");
    }
    if (!authenticated && length > RespLimits.UNAUTHENTICATED_MAX_BULK) {
      throw new RespProtocolException("unauthenticated bulk length");
    }
    in.readerIndex(lineEnd + 2);
    pendingBulkLength = length;
    return true;
  }

  /**
   * The index of the {@code \r} ending the header line at the reader index, or NOT_COMPLETE when
   * the line and the byte after its {@code \r} have not all arrived yet. Like Redis, the byte after
   * {@code \r} is required but not checked.
   */
  private int headerLineEnd(ByteBuf in, String tooBigText) {
    int lineEnd = lineEnd(in, FIND_CR_OR_NUL, '\r');
    if (lineEnd < 0) {
      if (in.readableBytes() > limits.maxInlineLength()) {
        throw new RespProtocolException(tooBigText);
      }
      return NOT_COMPLETE;
    }
    return lineEnd + 1 < in.writerIndex() ? lineEnd : NOT_COMPLETE;
  }

  /**
   * The index of the first terminator at or after the reader index, or -1 when there is none or a
   * NUL byte comes first (Redis looks for line ends with {@code strchr}, which stops at NUL).
   */
  private static int lineEnd(ByteBuf in, ByteProcessor finder, char terminator) {
    int found = in.forEachByte(finder);
    return found >= 0 && in.getByte(found) == terminator ? found : -1;
  }

  /**
   * Parses a decimal the way Redis's {@code string2ll} does: an optional '-', then digits without
   * leading zeros ("0" alone is fine, "-0" is not), within the range of a long.
   */
  private static long parseNumber(ByteBuf in, int from, int to, String errorText) {
    boolean negative = from < to && in.getByte(from) == '-';
    int i = negative ? from + 1 : from;
    if (i == to || (in.getByte(i) == '0' && (to - i > 1 || negative))) {
      throw new RespProtocolException(errorText);
    }
    // accumulate as a negative number, whose range is one larger, so Long.MIN_VALUE parses too
    long value = 0;
    for (; i < to; i++) {
      int digit = in.getByte(i) - '0';
      if (digit < 0 || digit > 9 || value < (Long.MIN_VALUE + digit) / 10) {
        throw new RespProtocolException(errorText);
      }
      value = value * 10 - digit;
    }
    if (!negative && value == Long.MIN_VALUE) {
      throw new RespProtocolException(errorText);
    }
    return negative ? value : -value;
  }

  private byte[][] readInline(ByteBuf in) {
    int start = in.readerIndex();
    int newline = lineEnd(in, FIND_LF_OR_NUL, '\n');
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

  /**
   * A byte as Redis prints it in an error line: CR and LF become spaces (an error is one line),
   * other bytes are kept as the char of the same value.
   */
  private static char printable(byte b) {
    return b == '\r' || b == '\n' ? ' ' : (char) (b & 0xff);
  }
}
