package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.LarderServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the registered command table: every spec is complete and consistent, and every
 * command with a handler is exercised by a differential script (or is on a short, justified list of
 * commands that cannot be compared with redis-server).
 */
class CommandRegistryTest {
  private static final CommandRegistry REGISTRY = LarderServer.commandRegistry();

  /**
   * Commands no differential script can cover, each with the reason and where it is tested instead.
   * Anything whose reply can be compared with {@code !type} or {@code !unordered} belongs in a
   * script, not here.
   */
  private static final Map<String, String> NOT_DIFFERENTIAL =
      Map.of(
          "client|setinfo",
          "new in Redis 7.2 and the reference redis-server is 7.0; see ClientCommandsIT");

  /** Write commands that touch the whole keyspace rather than named keys. */
  private static final Set<String> KEYLESS_WRITES = Set.of("flushdb", "flushall");

  @Test
  void commands_withoutHandler_areContainersWithSubcommands() {
    for (CommandSpec spec : REGISTRY.all()) {
      assertThat(spec.handler() != null || !spec.subcommands().isEmpty())
          .as("%s has neither a handler nor subcommands", spec.name())
          .isTrue();
    }
  }

  @Test
  void containers_withOwnHandler_acceptTheBareCommand() {
    for (CommandSpec spec : REGISTRY.all()) {
      if (!spec.subcommands().isEmpty() && spec.handler() != null) {
        assertThat(spec.acceptsArgumentCount(1))
            .as("%s handles the bare command, so its arity must allow it", spec.name())
            .isTrue();
      }
    }
  }

  @Test
  void subcommands_haveHandlersPrefixedNamesAndNoNesting() {
    for (CommandSpec container : REGISTRY.all()) {
      Set<String> names = new HashSet<>();
      for (CommandSpec sub : container.subcommands()) {
        assertThat(sub.name()).startsWith(container.name() + "|");
        assertThat(sub.handler()).as("handler of %s", sub.name()).isNotNull();
        assertThat(sub.subcommands()).as("subcommands of %s", sub.name()).isEmpty();
        assertThat(Math.abs(sub.arity()))
            .as("%s's arity counts the container and the subcommand", sub.name())
            .isGreaterThanOrEqualTo(2);
        assertThat(names.add(sub.name())).as("%s registered twice", sub.name()).isTrue();
        assertThat(container.subcommand(sub.name().substring(container.name().length() + 1)))
            .isSameAs(sub);
      }
    }
  }

  @Test
  void names_areUniqueLowerCaseWords() {
    Set<String> names = new HashSet<>();
    for (CommandSpec spec : everySpec()) {
      assertThat(spec.name()).matches("[a-z][a-z0-9_-]*(\\|[a-z][a-z0-9_-]*)?");
      assertThat(names.add(spec.name())).as("%s registered twice", spec.name()).isTrue();
    }
  }

  @Test
  void arity_isNeverZero() {
    for (CommandSpec spec : everySpec()) {
      assertThat(spec.arity()).as("arity of %s", spec.name()).isNotZero();
    }
  }

  @Test
  void keyPositions_areAllZeroOrAValidRangeWithinArity() {
    for (CommandSpec spec : everySpec()) {
      if (spec.firstKey() == 0) {
        assertThat(List.of(spec.lastKey(), spec.keyStep()))
            .as("%s has no first key, so no last key or step", spec.name())
            .containsOnly(0);
        continue;
      }
      assertThat(spec.firstKey()).as("first key of %s", spec.name()).isPositive();
      assertThat(spec.keyStep()).as("key step of %s", spec.name()).isPositive();
      assertThat(spec.lastKey() < 0 || spec.lastKey() >= spec.firstKey())
          .as("%s's last key is before its first", spec.name())
          .isTrue();
      int leastArguments = Math.abs(spec.arity());
      assertThat(spec.firstKey())
          .as("%s's first key lies beyond its arguments", spec.name())
          .isLessThan(leastArguments);
      if (spec.arity() > 0 && spec.lastKey() > 0) {
        assertThat(spec.lastKey()).as("last key of %s", spec.name()).isLessThan(spec.arity());
      }
    }
  }

