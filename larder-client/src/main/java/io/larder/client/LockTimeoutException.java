package io.larder.client;

import java.time.Duration;

/** A lock stayed held by another holder for longer than the caller was willing to wait. */
public final class LockTimeoutException extends LarderException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final Duration waited;

  public LockTimeoutException(String key, Duration waited) {
    super("the lock on '" + key + "' stayed taken for the whole wait of " + waited);
    this.key = key;
    this.waited = waited;
  }

  /** The cache key whose lock could not be taken (without the cache's prefix). */
  public String key() {
    return key;
  }

  /** How long the caller waited. */
  public Duration waited() {
    return waited;
  }
}
