package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.LarderServer;
import org.junit.jupiter.api.Test;

/** Categories as redis-server 7.0 reports them in COMMAND INFO. */
class AclCategoriesTest {
  private static final CommandRegistry REGISTRY = LarderServer.commandRegistry();

  @Test
  void of_flagsAndGroup_deriveRedisImplicitCategoriesInRedisOrder() {
    assertThat(AclCategories.of(REGISTRY.lookup("get")))
        .containsExactly("@read", "@string", "@fast");
    assertThat(AclCategories.of(REGISTRY.lookup("config").subcommand("get")))
        .containsExactly("@admin", "@slow", "@dangerous");
  }

  @Test
  void of_containerWithoutHandler_hasOnlyImplicitCategories() {
    assertThat(AclCategories.of(REGISTRY.lookup("client"))).containsExactly("@slow");
    assertThat(AclCategories.of(REGISTRY.lookup("client").subcommand("id")))
        .containsExactly("@slow", "@connection");
  }

  @Test
  void of_commandsRedisCategorizesByHand_includeThoseCategories() {
    assertThat(AclCategories.of(REGISTRY.lookup("flushall")))
        .containsExactly("@keyspace", "@write", "@slow", "@dangerous");
    assertThat(AclCategories.of(REGISTRY.lookup("dbsize")))
        .containsExactly("@keyspace", "@read", "@fast");
    assertThat(AclCategories.of(REGISTRY.lookup("command").subcommand("count")))
        .containsExactly("@slow", "@connection");
  }

  @Test
  void contains_categoryNameWithoutAtInAnyCase_matches() {
    assertThat(AclCategories.contains(REGISTRY.lookup("set"), "WRITE")).isTrue();
    assertThat(AclCategories.contains(REGISTRY.lookup("set"), "read")).isFalse();
    assertThat(AclCategories.contains(REGISTRY.lookup("set"), "nosuch")).isFalse();
  }
}
