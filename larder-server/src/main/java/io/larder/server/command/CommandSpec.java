package io.larder.server.command;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything known about one command before it runs: its name, arity (Redis convention: {@code n}
 * exactly n arguments counting the name, {@code -n} at least n), flags, key positions, what {@code
 * COMMAND DOCS} says of it, and its handler. A container command such as {@code CONFIG} has no
 * handler of its own, only subcommands.
 */
public record CommandSpec(
    String name,
    int arity,
    Set<CommandFlag> flags,
    int firstKey,
    int lastKey,
    int keyStep,
    String group,
    String summary,
    String since,
    CommandHandler handler,
    List<CommandSpec> subcommands) {

  public CommandSpec {
    name = name.toLowerCase(Locale.ROOT);
    // An EnumSet: the dispatcher asks has(flag) several times per command, and a bit test is
    // cheaper than hashing into an immutable set.
    flags =
        Collections.unmodifiableSet(
            flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(flags));
    subcommands = List.copyOf(subcommands);
  }

  public static Builder command(String name, int arity) {
    return new Builder(name, arity);
  }

  public boolean has(CommandFlag flag) {
    return flags.contains(flag);
  }

  public boolean acceptsArgumentCount(int count) {
    return arity >= 0 ? count == arity : count >= -arity;
  }

  /** The subcommand with this name (case-insensitive), or null. */
  public CommandSpec subcommand(String subName) {
    for (CommandSpec sub : subcommands) {
      if (sub.name.endsWith("|" + subName.toLowerCase(Locale.ROOT))) {
        return sub;
      }
    }
    return null;
  }

  /** Builds a spec in one readable statement per command. */
  public static final class Builder {
    private final String name;
    private final int arity;
    private Set<CommandFlag> flags = Set.of();
    private int firstKey;
    private int lastKey;
    private int keyStep;
    private String group = "generic";
    private String summary = "";
    private String since = "1.0.0";
    private List<CommandSpec> subcommands = List.of();

    private Builder(String name, int arity) {
      this.name = name;
      this.arity = arity;
    }

    public Builder flags(CommandFlag... flags) {
      this.flags = Set.of(flags);
      return this;
    }

    /** Key positions: first, last (-1 = last argument, -2 = one before …) and step. */
    public Builder keys(int first, int last, int step) {
      this.firstKey = first;
      this.lastKey = last;
      this.keyStep = step;
      return this;
    }

    public Builder group(String group) {
      this.group = group;
      return this;
    }

    public Builder doc(String since, String summary) {
      this.since = since;
      this.summary = summary;
      return this;
    }

    public Builder subcommands(CommandSpec... subcommands) {
      this.subcommands = List.of(subcommands);
      return this;
    }

    public CommandSpec handledBy(CommandHandler handler) {
      return new CommandSpec(
          name,
          arity,
          flags,
          firstKey,
          lastKey,
          keyStep,
          group,
          summary,
          since,
          handler,
          subcommands);
    }

    /** A container command: dispatch goes to its subcommands. */
    public CommandSpec container() {
      return handledBy(null);
    }
  }
}
