package io.larder.server.command;

import static io.larder.server.command.CommandFlag.ALLOW_BUSY;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.NOSCRIPT;
import static io.larder.server.command.CommandFlag.NO_AUTH;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.resp.RespWriter;
import io.larder.server.tenant.AuthThrottle;
import io.larder.server.tenant.Login;
import io.larder.server.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;

/**
 * Connection commands: AUTH, HELLO, PING, ECHO, QUIT, SELECT.
 *
 * <p>Authentication is the Redis ACL form with the cache as user (DESIGN.md D2): {@code AUTH cache
 * key}, or {@code AUTH key} for the cache {@code default}. Deliberate differences from Redis: PING
 * answers before AUTH (health checks need no key), and SELECT accepts only database 0, because a
 * cache, not a database number, is the unit of separation.
 *
 * <p>Failed authentications are throttled per client address and cache ({@link AuthThrottle}):
 * after {@value AuthThrottle#FREE_FAILURES} failures within a minute, AUTH from that address to
 * that cache is refused for a while without the key being checked, answered {@code -WRONGPASS too
 * many failed authentications ...}.
 */
public final class ConnectionCommands implements CommandFamily {
  private static final byte[] PONG = bytes("pong");
  private static final byte[] EMPTY = {};
  static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
  static final String THROTTLED =
      "WRONGPASS too many failed authentications from this address; wait and retry";
  private static final String HELLO_NOAUTH =
      "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
          + " AUTH <user> <pass> option can be used to authenticate the client and select"
          + " the RESP protocol version at the same time";

  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            command("auth", -2)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .group("connection")
                .doc("1.0.0", "Authenticates the connection to a cache.")
                .handledBy(this::auth))
        .register(
            command("hello", -1)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .group("connection")
                .doc("6.0.0", "Handshakes with the server: protocol version, AUTH, client name.")
                .handledBy(this::hello))
        .register(
            command("ping", -1)
                .flags(FAST, NO_AUTH)
                .group("connection")
                .doc("1.0.0", "Returns the server's liveliness response.")
                .handledBy(this::ping))
        .register(
            command("echo", 2)
                .flags(LOADING, STALE, FAST)
                .group("connection")
                .doc("1.0.0", "Returns the given string.")
                .handledBy(request -> request.reply().bulk(request.arg(1))))
        .register(
            command("quit", -1)
                .flags(ALLOW_BUSY, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH)
                .group("connection")
                .doc("1.0.0", "Closes the connection.")
                .handledBy(this::quit))
        .register(
            command("select", 2)
                .flags(LOADING, STALE, FAST)
                .group("connection")
                .doc("1.0.0", "Changes the selected database (only database 0 exists).")
                .handledBy(this::select));
  }

  private void auth(Request request) {
    if (request.argCount() > 3) {
      throw CommandException.SYNTAX;
    }
    String user = request.argCount() == 3 ? request.text(1) : TenantRegistry.DEFAULT;
    byte[] password = request.arg(request.argCount() - 1);
    String refusal = authenticate(request, user, password);
    if (refusal != null) {
      request.reply().error(refusal);
      return;
    }
    request.reply().ok();
  }

  /**
   * Authenticates the connection and returns null, or returns the error to answer. While the
   * client's address is throttled for failed attempts (see {@link AuthThrottle}), the key is not
   * even checked. A failed AUTH leaves the connection's previous authentication in place, as in
   * Redis.
   */
  private static String authenticate(Request request, String user, byte[] password) {
    TenantRegistry tenants = request.server().tenants();
    AuthThrottle throttle = tenants.authThrottle();
    String address = request.client().host();
    String cache = tenants.get(user) == null ? null : user;
    if (throttle.penaltyLeft(address, cache) > 0) {
      throttle.failed(address, cache);
      return THROTTLED;
    }
    Login login = tenants.authenticate(user, password);
    if (login == null) {
      throttle.failed(address, cache);
      return WRONGPASS;
    }
    throttle.succeeded(address, cache);
    ClientSession client = request.client();
    client.login(login.tenant(), login.slot());
    if (!login.stillValid()) {
      // The key was regenerated or the cache deleted while this AUTH ran (see Login).
      client.logout();
      client.closeAfterReply();
      return WRONGPASS;
    }
    return null;
  }

  private void hello(Request request) {
    int protocol = request.client().protocol();
    if (request.argCount() >= 2) {
      Long version = Numbers.tryParseLong(request.arg(1));
      if (version == null) {
        throw new CommandException("ERR Protocol version is not an integer or out of range");
      }
      if (version < 2 || version > 3) {
        throw new CommandException("NOPROTO unsupported protocol version");
      }
      protocol = version.intValue();
    }
    String user = null;
    byte[] password = null;
    String name = null;
    for (int i = 2; i < request.argCount(); i++) {
      int remaining = request.argCount() - i - 1;
      if (request.is(i, "AUTH") && remaining >= 2) {
        user = request.text(i + 1);
        password = request.arg(i + 2);
        i += 2;
      } else if (request.is(i, "SETNAME") && remaining >= 1) {
        name = request.text(i + 1);
        ClientCommandsSupport.checkName(name);
        i += 1;
      } else {
        throw new CommandException("ERR Syntax error in HELLO option '" + request.text(i) + "'");
      }
    }
    if (user != null) {
      String refusal = authenticate(request, user, password);
      if (refusal != null) {
        request.reply().error(refusal);
        return;
      }
    }
    if (!request.client().authenticated()) {
      request.reply().error(HELLO_NOAUTH);
      return;
    }
    if (name != null) {
      request.client().name(name);
    }
    request.protocol(protocol);
    RespWriter reply = request.reply();
    reply.mapHeader(7);
    reply.bulk("server");
    reply.bulk("redis");
    reply.bulk("version");
    reply.bulk(ServerContext.REDIS_VERSION);
    reply.bulk("proto");
    reply.integer(protocol);
    reply.bulk("id");
    reply.integer(request.client().id());
    reply.bulk("mode");
    reply.bulk("standalone");
    reply.bulk("role");
    reply.bulk("master");
    reply.bulk("modules");
    reply.arrayHeader(0);
  }

  private void ping(Request request) {
    if (request.argCount() > 2) {
      throw new CommandException("ERR wrong number of arguments for 'ping' command");
    }
    if (request.client().subscribed() && request.client().protocol() == 2) {
      // a subscribed RESP2 connection reads arrays only: Redis answers [pong, argument or ""]
      request.reply().arrayHeader(2);
      request.reply().bulk(PONG);
      request.reply().bulk(request.argCount() == 2 ? request.arg(1) : EMPTY);
      return;
    }
    if (request.argCount() == 2) {
      request.reply().bulk(request.arg(1));
    } else {
      request.reply().simple("PONG");
    }
  }

  private void quit(Request request) {
    request.reply().ok();
    request.client().closeAfterReply();
  }

  private void select(Request request) {
    long db = request.longArg(1);
    if (db != 0) {
      throw new CommandException("ERR DB index is out of range");
    }
    request.reply().ok();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
