package io.larder.server.command;

/** Key commands. */
public final class KeyCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {}
}