  @Test
  void flags_writeCommandsNameTheirKeysAndAreNotReadonly() {
    for (CommandSpec spec : everySpec()) {
      assertThat(spec.has(CommandFlag.WRITE) && spec.has(CommandFlag.READONLY))
          .as("%s is both write and readonly", spec.name())
          .isFalse();
      if (spec.has(CommandFlag.WRITE) && !KEYLESS_WRITES.contains(spec.name())) {
        assertThat(spec.firstKey()).as("%s writes but declares no keys", spec.name()).isPositive();
      }
      if (spec.has(CommandFlag.DENYOOM)) {
        assertThat(spec.has(CommandFlag.WRITE))
            .as("%s may use memory (denyoom) but is not a write", spec.name())
            .isTrue();
      }
    }
  }

  @Test
  void docs_everySpecHasSummarySinceAndGroup() {
    for (CommandSpec spec : everySpec()) {
      assertThat(spec.summary()).as("summary of %s", spec.name()).isNotBlank();
      assertThat(spec.since()).as("since of %s", spec.name()).matches("\\d+\\.\\d+\\.\\d+");
      assertThat(spec.group()).as("group of %s", spec.name()).isNotBlank();
    }
  }

  /**
   * The "every handler has a test" invariant: each command and subcommand with a handler runs in
   * some {@code differential/*.redis} script, unless listed in {@link #NOT_DIFFERENTIAL}.
   */
  @Test
  void everyHandler_isExercisedByADifferentialScript() {
    Set<String> covered = commandsInScripts();
    Set<String> missing = new TreeSet<>();
    for (CommandSpec spec : everySpec()) {
      if (spec.handler() != null && !covered.contains(spec.name())) {
        missing.add(spec.name());
      }
    }
    missing.removeAll(NOT_DIFFERENTIAL.keySet());

    assertThat(missing).as("commands no differential script runs").isEmpty();
  }

  @Test
  void notDifferentialList_namesOnlyRegisteredUncoveredCommands() {
    Set<String> registered = new HashSet<>();
    everySpec().forEach(spec -> registered.add(spec.name()));
    Set<String> covered = commandsInScripts();
    for (String name : NOT_DIFFERENTIAL.keySet()) {
      assertThat(registered).as("allow-listed %s is not a command", name).contains(name);
      assertThat(covered)
          .as("allow-listed %s is covered by a script now", name)
          .doesNotContain(name);
    }
  }

  /** Every top-level spec and every subcommand. */
  private static List<CommandSpec> everySpec() {
    List<CommandSpec> specs = new ArrayList<>();
    for (CommandSpec spec : REGISTRY.all()) {
      specs.add(spec);
      specs.addAll(spec.subcommands());
    }
    return specs;
  }

  /**
   * The commands the scripts run, as registry names: {@code get}, or {@code config|get} for a
   * container followed by a subcommand. A minimal reading of the script format: directives are
   * skipped, and {@code !raw}, {@code !sleep}, {@code !resp2}/{@code !resp3} lines run no named
   * command.
   */
  private static Set<String> commandsInScripts() {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(scriptDirectory())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".redis")).toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          List<String> words = commandWords(line.strip());
          if (words.isEmpty()) {
            continue;
          }
          String name = words.get(0).toLowerCase(Locale.ROOT);
          CommandSpec spec = REGISTRY.lookup(name);
          if (spec != null && !spec.subcommands().isEmpty() && words.size() > 1) {
            CommandSpec sub = spec.subcommand(words.get(1));
            names.add(sub != null ? sub.name() : name);
          } else {
            names.add(name);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** The command's words of a script line (unquoted), or none for comments and other steps. */
  private static List<String> commandWords(String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (String word : line.split("\\s+")) {
      if (words.isEmpty() && word.startsWith("!")) {
        if (!Set.of("!type", "!unordered", "!noauth").contains(word)) {
          return List.of();
        }
        continue;
      }
      words.add(word.replaceAll("^[\"']|[\"']$", ""));
      if (words.size() == 2) {
        break;
      }
    }
    return words;
  }

  private static Path scriptDirectory() {
    URL url = CommandRegistryTest.class.getClassLoader().getResource("differential");
    assertThat(url).as("test resources directory differential/").isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
