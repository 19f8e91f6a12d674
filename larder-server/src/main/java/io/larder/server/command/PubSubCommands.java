package io.larder.server.command;

import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.LOADING;
import static io.larder.server.command.CommandFlag.NOSCRIPT;
import static io.larder.server.command.CommandFlag.PUBSUB;
import static io.larder.server.command.CommandFlag.STALE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.engine.ByteKey;
import io.larder.server.pubsub.Channels;
import io.larder.server.pubsub.Subscriptions;
import io.larder.server.resp.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pub/sub commands: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB CHANNELS,
 * NUMSUB, NUMPAT, with Redis 7.0's replies, in RESP2 and RESP3.
 *
 * <p>Channels belong to the caller's cache (DESIGN.md D2): PUBLISH reaches subscribers in the same
 * cache only and counts only them, and PUBSUB shows only that cache's channels and patterns.
 * Messages are delivered by the network layer (see {@code io.larder.server.pubsub}).
 *
 * <p>A RESP2 connection subscribed to anything may only run the commands of {@link
 * #allowedWhileSubscribed} (the dispatcher refuses the others with Redis's error); in RESP3 every
 * command is allowed and messages arrive as pushes.
 *
 * <p>Deliberate differences from Redis: sharded pub/sub (SSUBSCRIBE, SPUBLISH, PUBSUB
 * SHARDCHANNELS, SHARDNUMSUB) is not offered; a RESP3 connection that publishes to a channel it is
 * subscribed to gets the PUBLISH reply before the message (Redis 7.0 sends the message first, in
 * the middle of executing PUBLISH); and PUBSUB CHANNELS lists channels in no particular order, as
 * Redis does, but not in Redis's order.
 */
public final class PubSubCommands implements CommandFamily {
  /** The commands a subscribed RESP2 connection may run (Redis also allows RESET). */
  private static final Set<String> ALLOWED_WHILE_SUBSCRIBED =
      Set.of("subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ping", "quit", "reset");

  private static final byte[] SUBSCRIBE = ConnectionCommands.bytes("subscribe");
  private static final byte[] UNSUBSCRIBE = ConnectionCommands.bytes("unsubscribe");
  private static final byte[] PSUBSCRIBE = ConnectionCommands.bytes("psubscribe");
  private static final byte[] PUNSUBSCRIBE = ConnectionCommands.bytes("punsubscribe");

  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            pubsub("subscribe", -2, PUBSUB, NOSCRIPT, LOADING, STALE)
                .doc("2.0.0", "Listen for messages published to the given channels")
                .handledBy(this::subscribe))
        .register(
            pubsub("unsubscribe", -1, PUBSUB, NOSCRIPT, LOADING, STALE)
                .doc("2.0.0", "Stop listening for messages posted to the given channels")
                .handledBy(this::unsubscribe))
        .register(
            pubsub("psubscribe", -2, PUBSUB, NOSCRIPT, LOADING, STALE)
                .doc(
                    "2.0.0",
                    "Listen for messages published to channels matching the given patterns")
                .handledBy(this::psubscribe))
        .register(
            pubsub("punsubscribe", -1, PUBSUB, NOSCRIPT, LOADING, STALE)
                .doc(
                    "2.0.0",
                    "Stop listening for messages posted to channels matching the given patterns")
                .handledBy(this::punsubscribe))
        .register(
            pubsub("publish", 3, PUBSUB, LOADING, STALE, FAST)
                .doc("2.0.0", "Post a message to a channel")
                .handledBy(this::publish))
        .register(
            command("pubsub", -2)
                .group("pubsub")
                .doc("2.8.0", "A container for Pub/Sub commands")
                .subcommands(
                    pubsub("pubsub|channels", -2, PUBSUB, LOADING, STALE)
                        .doc("2.8.0", "List active channels")
                        .handledBy(this::channels),
                    pubsub("pubsub|numsub", -2, PUBSUB, LOADING, STALE)
                        .doc("2.8.0", "Get the count of subscribers for channels")
                        .handledBy(this::numsub),
                    pubsub("pubsub|numpat", 2, PUBSUB, LOADING, STALE)
                        .doc("2.8.0", "Get the count of unique patterns pattern subscriptions")
                        .handledBy(this::numpat),
                    pubsub("pubsub|help", 2, LOADING, STALE)
                        .doc("6.2.0", "Show helpful text about the different subcommands")
                        .handledBy(this::help))
                .container());
  }

  private static CommandSpec.Builder pubsub(String name, int arity, CommandFlag... flags) {
    return command(name, arity).flags(flags).group("pubsub");
  }

  /** Whether a subscribed RESP2 connection may run spec (the dispatcher refuses the others). */
  static boolean allowedWhileSubscribed(CommandSpec spec) {
    return ALLOWED_WHILE_SUBSCRIBED.contains(spec.name());
  }

  /** Redis's refusal of spec on a subscribed RESP2 connection. */
  static String notAllowedWhileSubscribed(CommandSpec spec) {
    return "ERR Can't execute '"
        + spec.name()
        + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this"
        + " context";
  }

  private void subscribe(Request request) {
    Subscriptions subscriptions = subscriptions(request);
    Channels channels = request.tenant().pubsub().channels();
    for (int i = 1; i < request.argCount(); i++) {
      ByteKey channel = request.key(i);
      subscriptions.subscribe(channels, channel);
      confirm(request.reply(), SUBSCRIBE, channel, subscriptions);
    }
  }

  private void psubscribe(Request request) {
    Subscriptions subscriptions = subscriptions(request);
    Channels channels = request.tenant().pubsub().channels();
    for (int i = 1; i < request.argCount(); i++) {
      ByteKey pattern = request.key(i);
      subscriptions.psubscribe(channels, pattern, GlobPattern.of(pattern.bytes())::matches);
      confirm(request.reply(), PSUBSCRIBE, pattern, subscriptions);
    }
  }

  private void unsubscribe(Request request) {
    Subscriptions subscriptions = subscriptions(request);
    List<ByteKey> channels = named(request);
    if (channels == null) {
      channels = subscriptions.channels();
    }
    if (channels.isEmpty()) {
      confirm(request.reply(), UNSUBSCRIBE, null, subscriptions);
    }
    for (ByteKey channel : channels) {
      subscriptions.unsubscribe(channel);
      confirm(request.reply(), UNSUBSCRIBE, channel, subscriptions);
    }
  }

  private void punsubscribe(Request request) {
    Subscriptions subscriptions = subscriptions(request);
    List<ByteKey> patterns = named(request);
    if (patterns == null) {
      patterns = subscriptions.patterns();
    }
    if (patterns.isEmpty()) {
      confirm(request.reply(), PUNSUBSCRIBE, null, subscriptions);
    }
    for (ByteKey pattern : patterns) {
      subscriptions.punsubscribe(pattern);
      confirm(request.reply(), PUNSUBSCRIBE, pattern, subscriptions);
    }
  }

  /** The channels or patterns named after the command, or null when none is (meaning all). */
  private static List<ByteKey> named(Request request) {
    if (request.argCount() == 1) {
      return null;
    }
    List<ByteKey> names = new ArrayList<>(request.argCount() - 1);
    for (int i = 1; i < request.argCount(); i++) {
      names.add(request.key(i));
    }
    return names;
  }

  /** One confirmation per channel or pattern: kind, name (null after "all" with none), count. */
  private static void confirm(
      RespWriter reply, byte[] kind, ByteKey name, Subscriptions subscriptions) {
    reply.pushHeader(3);
    reply.bulk(kind);
    if (name == null) {
      reply.nullBulk();
    } else {
      reply.bulk(name.bytes());
    }
    reply.integer(subscriptions.count());
  }

  private static Subscriptions subscriptions(Request request) {
    Subscriptions subscriptions = request.client().subscriptions();
    if (subscriptions == null) {
      throw new CommandException("ERR this connection cannot receive messages");
    }
    return subscriptions;
  }

  private void publish(Request request) {
    Channels channels = request.tenant().pubsub().channels();
    request.reply().integer(channels.publish(request.key(1), request.arg(2)));
  }

  private void channels(Request request) {
    if (request.argCount() > 3) {
      throw new CommandException(
          "ERR unknown subcommand or wrong number of arguments for '"
              + request.text(1)
              + "'. Try PUBSUB HELP.");
    }
    GlobPattern pattern = request.argCount() == 3 ? GlobPattern.of(request.arg(2)) : null;
    List<ByteKey> matching = new ArrayList<>();
    for (ByteKey channel : request.tenant().pubsub().channels().activeChannels()) {
      if (pattern == null || pattern.matches(channel.bytes())) {
        matching.add(channel);
      }
    }
    RespWriter reply = request.reply();
    reply.arrayHeader(matching.size());
    for (ByteKey channel : matching) {
      reply.bulk(channel.bytes());
    }
  }

  private void numsub(Request request) {
    Channels channels = request.tenant().pubsub().channels();
    RespWriter reply = request.reply();
    reply.arrayHeader((request.argCount() - 2) * 2L);
    for (int i = 2; i < request.argCount(); i++) {
      reply.bulk(request.arg(i));
      reply.integer(channels.subscriberCount(request.key(i)));
    }
  }

  private void numpat(Request request) {
    request.reply().integer(request.tenant().pubsub().channels().patternCount());
  }

  private void help(Request request) {
    SubcommandHelp.reply(
        request.reply(),
        "pubsub",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).");
  }
}
