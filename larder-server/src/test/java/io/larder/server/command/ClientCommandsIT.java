package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CLIENT subcommands, and that LIST and KILL never reach another cache's connections. */
class ClientCommandsIT {
  private static final String LINE =
      "id=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ fd=-1 name=\\S* age=\\d+"
          + " idle=\\d+ flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0"
          + " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=\\S+ user=\\S+"
          + " redir=-1 resp=[23] lib-name=\\S* lib-ver=\\S*\n";

  @RegisterExtension static final TwoCacheServer server = TwoCacheServer.perClass();

  @Test
  void list_subscribedClient_isPubsubTypeWithItsCounts() {
    try (RespClient subscriber = server.connectDefault();
        RespClient client = server.connectDefault()) {
      subscriber.call("SUBSCRIBE", "news", "sport");
      subscriber.read(); // one confirmation per channel
      subscriber.call("PSUBSCRIBE", "weather.*");

      String pubsub = (String) client.call("CLIENT", "LIST", "TYPE", "pubsub");
      assertThat(pubsub).contains(" flags=P ").contains(" sub=2 psub=1 ");
      assertThat((String) client.call("CLIENT", "LIST", "TYPE", "normal"))
          .doesNotContain("flags=P");

      assertThat(client.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(1L);
      assertThat(subscriber.isClosedByServer(5000)).isTrue();
      assertThat(client.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void id_isTheIdHelloReports() {
    try (RespClient client = server.connectDefault()) {
      List<Object> hello = list(client.call("HELLO", "2"));
      Object helloId = hello.get(hello.indexOf("id") + 1);

      assertThat(client.call("CLIENT", "ID")).isEqualTo(helloId);
    }
  }

  @Test
  void setname_thenGetname_returnsName() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
      assertThat(client.callRaw("CLIENT", "SETNAME", "web-1")).isEqualTo("+OK\r\n");
      assertThat(client.callRaw("CLIENT", "GETNAME")).isEqualTo("$5\r\nweb-1\r\n");
      assertThat(client.callRaw("CLIENT", "SETNAME", "")).isEqualTo("+OK\r\n");
      assertThat(client.callRaw("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
    }
  }

  @Test
  void setname_withSpace_answersRedisErrorAndKeepsName() {
    try (RespClient client = server.connectDefault()) {
      client.call("CLIENT", "SETNAME", "kept");

      assertThat(client.callRaw("CLIENT", "SETNAME", "a b"))
          .isEqualTo(
              "-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
      assertThat(client.call("CLIENT", "GETNAME")).isEqualTo("kept");
    }
  }

  @Test
  void info_describesTheCallerInRedis72Format() {
    try (RespClient client = server.connectDefault()) {
      client.call("CLIENT", "SETNAME", "me");
      long id = (Long) client.call("CLIENT", "ID");

      String info = (String) client.call("CLIENT", "INFO");

      assertThat(info)
          .matches(LINE)
          .startsWith("id=" + id + " ")
          .contains(" name=me ", " cmd=client|info ", " user=default ", " resp=2 ");
    }
  }

  @Test
  void info_resp3_isVerbatimText() {
    try (RespClient client = server.connectDefault()) {
      client.call("HELLO", "3");

      assertThat(client.callRaw("CLIENT", "INFO")).startsWith("=").contains("\r\ntxt:id=");
    }
  }

  @Test
  void setinfo_libraryNameAndVersion_showInClientInfo() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "SETINFO", "lib-name", "lettuce")).isEqualTo("+OK\r\n");
      assertThat(client.callRaw("CLIENT", "SETINFO", "LIB-VER", "6.3.2")).isEqualTo("+OK\r\n");

      assertThat(client.call("CLIENT", "INFO"))
          .asString()
          .endsWith(" lib-name=lettuce lib-ver=6.3.2\n");
    }
  }

  @Test
  void setinfo_badAttributeOrValue_answersRedisErrors() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "SETINFO", "lib-color", "red"))
          .isEqualTo("-ERR Unrecognized option 'lib-color'\r\n");
      assertThat(client.callRaw("CLIENT", "SETINFO", "LIB-NAME", "my lib"))
          .isEqualTo("-ERR LIB-NAME cannot contain spaces, newlines or special characters.\r\n");
      assertThat(client.callRaw("CLIENT", "SETINFO", "lib-name"))
          .isEqualTo("-ERR wrong number of arguments for 'client|setinfo' command\r\n");
    }
  }

  @Test
  void list_showsOnlyConnectionsOfCallersCache() {
    try (RespClient caller = server.connectDefault();
        RespClient sibling = server.connectDefault();
        RespClient stranger = server.connectOther()) {
      long callerId = (Long) caller.call("CLIENT", "ID");
      long siblingId = (Long) sibling.call("CLIENT", "ID");
      long strangerId = (Long) stranger.call("CLIENT", "ID");

      List<String> lines = ((String) caller.call("CLIENT", "LIST")).lines().toList();

      assertThat(lines).allSatisfy(line -> assertThat(line + "\n").matches(LINE));
      assertThat(lines).allSatisfy(line -> assertThat(line).contains(" user=default "));
      assertThat(lines)
          .anyMatch(line -> line.startsWith("id=" + callerId + " "))
          .anyMatch(line -> line.startsWith("id=" + siblingId + " "))
          .noneMatch(line -> line.startsWith("id=" + strangerId + " "));
      assertThat((String) stranger.call("CLIENT", "LIST"))
          .startsWith("id=" + strangerId + " ")
          .contains(" user=other ")
          .doesNotContain("user=default");
    }
  }

  @Test
  void list_byIds_listsGivenIdsOfOwnCacheInOrder() {
    try (RespClient caller = server.connectDefault();
        RespClient sibling = server.connectDefault();
        RespClient stranger = server.connectOther()) {
      long callerId = (Long) caller.call("CLIENT", "ID");
      long siblingId = (Long) sibling.call("CLIENT", "ID");
      long strangerId = (Long) stranger.call("CLIENT", "ID");

      String listed =
          (String) caller.call("CLIENT", "LIST", "ID", siblingId, strangerId, callerId, 99999);

      assertThat(listed.lines().map(line -> line.substring(0, line.indexOf(' '))))
          .containsExactly("id=" + siblingId, "id=" + callerId);
    }
  }

  @Test
  void list_byType_normalListsAllOtherTypesNone() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.call("CLIENT", "LIST", "TYPE", "normal")).asString().contains("id=");
      assertThat(client.callRaw("CLIENT", "LIST", "TYPE", "replica")).isEqualTo("$0\r\n\r\n");
      assertThat(client.callRaw("CLIENT", "LIST", "TYPE", "master")).isEqualTo("$0\r\n\r\n");
    }
  }

  @Test
  void list_badOptions_answerRedisErrors() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "LIST", "TYPE", "foo"))
          .isEqualTo("-ERR Unknown client type 'foo'\r\n");
      assertThat(client.callRaw("CLIENT", "LIST", "ID", "1", "x"))
          .isEqualTo("-ERR Invalid client ID\r\n");
      assertThat(client.callRaw("CLIENT", "LIST", "ID")).isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("CLIENT", "LIST", "TYPE", "normal", "x"))
          .isEqualTo("-ERR syntax error\r\n");
    }
  }

  @Test
  void kill_byIdOfOwnCache_closesThatConnection() {
    try (RespClient caller = server.connectDefault();
        RespClient victim = server.connectDefault()) {
      long victimId = (Long) victim.call("CLIENT", "ID");

      assertThat(caller.callRaw("CLIENT", "KILL", "ID", victimId)).isEqualTo(":1\r\n");

      assertThat(victim.isClosedByServer(2000)).isTrue();
      assertThat(caller.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void kill_connectionOfOtherCache_killsNothing() {
    try (RespClient caller = server.connectDefault();
        RespClient stranger = server.connectOther()) {
      long strangerId = (Long) stranger.call("CLIENT", "ID");
      String strangerAddress = address(stranger);

      assertThat(caller.callRaw("CLIENT", "KILL", "ID", strangerId)).isEqualTo(":0\r\n");
      assertThat(caller.callRaw("CLIENT", "KILL", "ADDR", strangerAddress)).isEqualTo(":0\r\n");
      assertThat(caller.callRaw("CLIENT", "KILL", strangerAddress))
          .isEqualTo("-ERR No such client\r\n");
      assertThat(caller.callRaw("CLIENT", "KILL", "USER", TwoCacheServer.OTHER))
          .isEqualTo("-ERR No such user 'other'\r\n");

      assertThat(stranger.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void kill_byAddressOldForm_repliesOkAndCloses() {
    try (RespClient caller = server.connectDefault();
        RespClient victim = server.connectDefault()) {
      assertThat(caller.callRaw("CLIENT", "KILL", address(victim))).isEqualTo("+OK\r\n");

      assertThat(victim.isClosedByServer(2000)).isTrue();
    }
  }

  @Test
  void kill_byUserSkippingMe_closesSiblingsButNotCaller() {
    try (RespClient caller = server.connectDefault();
        RespClient sibling = server.connectDefault();
        RespClient stranger = server.connectOther()) {
      sibling.call("PING");

      Object killed = caller.call("CLIENT", "KILL", "USER", "default", "SKIPME", "yes");

      assertThat((Long) killed).isGreaterThanOrEqualTo(1L);
      assertThat(sibling.isClosedByServer(2000)).isTrue();
      assertThat(caller.call("PING")).isEqualTo("PONG");
      assertThat(stranger.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void kill_selfWithSkipmeNo_repliesThenCloses() {
    try (RespClient client = server.connectDefault()) {
      long id = (Long) client.call("CLIENT", "ID");

      assertThat(client.callRaw("CLIENT", "KILL", "ID", id, "SKIPME", "no")).isEqualTo(":1\r\n");

      assertThat(client.isClosedByServer(2000)).isTrue();
    }
  }

  @Test
  void kill_badFilters_answerRedisErrors() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "KILL", "ID", "0"))
          .isEqualTo("-ERR client-id should be greater than 0\r\n");
      assertThat(client.callRaw("CLIENT", "KILL", "ID", "x"))
          .isEqualTo("-ERR client-id should be greater than 0\r\n");
      assertThat(client.callRaw("CLIENT", "KILL", "TYPE", "foo"))
          .isEqualTo("-ERR Unknown client type 'foo'\r\n");
      assertThat(client.callRaw("CLIENT", "KILL", "SKIPME", "maybe"))
          .isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("CLIENT", "KILL", "ID", "1", "ID"))
          .isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("CLIENT", "KILL", "foo", "bar")).isEqualTo("-ERR syntax error\r\n");
      assertThat(client.callRaw("CLIENT", "KILL"))
          .isEqualTo("-ERR wrong number of arguments for 'client|kill' command\r\n");
    }
  }

  @Test
  void help_listsSupportedSubcommandsInRedisLayout() {
    try (RespClient client = server.connectDefault()) {
      List<Object> help = list(client.call("CLIENT", "HELP"));

      assertThat(help.get(0))
          .isEqualTo("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
      assertThat(help)
          .contains("GETNAME", "ID", "INFO", "SETNAME <name>", "LIST [options ...]", "HELP")
          .endsWith("HELP", "    Prints this help.");
    }
  }

  @Test
  void unknownSubcommand_answersRedisError() {
    try (RespClient client = server.connectDefault()) {
      assertThat(client.callRaw("CLIENT", "FOO"))
          .isEqualTo("-ERR unknown subcommand 'FOO'. Try CLIENT HELP.\r\n");
    }
  }

  /** The client's own address as the server sees it (the addr field of CLIENT INFO). */
  private static String address(RespClient client) {
    String info = (String) client.call("CLIENT", "INFO");
    int start = info.indexOf(" addr=") + " addr=".length();
    return info.substring(start, info.indexOf(' ', start));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object reply) {
    return (List<Object>) reply;
  }
}
