package io.larder.server.command;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ACL categories COMMAND INFO reports and COMMAND LIST FILTERBY ACLCAT filters by. Larder has
 * no ACLs (a cache is the unit of access), so they only describe commands, for clients and tools
 * that read them. They are derived the way Redis derives its implicit categories (write, readonly,
 * admin, pubsub, fast or else slow, blocking), plus the data-type category of the command's group
 * for commands that have a handler of their own (Redis gives bare containers none), plus the few
 * categories Redis assigns by hand ({@link #BY_HAND}).
 */
final class AclCategories {
  /** Redis's category names, in the order it lists them. */
  private static final List<String> ORDER =
      List.of(
          "keyspace",
          "read",
          "write",
          "set",
          "sortedset",
          "list",
          "hash",
          "string",
          "bitmap",
          "hyperloglog",
          "geo",
          "stream",
          "pubsub",
          "admin",
          "fast",
          "slow",
          "blocking",
          "dangerous",
          "connection",
          "transaction",
          "scripting");

  /** The category of each COMMAND DOCS group that has one. */
  private static final Map<String, String> BY_GROUP =
      Map.ofEntries(
          Map.entry("generic", "keyspace"),
          Map.entry("string", "string"),
          Map.entry("hash", "hash"),
          Map.entry("list", "list"),
          Map.entry("set", "set"),
          Map.entry("sorted-set", "sortedset"),
          Map.entry("bitmap", "bitmap"),
          Map.entry("hyperloglog", "hyperloglog"),
          Map.entry("geo", "geo"),
          Map.entry("stream", "stream"),
          Map.entry("pubsub", "pubsub"),
          Map.entry("connection", "connection"),
          Map.entry("transactions", "transaction"),
          Map.entry("scripting", "scripting"));

  /**
   * Categories Redis 7 gives these commands beyond what their flags and group imply; subcommands
   * share their container's. A table, since CommandSpec has no field for categories.
   */
  private static final Map<String, List<String>> BY_HAND =
      Map.of(
          "dbsize", List.of("keyspace"),
          "flushdb", List.of("keyspace", "dangerous"),
          "flushall", List.of("keyspace", "dangerous"),
          "info", List.of("dangerous"),
          "keys", List.of("dangerous"),
          "command", List.of("connection"));

  private AclCategories() {}

  /** The categories of spec, each with its {@code @}, in Redis's order. */
  static List<String> of(CommandSpec spec) {
    Set<String> categories = new HashSet<>();
    if (spec.has(CommandFlag.WRITE)) {
      categories.add("write");
    }
    if (spec.has(CommandFlag.READONLY)) {
      categories.add("read");
    }
    if (spec.has(CommandFlag.ADMIN)) {
      categories.add("admin");
      categories.add("dangerous");
    }
    if (spec.has(CommandFlag.PUBSUB)) {
      categories.add("pubsub");
    }
    if (spec.has(CommandFlag.BLOCKING)) {
      categories.add("blocking");
    }
    categories.add(spec.has(CommandFlag.FAST) ? "fast" : "slow");
    if (spec.handler() != null && BY_GROUP.containsKey(spec.group())) {
      categories.add(BY_GROUP.get(spec.group()));
    }
    String container = spec.name().split("\\|")[0];
    categories.addAll(BY_HAND.getOrDefault(container, List.of()));
    return ORDER.stream().filter(categories::contains).map(name -> "@" + name).toList();
  }

  /** True when spec is in the category named (without {@code @}, any case). */
  static boolean contains(CommandSpec spec, String category) {
    return of(spec).contains("@" + category.toLowerCase(Locale.ROOT));
  }
}
