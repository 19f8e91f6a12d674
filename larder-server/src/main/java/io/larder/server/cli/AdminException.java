package io.larder.server.cli;

/**
 * A request to the admin API failed: the API refused it (its problem {@code detail} is the
 * message), or it never answered (the message names the URL and what to try).
 */
final class AdminException extends Exception {
  /** The status of an answer from a server that did not answer. */
  static final int NO_ANSWER = -1;

  private final int status;

  AdminException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the refusal, or {@link #NO_ANSWER}. */
  int status() {
    return status;
  }
}
