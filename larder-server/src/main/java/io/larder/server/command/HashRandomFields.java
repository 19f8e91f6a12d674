package io.larder.server.command;

import io.larder.server.engine.HashFields;
import io.larder.server.resp.RespWriter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HRANDFIELD, as Redis 7.0 answers it.
 *
 * <p>Without a count: one random field, or nil. With a count n ≥ 0: n distinct fields in random
 * order, or the whole hash in listing order when n is at least its size. With n < 0: |n| fields
 * picked independently, so repeats are possible. WITHVALUES pairs each field with its value: a flat
 * array in RESP2, an array of [field, value] arrays in RESP3.
 *
 * <p>A negative count is client input that may ask for 10^18 picks. Like Redis, the reply is
 * streamed pick by pick and stops once the connection's unsent replies pass the client output
 * buffer limit, which then disconnects the client; nothing is allocated in proportion to the count.
 */
final class HashRandomFields {
  private static final String COUNT_RANGE =
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

  private HashRandomFields() {}

  static void hrandfield(Request request) {
    if (request.argCount() == 2) {
      HashFields fields = HashCommands.readHash(request);
      byte[][] pair = fields == null ? null : fields.randomPair(ThreadLocalRandom.current());
      request.reply().bulk(pair == null ? null : pair[0]);
      return;
    }
    long count = request.longArg(2);
    if (count == Long.MIN_VALUE) {
      throw new CommandException(COUNT_RANGE);
    }
    if (request.argCount() > 4 || (request.argCount() == 4 && !request.is(3, "WITHVALUES"))) {
      throw CommandException.SYNTAX;
    }
    boolean withValues = request.argCount() == 4;
    // Redis's bound, so that the RESP2 reply length 2 * |count| cannot overflow
    if (withValues && Math.abs(count) > Long.MAX_VALUE / 2) {
      throw new CommandException("ERR value is out of range");
    }
    HashFields fields = HashCommands.readHash(request);
    byte[][] pairs = fields == null || count == 0 ? new byte[0][] : fields.toPairs();
    int size = pairs.length / 2;
    if (size == 0) {
      request.reply().arrayHeader(0);
    } else if (count < 0 || count == 1) {
      writePicks(request, pairs, Math.abs(count), withValues);
    } else if (count >= size) {
      writeHeader(request.reply(), size, withValues);
      for (int i = 0; i < size; i++) {
        writePair(request.reply(), pairs, i, withValues);
      }
    } else {
      writeDistinct(request.reply(), pairs, (int) count, withValues);
    }
  }

  /** picks independent random picks (repeats allowed), streamed within the output limit. */
  private static void writePicks(Request request, byte[][] pairs, long picks, boolean withValues) {
    RespWriter reply = request.reply();
    long outputLimit = request.server().config().clientOutputBufferLimit();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    writeHeader(reply, picks, withValues);
    for (long i = 0; i < picks && reply.buffer().readableBytes() <= outputLimit; i++) {
      writePair(reply, pairs, random.nextInt(pairs.length / 2), withValues);
    }
  }

  /**
   * count distinct fields (count below the size) in random order: a partial Fisher-Yates shuffle.
   */
  private static void writeDistinct(
      RespWriter reply, byte[][] pairs, int count, boolean withValues) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int size = pairs.length / 2;
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    writeHeader(reply, count, withValues);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(size - i);
      int chosen = order[j];
      order[j] = order[i];
      order[i] = chosen;
      writePair(reply, pairs, chosen, withValues);
    }
  }

  private static void writeHeader(RespWriter reply, long fields, boolean withValues) {
    reply.arrayHeader(withValues && !reply.resp3() ? fields * 2 : fields);
  }

  private static void writePair(RespWriter reply, byte[][] pairs, int index, boolean withValues) {
    if (withValues && reply.resp3()) {
      reply.arrayHeader(2);
    }
    reply.bulk(pairs[index * 2]);
    if (withValues) {
      reply.bulk(pairs[index * 2 + 1]);
    }
  }
}
