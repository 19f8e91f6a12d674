package io.larder.server.command;

/**
 * Executes one command. Arity and authentication were checked by the {@link Dispatcher}; the
 * handler parses its options, does its work and writes exactly one reply.
 */
@FunctionalInterface
public interface CommandHandler {
  void handle(Request request);
}
