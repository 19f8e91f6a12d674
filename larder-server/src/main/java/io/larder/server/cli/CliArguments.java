package io.larder.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code larder cache COMMAND OPERAND… [--option value] [--switch]} line. Options may come
 * anywhere after {@code cache}, as {@code --name value} or {@code --name=value}; a later value
 * wins. Everything is checked here, so a command that runs has what it needs.
 */
final class CliArguments {
  /** Options that take a value; the last three belong to {@code create}. */
  private static final Set<String> VALUE_OPTIONS =
      Set.of(
          "url", "token", "admin-port", "data-dir", "config", "memory", "eviction", "default-ttl");

  /** Options that stand alone. */
  private static final Set<String> SWITCHES =
      Set.of("json", "show-keys", "yes", "no-persistence", "help");

  /** Options every command takes. */
  private static final Set<String> COMMON =
      Set.of("url", "token", "admin-port", "data-dir", "config", "json", "help");

  private final CacheCommand command;
  private final List<String> operands;
  private final Map<String, String> values;
  private final Set<String> switches;

  private CliArguments(
      CacheCommand command,
      List<String> operands,
      Map<String, String> values,
      Set<String> switches) {
    this.command = command;
    this.operands = operands;
    this.values = values;
    this.switches = switches;
  }

  /**
   * Parses the words after {@code cache} (which {@code args[0]} is).
   *
   * @throws UsageException when the line is wrong (unless help was asked for)
   */
  static CliArguments parse(String[] args) {
    List<String> words = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    Set<String> switches = new HashSet<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h")) {
        switches.add("help");
      } else if (arg.startsWith("--") && arg.length() > 2) {
        int equals = arg.indexOf('=');
        String name = equals > 0 ? arg.substring(2, equals) : arg.substring(2);
        String inline = equals > 0 ? arg.substring(equals + 1) : null;
        if (SWITCHES.contains(name)) {
          if (inline != null) {
            throw new UsageException("the option --" + name + " takes no value");
          }
          switches.add(name);
        } else if (VALUE_OPTIONS.contains(name)) {
          if (inline == null) {
            // No value starts with "--", so "--memory --json" is a missing value.
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
              throw new UsageException("the option --" + name + " needs a value");
            }
            inline = args[++i];
          }
          values.put(name, inline);
        } else {
          throw new UsageException("unknown option --" + name);
        }
      } else {
        words.add(arg);
      }
    }
    if (switches.contains("help") || (!words.isEmpty() && words.get(0).equals("help"))) {
      switches.add("help");
      return new CliArguments(null, List.of(), values, switches);
    }
    if (words.isEmpty()) {
      throw new UsageException("a command is missing");
    }
    CacheCommand command = CacheCommand.named(words.get(0));
    List<String> operands = List.copyOf(words.subList(1, words.size()));
    checkOperands(command, operands);
    if (!operands.isEmpty() && operands.get(0).isBlank()) {
      throw new UsageException("the cache name is empty");
    }
    if (command == CacheCommand.REGENERATE
        && !operands.get(1).equals("primary")
        && !operands.get(1).equals("secondary")) {
      throw new UsageException(
          "which key to regenerate: primary or secondary, not '" + operands.get(1) + "'");
    }
    for (String option : values.keySet()) {
      checkApplies(command, option);
    }
    for (String option : switches) {
      checkApplies(command, option);
    }
    return new CliArguments(command, operands, values, switches);
  }

  private static void checkOperands(CacheCommand command, List<String> operands) {
    List<String> needed = command.operands();
    if (operands.size() < needed.size()) {
      throw new UsageException(
          "'cache " + command.word() + "' needs " + String.join(" and ", needed));
    }
    if (operands.size() > needed.size()) {
      throw new UsageException(
          "unexpected argument '"
              + operands.get(needed.size())
              + "' for 'cache "
              + command.word()
              + "'");
    }
  }

  private static void checkApplies(CacheCommand command, String option) {
    if (!COMMON.contains(option) && !command.takes(option)) {
      throw new UsageException(
          "the option --" + option + " does not apply to 'cache " + command.word() + "'");
    }
  }

  /** Whether help was asked for; then {@link #command} is null. */
  boolean help() {
    return switches.contains("help");
  }

  CacheCommand command() {
    return command;
  }

  /** The operand at the index, e.g. the cache name at 0. */
  String operand(int index) {
    return operands.get(index);
  }

  /** The value of a value option, if given. */
  Optional<String> value(String option) {
    return Optional.ofNullable(values.get(option));
  }

  /** Whether a switch was given. */
  boolean has(String option) {
    return switches.contains(option);
  }
}
