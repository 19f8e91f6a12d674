package io.larder.server.command;

/** Server commands. */
public final class ServerCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {}
}
