package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.LarderServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** COMMAND and its subcommands, answered from the registered specs. */
class IntrospectionCommandsIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  @Test
  void count_isNumberOfRegisteredCommands() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("COMMAND", "COUNT"))
          .isEqualTo((long) LarderServer.commandRegistry().all().size());
    }
  }

  @Test
  void info_keylessCommand_matchesRedisExactly() {
    try (RespClient client = server.connectAuthenticated()) {
      // What redis-server 7.0 answers for COMMAND INFO select.
      assertThat(client.callRaw("COMMAND", "INFO", "select"))
          .isEqualTo(
              "*1\r\n*10\r\n$6\r\nselect\r\n:2\r\n*3\r\n+loading\r\n+stale\r\n+fast\r\n"
                  + ":0\r\n:0\r\n:0\r\n*2\r\n+@fast\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n");
    }
  }

  @Test
  void info_keyedCommands_giveRedisNameArityFlagsKeysAndCategories() {
    try (RespClient client = server.connectAuthenticated()) {
      List<Object> reply = list(client.call("COMMAND", "INFO", "GET", "set"));

      assertThat(list(reply.get(0)))
          .containsExactly(
              "get",
              2L,
              List.of("readonly", "fast"),
              1L,
              1L,
              1L,
              List.of("@read", "@string", "@fast"),
              List.of(),
              List.of(),
              List.of());
      assertThat((list(reply.get(1))).subList(0, 7))
          .containsExactly(
              "set",
              -3L,
              List.of("write", "denyoom"),
              1L,
              1L,
              1L,
              List.of("@write", "@string", "@slow"));
    }
  }

  @Test
  void info_container_nestsSubcommandInfos() {
    try (RespClient client = server.connectAuthenticated()) {
      List<Object> config = list(list(client.call("COMMAND", "INFO", "config")).get(0));

      assertThat(config.subList(0, 7))
          .containsExactly("config", -2L, List.of(), 0L, 0L, 0L, List.of("@slow"));
      List<Object> subcommands = list(config.get(9));
      assertThat(subcommands).extracting(sub -> list(sub).get(0)).contains("config|get");
      assertThat(list(list(client.call("COMMAND", "INFO", "config|get")).get(0)))
          .startsWith(
              "config|get", -3L, List.of("admin", "noscript", "loading", "stale"), 0L, 0L, 0L);
    }
  }

  @Test
  void info_unknownCommand_isNullInItsPlace() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("COMMAND", "INFO", "nosuch")).isEqualTo("*1\r\n$-1\r\n");
      client.call("HELLO", "3");
      assertThat(client.callRaw("COMMAND", "INFO", "nosuch")).isEqualTo("*1\r\n_\r\n");
    }
  }

  @Test
  void info_resp3_usesSetsLikeRedis() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HELLO", "3");

      assertThat(client.callRaw("COMMAND", "INFO", "select"))
          .isEqualTo(
              "*1\r\n*10\r\n$6\r\nselect\r\n:2\r\n~3\r\n+loading\r\n+stale\r\n+fast\r\n"
                  + ":0\r\n:0\r\n:0\r\n~2\r\n+@fast\r\n+@connection\r\n~0\r\n~0\r\n~0\r\n");
    }
  }

  @Test
  void info_noNames_describesEveryCommand() {
    try (RespClient client = server.connectAuthenticated()) {
      List<Object> all = list(client.call("COMMAND", "INFO"));

      assertThat(all).hasSize(LarderServer.commandRegistry().all().size());
      assertThat(all).extracting(info -> (list(info)).get(0)).contains("get", "command");
    }
  }

  @Test
  void bareCommand_describesEveryCommand() {
    try (RespClient client = server.connectAuthenticated()) {
      Object reply = client.call("COMMAND");

      assertThat(reply).isInstanceOf(List.class);
      assertThat(list(reply)).hasSize(LarderServer.commandRegistry().all().size());
    }
  }

  @Test
  void docs_givesSummarySinceGroupAndSkipsUnknown() {
    try (RespClient client = server.connectAuthenticated()) {
      List<Object> docs = list(client.call("COMMAND", "DOCS", "get", "nosuch"));

      assertThat(docs).hasSize(2);
      assertThat(docs.get(0)).isEqualTo("get");
      assertThat(list(docs.get(1)))
          .containsSubsequence("since", "1.0.0")
          .containsSubsequence("group", "string")
          .contains("summary");
      assertThat(client.callRaw("COMMAND", "DOCS", "nosuch")).isEqualTo("*0\r\n");
    }
  }

  @Test
  void docs_container_nestsSubcommandDocsAsMapInResp3() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HELLO", "3");

      String raw = client.callRaw("COMMAND", "DOCS", "client");

      assertThat(raw).startsWith("%1\r\n$6\r\nclient\r\n%4\r\n");
      assertThat(raw).contains("$11\r\nsubcommands\r\n%", "$14\r\nclient|setname\r\n%3\r\n");
    }
  }

  @Test
  void list_filters_byPatternCategoryAndModule() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(list(client.call("COMMAND", "LIST")))
          .contains("get", "config", "config|get", "client|kill");
      assertThat(list(client.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "CONF*")))
          .containsExactly("config", "config|get", "config|set", "config|resetstat", "config|help");
      assertThat(list(client.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "connection")))
          .contains("client|id", "select")
          .doesNotContain("get", "client");
      assertThat(client.callRaw("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"))
          .isEqualTo("*0\r\n");
      assertThat(client.callRaw("COMMAND", "LIST", "FILTERBY", "MODULE", "x")).isEqualTo("*0\r\n");
    }
  }

  @Test
  void list_badFilter_answersSyntaxError() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("COMMAND", "LIST", "FILTERBY")).isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("COMMAND", "LIST", "FILTERBY", "COLOR", "red"))
          .isEqualTo("-ERR syntax error\r\n");
    }
  }

  @Test
  void helpAndErrors_followRedis() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(list(client.call("COMMAND", "HELP")))
          .startsWith("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
          .contains("COUNT", "INFO [<command-name> ...]", "DOCS [<command-name> ...]");
      assertThat(client.callRaw("COMMAND", "FOO"))
          .isEqualTo("-ERR unknown subcommand 'FOO'. Try COMMAND HELP.\r\n");
      assertThat(client.callRaw("COMMAND", "COUNT", "x"))
          .isEqualTo("-ERR wrong number of arguments for 'command|count' command\r\n");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object reply) {
    return (List<Object>) reply;
  }
}
