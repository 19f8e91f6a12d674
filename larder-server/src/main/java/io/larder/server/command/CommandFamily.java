package io.larder.server.command;

/** A group of related commands (strings, hashes, keys …) that registers its specs in one place. */
public interface CommandFamily {
  void register(CommandRegistry registry);
}
