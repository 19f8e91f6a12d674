package io.larder.server.resp;

/** Bounds on what a client may send; see {@link RespParser}. */
public record RespLimits(long maxBulkLength, long maxArrayLength, int maxInlineLength) {
  /** The Redis defaults: 512 MB bulk strings, 64 KiB inline commands. */
  public static final RespLimits DEFAULTS = new RespLimits(512L * 1024 * 1024, 1024 * 1024, 65536);

  /** Most arguments a client may declare before it authenticates (Redis 7's fixed limit). */
  public static final int UNAUTHENTICATED_MAX_ARRAY = 10;

  /** Longest bulk string a client may declare before it authenticates (Redis 7's fixed limit). */
  public static final int UNAUTHENTICATED_MAX_BULK = 16384;
}
