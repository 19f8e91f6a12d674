package io.larder.server.command;

/**
 * Aborts a command with a Redis error reply. The message starts with the error code, e.g. {@code
 * "ERR value is not an integer or out of range"}. Carries no stack trace: it is control flow.
 */
public final class CommandException extends RuntimeException {
  public CommandException(String message) {
    super(message, null, false, false);
  }

  public static final CommandException SYNTAX = new CommandException("ERR syntax error");
  public static final CommandException NOT_INTEGER =
      new CommandException("ERR value is not an integer or out of range");
  public static final CommandException NOT_FLOAT =
      new CommandException("ERR value is not a valid float");
  public static final CommandException WRONG_TYPE =
      new CommandException("WRONGTYPE Operation against a key holding the wrong kind of value");
  public static final CommandException NO_SUCH_KEY = new CommandException("ERR no such key");
}
