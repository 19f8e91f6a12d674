package io.larder.server.command;

/** Hash commands. */
public final class HashCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {}
}
