package io.larder.server.cli;

/** The command line is wrong: the message says how; the exit status is 2 and usage follows. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
