package io.larder.server.command;

import static io.larder.server.command.CommandFlag.DENYOOM;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.READONLY;
import static io.larder.server.command.CommandFlag.WRITE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;

/** String commands. */
public final class StringCommands implements CommandFamily {
  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            command("get", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .group("string")
                .doc("1.0.0", "Returns the string value of a key.")
                .handledBy(this::get))
        .register(
            command("set", -3)
                .flags(WRITE, DENYOOM)
                .keys(1, 1, 1)
                .group("string")
                .doc("1.0.0", "Sets the string value of a key.")
                .handledBy(this::set));
  }

  private void get(Request request) {
    StoredValue value = request.keyspace().get(request.key(1));
    request.tenant().stats().lookup(value != null);
    if (value == null) {
      request.reply().nullBulk();
    } else if (value instanceof StringValue string) {
      request.reply().bulk(string.bytes());
    } else {
      throw CommandException.WRONG_TYPE;
    }
  }

  private void set(Request request) {
    request.keyspace().put(request.key(1), new StringValue(request.arg(2)));
    request.reply().ok();
  }
}
