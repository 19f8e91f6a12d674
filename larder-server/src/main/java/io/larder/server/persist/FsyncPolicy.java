package io.larder.server.persist;

import java.util.Locale;

/** When the append-only log is forced to disk; the names and meanings of Redis's appendfsync. */
public enum FsyncPolicy {
  /** fsync before replying: an OS crash loses nothing acknowledged. */
  ALWAYS,
  /** fsync once a second: an OS crash loses about a second; a process crash loses nothing. */
  EVERYSEC,
  /** never fsync; the OS writes back when it likes. A process crash still loses nothing. */
  NO;

  public static FsyncPolicy parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
