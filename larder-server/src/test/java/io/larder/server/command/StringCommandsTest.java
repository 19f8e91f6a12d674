package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The string commands' specs equal what redis-server 7.0.15 reports in COMMAND INFO. */
class StringCommandsTest {
  private static final CommandRegistry REGISTRY =
      new CommandRegistry().register(new StringCommands());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "get         |  2 | readonly fast         | 1 |  1 | 1",
        "set         | -3 | write denyoom        | 1 |  1 | 1",
        "setnx       |  3 | write denyoom fast   | 1 |  1 | 1",
        "setex       |  4 | write denyoom        | 1 |  1 | 1",
        "psetex      |  4 | write denyoom        | 1 |  1 | 1",
        "getset      |  3 | write denyoom fast   | 1 |  1 | 1",
        "getdel      |  2 | write fast           | 1 |  1 | 1",
        "getex       | -2 | write fast           | 1 |  1 | 1",
        "mget        | -2 | readonly fast        | 1 | -1 | 1",
        "mset        | -3 | write denyoom        | 1 | -1 | 2",
        "msetnx      | -3 | write denyoom        | 1 | -1 | 2",
        "incr        |  2 | write denyoom fast   | 1 |  1 | 1",
        "decr        |  2 | write denyoom fast   | 1 |  1 | 1",
        "incrby      |  3 | write denyoom fast   | 1 |  1 | 1",
        "decrby      |  3 | write denyoom fast   | 1 |  1 | 1",
        "incrbyfloat |  3 | write denyoom fast   | 1 |  1 | 1",
        "append      |  3 | write denyoom fast   | 1 |  1 | 1",
        "strlen      |  2 | readonly fast        | 1 |  1 | 1",
        "getrange    |  4 | readonly             | 1 |  1 | 1",
        "setrange    |  4 | write denyoom        | 1 |  1 | 1",
      })
  void register_eachCommand_matchesRedisCommandInfo(
      String name, int arity, String flags, int firstKey, int lastKey, int keyStep) {
    CommandSpec spec = REGISTRY.lookup(name);
    assertThat(spec).as(name).isNotNull();
    assertThat(spec.arity()).isEqualTo(arity);
    assertThat(spec.flags().stream().map(CommandFlag::redisName).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(flags.split(" ")));
    assertThat(new int[] {spec.firstKey(), spec.lastKey(), spec.keyStep()})
        .containsExactly(firstKey, lastKey, keyStep);
    assertThat(spec.group()).isEqualTo("string");
    assertThat(spec.summary()).isNotBlank();
  }

  @Test
  void register_family_registersExactlyTheTwentyStringCommands() {
    assertThat(REGISTRY.all()).hasSize(20);
  }
}
