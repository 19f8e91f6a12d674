package io.larder.server.config;

import io.larder.server.persist.FsyncPolicy;
import io.larder.server.resp.RespLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The server's typed, validated configuration. Build it with {@link ConfigLoader}; see {@link
 * #SETTINGS} for every setting, its default and its meaning.
 */
public record ServerConfig(
    int port,
    int adminPort,
    String bind,
    Path dataDir,
    boolean appendOnly,
    FsyncPolicy appendFsync,
    long rewriteMinSize,
    int maxClients,
    long maxBulkLength,
    int maxArrayLength,
    int maxInlineLength,
    long clientOutputBufferLimit,
    Duration activeExpireInterval,
    int ioThreads) {

  static final Setting<Integer> PORT =
      new Setting<>("port", "6380", "RESP port (0 picks a free port)", Values.integer(0, 65535));
  static final Setting<Integer> ADMIN_PORT =
      new Setting<>(
          "admin-port",
          "8080",
          "admin API and portal port (0 picks a free port)",
          Values.integer(0, 65535));
  static final Setting<String> BIND =
      new Setting<>("bind", "127.0.0.1", "address to listen on", Values.host());
  static final Setting<String> DATA_DIR =
      new Setting<>("data-dir", "./data", "where caches, keys and logs are kept", Values.path());
  static final Setting<Boolean> APPENDONLY =
      new Setting<>("appendonly", "yes", "keep data across restarts", Values.bool());
  static final Setting<FsyncPolicy> APPENDFSYNC =
      new Setting<>(
          "appendfsync",
          "everysec",
          "when the log is fsynced: always, everysec or no",
          Values.oneOf(FsyncPolicy.class));
  static final Setting<Long> REWRITE_MIN_SIZE =
      new Setting<>(
          "auto-aof-rewrite-min-size",
          "64mb",
          "compact a log once it is this big and bigger than its snapshot",
          Values.size(1024, Long.MAX_VALUE));
  static final Setting<Integer> MAXCLIENTS =
      new Setting<>(
          "maxclients", "10000", "most client connections at once", Values.integer(1, 1_000_000));
  static final Setting<Long> PROTO_MAX_BULK_LEN =
      new Setting<>(
          "proto-max-bulk-len",
          "512mb",
          "largest bulk string a client may send",
          Values.size(1024 * 1024, Integer.MAX_VALUE - 8));
  static final Setting<Integer> MAX_MULTIBULK_LEN =
      new Setting<>(
          "max-multibulk-len",
          "1048576",
          "most arguments in one command",
          Values.integer(1024, Integer.MAX_VALUE));
  static final Setting<Long> MAX_INLINE_LEN =
      new Setting<>(
          "max-inline-len",
          "64kb",
          "longest inline command line",
          Values.size(1024, 16 * 1024 * 1024));
  static final Setting<Long> CLIENT_OUTPUT_BUFFER_LIMIT =
      new Setting<>(
          "client-output-buffer-limit",
          "256mb",
          "a client whose unsent replies exceed this is disconnected",
          Values.size(64 * 1024, Long.MAX_VALUE));
  static final Setting<Duration> ACTIVE_EXPIRE_INTERVAL =
      new Setting<>(
          "active-expire-interval",
          "1s",
          "how often expired keys are reclaimed",
          Values.duration(Duration.ofMillis(10), Duration.ofHours(1)));
  static final Setting<Integer> IO_THREADS =
      new Setting<>(
          "io-threads", String.valueOf(Runtime.getRuntime().availableProcessors()),
          "network event loop threads", Values.integer(1, 256));

  /** Every setting, in the order the help text lists them. */
  public static final List<Setting<?>> SETTINGS =
      List.of(
          PORT,
          ADMIN_PORT,
          BIND,
          DATA_DIR,
          APPENDONLY,
          APPENDFSYNC,
          REWRITE_MIN_SIZE,
          MAXCLIENTS,
          PROTO_MAX_BULK_LEN,
          MAX_MULTIBULK_LEN,
          MAX_INLINE_LEN,
          CLIENT_OUTPUT_BUFFER_LIMIT,
          ACTIVE_EXPIRE_INTERVAL,
          IO_THREADS);

  public RespLimits respLimits() {
    return new RespLimits(maxBulkLength, maxArrayLength, maxInlineLength);
  }

  /** The defaults, with the data directory and ports given (for tests and embedding). */
  public static ServerConfig defaults(Path dataDir, int port, int adminPort) {
    return ConfigLoader.fromValues(
        Map.of(
            "data-dir", dataDir.toString(),
            "port", Integer.toString(port),
            "admin-port", Integer.toString(adminPort)));
  }

  /** A copy with a different fsync policy. */
  public ServerConfig withAppendFsync(FsyncPolicy policy) {
    return new ServerConfig(
        port,
        adminPort,
        bind,
        dataDir,
        appendOnly,
        policy,
        rewriteMinSize,
        maxClients,
        maxBulkLength,
        maxArrayLength,
        maxInlineLength,
        clientOutputBufferLimit,
        activeExpireInterval,
        ioThreads);
  }
}
