package io.larder.client;

/**
 * The server could not be reached, or did not answer within the command timeout.
 *
 * <p>For an operation that is not idempotent (add, compare-and-put, lock and unlock), the outcome
 * is unknown: the command may or may not have been applied before the connection failed. Those
 * operations are never retried by the client for that reason.
 */
public final class LarderConnectionException extends LarderException {
  private static final long serialVersionUID = 1L;

  public LarderConnectionException(String message) {
    super(message);
  }

  public LarderConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
