package io.larder.server.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The subcommands of {@code larder cache}: their operands, and the options only they take. */
enum CacheCommand {
  CREATE(
      List.of("NAME"), Set.of("memory", "eviction", "default-ttl", "no-persistence", "show-keys")),
  LIST(List.of(), Set.of()),
  SHOW(List.of("NAME"), Set.of("show-keys")),
  KEYS(List.of("NAME"), Set.of()),
  REGENERATE(List.of("NAME", "primary|secondary"), Set.of()),
  DELETE(List.of("NAME"), Set.of("yes"));

  private final List<String> operands;
  private final Set<String> ownOptions;

  CacheCommand(List<String> operands, Set<String> ownOptions) {
    this.operands = operands;
    this.ownOptions = ownOptions;
  }

  /** The word on the command line, e.g. {@code create}. */
  String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operands it needs, as the usage names them. */
  List<String> operands() {
    return operands;
  }

  /** Whether it takes this command-specific option (options every command takes are not here). */
  boolean takes(String option) {
    return ownOptions.contains(option);
  }

  static CacheCommand named(String word) {
    return Arrays.stream(values())
        .filter(command -> command.word().equals(word))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "unknown command 'cache "
                        + word
                        + "'; the commands are "
                        + Arrays.stream(values())
                            .map(CacheCommand::word)
                            .collect(Collectors.joining(", "))));
  }
}
