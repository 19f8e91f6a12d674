package io.larder.server.command;

/** Rules about client names shared by HELLO SETNAME and CLIENT SETNAME / SETINFO. */
final class ClientCommandsSupport {
  private ClientCommandsSupport() {}

  /** Redis allows printable ASCII without spaces in client names. */
  static void checkName(String name) {
    if (!isPrintableWord(name)) {
      throw new CommandException(
          "ERR Client names cannot contain spaces, newlines or special characters.");
    }
  }

  /** True when text is printable ASCII without spaces (or empty), as Redis wants client names. */
  static boolean isPrintableWord(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '!' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
