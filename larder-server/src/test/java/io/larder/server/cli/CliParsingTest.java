package io.larder.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code larder cache} command line: what parses, what is refused, and help. */
class CliParsingTest {
  @Test
  void parse_optionsBeforeAndAfterOperands_areAllTaken() {
    CliArguments args =
        parse("cache", "--json", "create", "shop", "--memory", "1gb", "--no-persistence");

    assertThat(args.command()).isEqualTo(CacheCommand.CREATE);
    assertThat(args.operand(0)).isEqualTo("shop");
    assertThat(args.value("memory")).hasValue("1gb");
    assertThat(args.has("json")).isTrue();
    assertThat(args.has("no-persistence")).isTrue();
    assertThat(args.value("eviction")).isEmpty();
  }

  @Test
  void parse_equalsForm_givesTheValue() {
    CliArguments args = parse("cache", "show", "shop", "--url=http://host:9000");

    assertThat(args.value("url")).hasValue("http://host:9000");
  }

  @Test
  void parse_repeatedOption_lastValueWins() {
    CliArguments args = parse("cache", "create", "shop", "--memory", "1mb", "--memory", "2mb");

    assertThat(args.value("memory")).hasValue("2mb");
  }

  @Test
  void parse_valueOptionFollowedByOption_reportsTheMissingValue() {
    assertThatThrownBy(() -> parse("cache", "create", "shop", "--memory", "--json"))
        .isInstanceOf(UsageException.class)
        .hasMessage("the option --memory needs a value");
  }

  @Test
  void parse_valueOptionLast_reportsTheMissingValue() {
    assertThatThrownBy(() -> parse("cache", "list", "--url"))
        .isInstanceOf(UsageException.class)
        .hasMessage("the option --url needs a value");
  }

  @Test
  void parse_switchWithValue_isRefused() {
    assertThatThrownBy(() -> parse("cache", "list", "--json=yes"))
        .isInstanceOf(UsageException.class)
        .hasMessage("the option --json takes no value");
  }

  @Test
  void parse_unknownOption_isNamed() {
    assertThatThrownBy(() -> parse("cache", "list", "--colour"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --colour");
  }

  @Test
  void parse_optionOfAnotherCommand_isRefused() {
    assertThatThrownBy(() -> parse("cache", "list", "--yes"))
        .isInstanceOf(UsageException.class)
        .hasMessage("the option --yes does not apply to 'cache list'");
  }

  @Test
  void parse_unknownCommand_listsTheCommands() {
    assertThatThrownBy(() -> parse("cache", "remove", "shop"))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "unknown command 'cache remove'; the commands are create, list, show, keys,"
                + " regenerate, delete");
  }

  @Test
  void parse_missingOperands_namesWhatIsNeeded() {
    assertThatThrownBy(() -> parse("cache", "regenerate", "shop"))
        .isInstanceOf(UsageException.class)
        .hasMessage("'cache regenerate' needs NAME and primary|secondary");
  }

  @Test
  void parse_extraOperand_isNamed() {
    assertThatThrownBy(() -> parse("cache", "show", "shop", "cart"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unexpected argument 'cart' for 'cache show'");
  }

  @Test
  void parse_regenerateNeitherPrimaryNorSecondary_isRefused() {
    assertThatThrownBy(() -> parse("cache", "regenerate", "shop", "Primary"))
        .isInstanceOf(UsageException.class)
        .hasMessage("which key to regenerate: primary or secondary, not 'Primary'");
  }

  @Test
  void parse_emptyName_isRefused() {
    assertThatThrownBy(() -> parse("cache", "delete", "", "--yes"))
        .isInstanceOf(UsageException.class)
        .hasMessage("the cache name is empty");
  }

  @Test
  void parse_helpAnywhere_isHelpEvenWhenTheRestIsIncomplete() {
    assertThat(parse("cache", "create", "--help").help()).isTrue();
    assertThat(parse("cache", "-h").help()).isTrue();
    assertThat(parse("cache", "help").help()).isTrue();
  }

  @Test
  void run_help_printsUsageToStdoutAndExitsZero() {
    CliRun run = CliRun.run(Map.of(), CliRun.NO_TERMINAL, "cache", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("Usage: larder cache COMMAND [options]");
    for (CacheCommand command : CacheCommand.values()) {
      assertThat(run.out()).contains("\n  " + command.word() + " ");
    }
    assertThat(run.err()).isEmpty();
  }

  @Test
  void run_noCommand_printsUsageToStderrAndExitsTwo() {
    CliRun run = CliRun.run(Map.of(), CliRun.NO_TERMINAL, "cache");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: larder cache COMMAND [options]");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void run_usageError_printsTheProblemAndWhereHelpIsAndExitsTwo() {
    CliRun run = CliRun.run(Map.of(), CliRun.NO_TERMINAL, "cache", "show");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("larder: 'cache show' needs NAME\nRun 'larder cache --help' for usage.\n");
  }

  private static CliArguments parse(String... args) {
    return CliArguments.parse(args);
  }
}
