package io.larder.session;

/**
 * The session could not be read or written: the cache did not answer in time or could not be
 * reached, or (in {@code exclusive} mode) another request held the session's lock for the whole
 * lock wait. {@link LarderSessionFilter} answers such a request with {@code 503 Service
 * Unavailable} if the response is not committed yet; applications may catch it to do otherwise.
 */
public final class SessionUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
