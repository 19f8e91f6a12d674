package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashCommandsTest {
  private static final CommandRegistry REGISTRY =
      new CommandRegistry().register(new HashCommands());

  /** Name, arity, flags and key positions as redis-server 7.0 answers COMMAND INFO. */
  @ParameterizedTest
  @CsvSource({
    "hset,         -4, write denyoom fast",
    "hsetnx,        4, write denyoom fast",
    "hmset,        -4, write denyoom fast",
    "hget,          3, readonly fast",
    "hmget,        -3, readonly fast",
    "hgetall,       2, readonly",
    "hdel,         -3, write fast",
    "hexists,       3, readonly fast",
    "hlen,          2, readonly fast",
    "hkeys,         2, readonly",
    "hvals,         2, readonly",
    "hincrby,       4, write denyoom fast",
    "hincrbyfloat,  4, write denyoom fast",
    "hstrlen,       3, readonly fast",
    "hscan,        -3, readonly",
    "hrandfield,   -2, readonly",
  })
  void register_eachHashCommand_matchesRedisCommandInfo(String name, int arity, String flags) {
    CommandSpec spec = REGISTRY.lookup(name);

    assertThat(spec).isNotNull();
    assertThat(spec.arity()).isEqualTo(arity);
    assertThat(spec.flags().stream().map(CommandFlag::redisName).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(Arrays.asList(flags.split(" "))));
    assertThat(new int[] {spec.firstKey(), spec.lastKey(), spec.keyStep()})
        .containsExactly(1, 1, 1);
    assertThat(spec.group()).isEqualTo("hash");
    assertThat(spec.summary()).isNotBlank();
  }

  @Test
  void register_hashFamily_registersTheSixteenRedis70HashCommands() {
    assertThat(REGISTRY.all()).hasSize(16);
  }
}
