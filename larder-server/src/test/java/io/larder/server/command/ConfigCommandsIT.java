package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONFIG GET, SET, RESETSTAT and HELP. */
class ConfigCommandsIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  @Test
  void get_documentedSubset_answersServerValues() {
    try (RespClient client = server.connectAuthenticated()) {
      Object reply =
          client.call(
              "CONFIG",
              "GET",
              "maxmemory",
              "maxmemory-policy",
              "appendonly",
              "appendfsync",
              "save",
              "databases",
              "timeout",
              "maxclients",
              "proto-max-bulk-len",
              "port",
              "bind");

      assertThat(reply)
          .isEqualTo(
              List.of(
                  "maxmemory", "268435456",
                  "maxmemory-policy", "noeviction",
                  "appendonly", "yes",
                  "appendfsync", "everysec",
                  "save", "",
                  "databases", "1",
                  "timeout", "0",
                  "maxclients", "10000",
                  "proto-max-bulk-len", "536870912",
                  "port", Integer.toString(server.port()),
                  "bind", "127.0.0.1"));
    }
  }

  @Test
  void get_pattern_matchesNamesIgnoringCaseOnce() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("CONFIG", "GET", "MAXMEM*", "maxmemory"))
          .isEqualTo(List.of("maxmemory", "268435456", "maxmemory-policy", "noeviction"));
      assertThat(client.call("CONFIG", "GET", "append*c"))
          .isEqualTo(List.of("appendfsync", "everysec"));
    }
  }

  @Test
  void get_exactNameInOtherCase_isEchoedAsGiven() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "GET", "MAXMEMORY", "maxmemory"))
          .isEqualTo("*2\r\n$9\r\nMAXMEMORY\r\n$9\r\n268435456\r\n");
    }
  }

  @Test
  void get_pathsAndUnknownNames_matchNothing() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "GET", "dir")).isEqualTo("*0\r\n");
      assertThat(client.callRaw("CONFIG", "GET", "nosuch")).isEqualTo("*0\r\n");
      assertThat(list(client.call("CONFIG", "GET", "*")))
          .doesNotContain("dir", "data-dir", server.dataDir().toString());
    }
  }

  @Test
  void get_resp3_answersMap() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("HELLO", "3");

      assertThat(client.callRaw("CONFIG", "GET", "databases"))
          .isEqualTo("%1\r\n$9\r\ndatabases\r\n$1\r\n1\r\n");
    }
  }

  @Test
  void get_withoutPattern_answersSubcommandArityError() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "GET"))
          .isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
      assertThat(client.callRaw("CONFIG"))
          .isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
    }
  }

  @Test
  void set_currentValue_succeeds() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "SET", "appendfsync", "EVERYSEC", "save", ""))
          .isEqualTo("+OK\r\n");
    }
  }

  @Test
  void set_otherValue_isRefusedAsProtectedAndChangesNothing() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "SET", "maxmemory", "100mb"))
          .isEqualTo(
              "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - can't set"
                  + " protected config\r\n");
      assertThat(client.call("CONFIG", "GET", "maxmemory"))
          .isEqualTo(List.of("maxmemory", "268435456"));
    }
  }

  @Test
  void set_badArguments_answerRedisErrorsForFirstProblem() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.callRaw("CONFIG", "SET", "dir", "/tmp"))
          .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'dir'\r\n");
      assertThat(client.callRaw("CONFIG", "SET", "maxmemory", "268435456", "timeout"))
          .isEqualTo("-ERR syntax error\r\n");
      assertThat(
              client.callRaw("CONFIG", "SET", "maxmemory", "268435456", "maxmemory", "268435456"))
          .isEqualTo(
              "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate"
                  + " parameter\r\n");
      assertThat(client.callRaw("CONFIG", "SET", "maxmemory"))
          .isEqualTo("-ERR wrong number of arguments for 'config|set' command\r\n");
    }
  }

  @Test
  void resetstat_clearsHitsAndMissesOfTheCache() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      client.call("GET", "k");
      client.call("GET", "missing");

      assertThat(client.callRaw("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");

      assertThat(client.call("INFO", "stats"))
          .asString()
          .contains("keyspace_hits:0\r\n", "keyspace_misses:0\r\n");
    }
  }

  @Test
  void help_listsSubcommands() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(list(client.call("CONFIG", "HELP")))
          .startsWith("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
          .contains("GET <pattern>", "SET <directive> <value>", "RESETSTAT", "HELP");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object reply) {
    return (List<Object>) reply;
  }
}
