package io.larder.server.command;

/** Command flags, named as Redis's {@code COMMAND INFO} names them. */
public enum CommandFlag {
  WRITE("write"),
  READONLY("readonly"),
  DENYOOM("denyoom"),
  ADMIN("admin"),
  PUBSUB("pubsub"),
  NOSCRIPT("noscript"),
  BLOCKING("blocking"),
  LOADING("loading"),
  STALE("stale"),
  SKIP_MONITOR("skip_monitor"),
  SKIP_SLOWLOG("skip_slowlog"),
  FAST("fast"),
  NO_AUTH("no_auth"),
  MAY_REPLICATE("may_replicate"),
  NO_MANDATORY_KEYS("no_mandatory_keys"),
  ALLOW_BUSY("allow_busy");

  private final String redisName;

  CommandFlag(String redisName) {
    this.redisName = redisName;
  }

  public String redisName() {
    return redisName;
  }
}
