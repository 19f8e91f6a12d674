package io.larder.server;

import static io.larder.server.IsolationContext.field;
import static io.larder.server.IsolationContext.infoField;
import static io.larder.server.IsolationContext.markerComesNext;
import static io.larder.server.IsolationRow.asList;
import static io.larder.server.IsolationRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import io.larder.server.testing.RespClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The isolation matrix's rows for the families about connections: client (CLIENT LIST, KILL, ID,
 * INFO, names) and connection (AUTH, HELLO, SELECT, and switching caches on one connection).
 */
final class IsolationClientRows {
  private static final RespClient.Error WRONGPASS =
      new RespClient.Error("WRONGPASS invalid username-password pair or user is disabled.");
  private static final String A_KEY = TwoCacheServer.DEFAULT_KEY;
  private static final String B_KEY = TwoCacheServer.OTHER_KEY;
  private static final String B = TwoCacheServer.OTHER;

  private IsolationClientRows() {}

  static List<IsolationRow> all() {
    List<IsolationRow> rows = new ArrayList<>();
    rows.addAll(client());
    rows.addAll(connection());
    return rows;
  }

  static List<IsolationRow> client() {
    String f = "client";
    return List.of(
        row(
            f,
            "CLIENT LIST in A lists A's connections only, never B's names or library",
            List.of("client|list", "client|setname", "client|setinfo", "client|getname"),
            caches -> {
              assertThat(caches.b.call("CLIENT", "SETNAME", "b-secret-name")).isEqualTo("OK");
              assertThat(caches.b.call("CLIENT", "SETINFO", "LIB-NAME", "b-secret-lib"))
                  .isEqualTo("OK");
              assertThat(caches.b.call("CLIENT", "GETNAME")).isEqualTo("b-secret-name");
              assertThat(caches.a.call("CLIENT", "GETNAME")).isNull();
              String listA = (String) caches.a.call("CLIENT", "LIST");
              String listB = (String) caches.b.call("CLIENT", "LIST");
              assertThat(idsOf(listA))
                  .containsExactlyInAnyOrder(caches.a.id(), observerId(caches.observerA()));
              assertThat(idsOf(listB))
                  .containsExactlyInAnyOrder(caches.b.id(), observerId(caches.observerB()));
              assertThat(listA)
                  .doesNotContain("b-secret")
                  .doesNotContain("user=" + B)
                  .doesNotContain(caches.b.address());
              assertThat(caches.a.call("CLIENT", "LIST", "ID", Long.toString(caches.b.id())))
                  .isEqualTo("");
              assertThat(idsOf((String) caches.a.call("CLIENT", "LIST", "TYPE", "normal")))
                  .isEqualTo(idsOf(listA));
            }),
        row(
            f,
            "CLIENT ID and CLIENT INFO describe the caller only, in its own cache",
            List.of("client|id", "client|info"),
            caches -> {
              long idA = (Long) caches.a.call("CLIENT", "ID");
              long idB = (Long) caches.b.call("CLIENT", "ID");
              assertThat(idA).isNotEqualTo(idB);
              String infoA = (String) caches.a.call("CLIENT", "INFO");
              String infoB = (String) caches.b.call("CLIENT", "INFO");
              assertThat(field(infoA, "id")).isEqualTo(Long.toString(idA));
              assertThat(field(infoA, "user")).isEqualTo("default");
              assertThat(field(infoB, "id")).isEqualTo(Long.toString(idB));
              assertThat(field(infoB, "user")).isEqualTo(B);
            }),
        killRow(
            "CLIENT KILL ID <B's id> in A kills nothing",
            (caches, victim) ->
                assertThat(caches.a.call("CLIENT", "KILL", "ID", Long.toString(victim.id())))
                    .isEqualTo(0L)),
        killRow(
            "CLIENT KILL ADDR <B's address> in A kills nothing",
            (caches, victim) ->
                assertThat(caches.a.call("CLIENT", "KILL", "ADDR", victim.address()))
                    .isEqualTo(0L)),
        killRow(
            "CLIENT KILL <B's address> (old form) in A finds no such client",
            (caches, victim) ->
                assertThat(caches.a.call("CLIENT", "KILL", victim.address()))
                    .isEqualTo(new RespClient.Error("ERR No such client"))),
        killRow(
            "CLIENT KILL LADDR <the server's address>, which every connection shares, in A kills"
                + " A's other connections only",
            (caches, victim) ->
                assertThat(
                        caches.a.call(
                            "CLIENT",
                            "KILL",
                            "LADDR",
                            IsolationContext.field(
                                (String) caches.observerB().call("CLIENT", "INFO"), "laddr")))
                    .isEqualTo(1L)), // A's observer
        killRow(
            "CLIENT KILL USER other in A finds no such user",
            (caches, victim) ->
                assertThat(caches.a.call("CLIENT", "KILL", "USER", B))
                    .isEqualTo(new RespClient.Error("ERR No such user '" + B + "'"))),
        killRow(
            "CLIENT KILL TYPE normal in A kills A's other connections only",
            (caches, victim) ->
                assertThat(caches.a.call("CLIENT", "KILL", "TYPE", "normal"))
                    .isEqualTo(1L)), // A's observer
        row(
            f,
            "CLIENT KILL TYPE pubsub in A leaves B's subscriber listening",
            List.of("client|kill"),
            caches -> {
              IsolationContext.Conn subscriberB = caches.subscriberB("news");
              assertThat(caches.a.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(0L);
              markerComesNext(caches.observerB(), subscriberB);
            }));
  }

  /** What a CLIENT KILL row does in A to B's connection victim. */
  private interface Kill {
    void run(IsolationContext caches, IsolationContext.Conn victim);
  }

  /** A CLIENT KILL row: after it, B's connection is open and still answers from B. */
  private static IsolationRow killRow(String description, Kill kill) {
    return row(
        "client",
        description + "; B's connection still works",
        List.of("client|kill"),
        caches -> {
          IsolationContext.Conn victim = caches.b;
          kill.run(caches, victim);
          assertThat(victim.isClosedByServer(200)).isFalse();
          assertThat(victim.call("GET", "s")).isEqualTo("bravo-b");
          assertThat(caches.observerB().call("PING")).isEqualTo("PONG");
        });
  }

  static List<IsolationRow> connection() {
    String f = "connection";
    return List.of(
        row(
            f,
            "AUTH with A's key does not open B, nor B's key A",
            List.of("auth"),
            caches -> {
              IsolationContext.Conn fresh = caches.connect();
              assertThat(fresh.call("AUTH", B, A_KEY)).isEqualTo(WRONGPASS);
              assertThat(fresh.call("AUTH", "default", B_KEY)).isEqualTo(WRONGPASS);
              assertThat(fresh.call("AUTH", B_KEY)).isEqualTo(WRONGPASS);
              assertThat(fresh.call("GET", "s"))
                  .isEqualTo(new RespClient.Error("NOAUTH Authentication required."));
            }),
        row(
            f,
            "AUTH B with A's key on a connection in A fails and leaves it in A",
            List.of("auth"),
            caches -> {
              assertThat(caches.a.call("AUTH", B, A_KEY)).isEqualTo(WRONGPASS);
              assertThat(caches.a.call("GET", "s")).isEqualTo("alpha");
              assertThat(caches.a.call("GET", "onlyB")).isNull();
            }),
        row(
            f,
            "AUTH to A then AUTH to B: the connection sees only B",
            List.of("auth", "get", "dbsize", "keys", "scan", "info", "client|info"),
            caches -> {
              IsolationContext.Conn conn = caches.a;
              assertThat(conn.call("GET", "s")).isEqualTo("alpha");
              assertThat(conn.call("AUTH", B, B_KEY)).isEqualTo("OK");
              assertThat(conn.call("GET", "s")).isEqualTo("bravo-b");
              assertThat(conn.call("GET", "onlyB")).isEqualTo("b-only");
              assertThat(conn.call("DBSIZE")).isEqualTo(6L);
              assertThat(asList(conn.call("KEYS", "*")))
                  .containsExactlyInAnyOrderElementsOf(IsolationContext.B_KEYS);
              assertThat(IsolationDataRows.scanAll(conn))
                  .containsExactlyInAnyOrderElementsOf(IsolationContext.B_KEYS);
              assertThat(infoField(conn.call("INFO", "keyspace"), "db0")).startsWith("keys=6,");
              assertThat(field((String) conn.call("CLIENT", "INFO"), "user")).isEqualTo(B);
              long id = conn.id();
              assertThat(idsOf((String) caches.observerA().call("CLIENT", "LIST")))
                  .doesNotContain(id);
              assertThat(idsOf((String) caches.observerB().call("CLIENT", "LIST"))).contains(id);
              assertThat(conn.call("SET", "s", "via-switched")).isEqualTo("OK");
              assertThat(caches.observerA().call("GET", "s")).isEqualTo("alpha");
            }),
        row(
            f,
            "AUTH to B in the middle of a SCAN of A: continuing the cursor returns only B's keys",
            List.of("auth", "scan"),
            caches -> {
              List<Object> first = asList(caches.a.call("SCAN", "0", "COUNT", "1"));
              assertThat(caches.a.call("AUTH", B, B_KEY)).isEqualTo("OK");
              String cursor = (String) first.get(0);
              List<String> rest = new ArrayList<>();
              while (!cursor.equals("0")) {
                List<Object> page = asList(caches.a.call("SCAN", cursor, "COUNT", "1"));
                cursor = (String) page.get(0);
                asList(page.get(1)).forEach(key -> rest.add((String) key));
              }
              assertThat(IsolationContext.B_KEYS).containsAll(rest);
              assertThat(caches.a.call("GET", "s")).isEqualTo("bravo-b");
            }),
        row(
            f,
            "HELLO AUTH: A's key does not open B; B's key moves a connection from A to B",
            List.of("hello"),
            caches -> {
              assertThat(caches.connect().call("HELLO", "3", "AUTH", B, A_KEY))
                  .isEqualTo(WRONGPASS);
              assertThat(caches.a.call("HELLO", "2", "AUTH", B, A_KEY)).isEqualTo(WRONGPASS);
              assertThat(caches.a.call("GET", "s")).isEqualTo("alpha");
              assertThat(asList(caches.a.call("HELLO", "3", "AUTH", B, B_KEY))).contains("proto");
              assertThat(caches.a.call("GET", "s")).isEqualTo("bravo-b");
              assertThat(caches.a.call("DBSIZE")).isEqualTo(6L);
            }),
        row(
            f,
            "SELECT reaches no other database: only 0 exists, and it is the caller's cache",
            List.of("select"),
            caches -> {
              for (String db : List.of("1", "15", "-1")) {
                assertThat(caches.a.call("SELECT", db))
                    .isEqualTo(new RespClient.Error("ERR DB index is out of range"));
              }
              assertThat(caches.a.call("SELECT", "0")).isEqualTo("OK");
              assertThat(caches.a.call("GET", "s")).isEqualTo("alpha");
            }));
  }

  private static long observerId(RespClient observer) {
    return (Long) observer.call("CLIENT", "ID");
  }

  /** The ids of the lines of a CLIENT LIST reply. */
  static List<Long> idsOf(String clientList) {
    return Arrays.stream(clientList.split("\n"))
        .filter(line -> !line.isBlank())
        .map(line -> Long.parseLong(field(line, "id")))
        .toList();
  }
}
