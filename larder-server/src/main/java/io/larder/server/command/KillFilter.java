package io.larder.server.command;

/**
 * The filters of {@code CLIENT KILL <option> <value> ...}: a connection is killed when it passes
 * every filter given. Unset filters pass everything; {@code SKIPME} defaults to yes.
 *
 * @param id the client id to kill, or 0 for any
 * @param type the client type to kill (see {@link ClientCommands#clientType}), or null for any
 * @param address remote {@code ip:port}, or null for any
 * @param localAddress local {@code ip:port}, or null for any
 */
record KillFilter(long id, String type, String address, String localAddress, boolean skipMe) {

  /** Parses options from argument 2 on, reporting the first bad one as Redis does. */
  static KillFilter parse(Request request) {
    long id = 0;
    String type = null;
    String address = null;
    String localAddress = null;
    boolean skipMe = true;
    for (int i = 2; i < request.argCount(); i += 2) {
      if (i + 1 >= request.argCount()) {
        throw CommandException.SYNTAX;
      }
      if (request.is(i, "ID")) {
        Long value = Numbers.tryParseLong(request.arg(i + 1));
        if (value == null || value < 1) {
          throw new CommandException("ERR client-id should be greater than 0");
        }
        id = value;
      } else if (request.is(i, "TYPE")) {
        type = ClientCommands.clientType(request.text(i + 1));
      } else if (request.is(i, "ADDR")) {
        address = request.text(i + 1);
      } else if (request.is(i, "LADDR")) {
        localAddress = request.text(i + 1);
      } else if (request.is(i, "USER")) {
        // The user is the cache; only the caller's own exists as far as it can tell.
        String user = request.text(i + 1);
        if (!user.equals(request.tenant().name())) {
          throw new CommandException("ERR No such user '" + user + "'");
        }
      } else if (request.is(i, "SKIPME")) {
        if (request.is(i + 1, "YES")) {
          skipMe = true;
        } else if (request.is(i + 1, "NO")) {
          skipMe = false;
        } else {
          throw CommandException.SYNTAX;
        }
      } else {
        throw CommandException.SYNTAX;
      }
    }
    return new KillFilter(id, type, address, localAddress, skipMe);
  }

  boolean matches(ClientSession client, ClientSession caller) {
    return (type == null || type.equals(ClientCommands.typeOf(client)))
        && (id == 0 || client.id() == id)
        && (address == null || address.equals(client.address()))
        && (localAddress == null || localAddress.equals(client.localAddress()))
        && !(skipMe && client == caller);
  }
}
