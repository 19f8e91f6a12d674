package io.larder.server.command;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.resp.RespWriter;
import io.larder.server.tenant.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One command being executed: its arguments, the connection it came from, where its reply goes. A
 * connection reuses one instance for all its commands, so handlers must not keep it.
 */
public final class Request {
  private final ClientSession client;
  private final RespWriter reply;
  private final ServerContext server;
  private byte[][] args;
  private CommandSpec spec;

  public Request(ClientSession client, RespWriter reply, ServerContext server) {
    this.client = client;
    this.reply = reply;
    this.server = server;
  }

  void start(byte[][] args, CommandSpec spec) {
    this.args = args;
    this.spec = spec;
  }

  public ClientSession client() {
    return client;
  }

  public RespWriter reply() {
    return reply;
  }

  public ServerContext server() {
    return server;
  }

  /** The spec being executed (the subcommand's, for container commands). */
  public CommandSpec spec() {
    return spec;
  }

  /** Number of arguments, counting the command name. */
  public int argCount() {
    return args.length;
  }

  public byte[] arg(int index) {
    return args[index];
  }

  /** Argument as text (UTF-8). */
  public String text(int index) {
    return new String(args[index], StandardCharsets.UTF_8);
  }

  /** True when argument index equals word, ignoring ASCII case (for option names). */
  public boolean is(int index, String word) {
    byte[] arg = args[index];
    if (arg.length != word.length()) {
      return false;
    }
    for (int i = 0; i < arg.length; i++) {
      int a = arg[i];
      int b = word.charAt(i);
      if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
        return false;
      }
    }
    return true;
  }

  /** Argument upper-cased (for switching on options). */
  public String option(int index) {
    return text(index).toUpperCase(Locale.ROOT);
  }

  public ByteKey key(int index) {
    return new ByteKey(args[index]);
  }

  /** Argument as a 64-bit integer, or the Redis error for a bad one. */
  public long longArg(int index) {
    return Numbers.parseLong(args[index]);
  }

  /** Argument as a double, or the Redis error for a bad one. */
  public double doubleArg(int index) {
    return Numbers.parseDouble(args[index]);
  }

  /** The cache this connection is in (commands run only after AUTH, so never null there). */
  public Tenant tenant() {
    return client.tenant();
  }

  public Keyspace keyspace() {
    return client.tenant().keyspace();
  }

  /** Switches this connection's reply protocol (HELLO). */
  public void protocol(int version) {
    client.protocol(version);
    reply.protocol(version);
  }
}
