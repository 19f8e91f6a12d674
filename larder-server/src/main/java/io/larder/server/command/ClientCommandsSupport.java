package io.larder.server.command;

/** Rules about client names shared by HELLO SETNAME and CLIENT SETNAME. */
final class ClientCommandsSupport {
  private ClientCommandsSupport() {}

  /** Redis allows printable ASCII without spaces in client names. */
  static void checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~') {
        throw new CommandException(
            "ERR Client names cannot contain spaces, newlines or special characters.");
      }
    }
  }
}
