package io.larder.server;

import static io.larder.server.IsolationRow.anyOrder;
import static io.larder.server.IsolationRow.array;
import static io.larder.server.IsolationRow.asList;
import static io.larder.server.IsolationRow.between;
import static io.larder.server.IsolationRow.inBoth;
import static io.larder.server.IsolationRow.is;
import static io.larder.server.IsolationRow.pairs;
import static io.larder.server.IsolationRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The isolation matrix's rows for the data families: strings, keys and hashes. Most rows run one
 * command line in both caches ({@link IsolationRow#inBoth}); the seed is in {@link
 * IsolationContext}.
 */
final class IsolationDataRows {
  private static final long NOW = Instant.now().getEpochSecond();
  private static final String IN_AN_HOUR = Long.toString(NOW + 3600);
  private static final String IN_AN_HOUR_MS = Long.toString((NOW + 3600) * 1000);

  private IsolationDataRows() {}

  static List<IsolationRow> all() {
    List<IsolationRow> rows = new ArrayList<>();
    rows.addAll(strings());
    rows.addAll(keys());
    rows.addAll(hashes());
    return rows;
  }

  static List<IsolationRow> strings() {
    String f = "strings";
    return List.of(
        inBoth(f, "GET s", is("alpha"), is("bravo-b")),
        inBoth(f, "GET onlyB", is(null), is("b-only")),
        inBoth(f, "MGET s onlyB n", array("alpha", null, "10"), array("bravo-b", "b-only", "500")),
        inBoth(f, "STRLEN s", is(5), is(7)),
        inBoth(f, "GETRANGE s 0 2", is("alp"), is("bra")),
        inBoth(f, "SET s changed", is("OK"), is("OK")),
        inBoth(f, "SET onlyB mine NX", is("OK"), is(null)),
        inBoth(f, "SETNX onlyB mine", is(1), is(0)),
        inBoth(f, "SETEX s 100 changed", is("OK"), is("OK")),
        inBoth(f, "PSETEX s 100000 changed", is("OK"), is("OK")),
        inBoth(f, "GETSET s changed", is("alpha"), is("bravo-b")),
        inBoth(f, "GETDEL s", is("alpha"), is("bravo-b")),
        inBoth(f, "GETEX s EX 100", is("alpha"), is("bravo-b")),
        inBoth(f, "GETEX onlyB PERSIST", is(null), is("b-only")),
        inBoth(f, "MSET s changed onlyB mine", is("OK"), is("OK")),
        inBoth(f, "MSETNX onlyB mine", is(1), is(0)),
        inBoth(f, "INCR n", is(11), is(501)),
        inBoth(f, "DECR n", is(9), is(499)),
        inBoth(f, "INCRBY n 5", is(15), is(505)),
        inBoth(f, "DECRBY n 5", is(5), is(495)),
        inBoth(f, "INCRBYFLOAT f 1", is("2.5"), is("8.25")),
        inBoth(f, "APPEND s !", is(6), is(8)),
        inBoth(f, "APPEND onlyB !", is(1), is(7)),
        inBoth(f, "SETRANGE s 1 X", is(5), is(7)));
  }

  static List<IsolationRow> keys() {
    String f = "keys";
    return List.of(
        inBoth(f, "EXISTS s onlyB n", is(2), is(3)),
        inBoth(f, "TYPE onlyB", is("none"), is("string")),
        inBoth(f, "DEL s onlyB", is(1), is(2)),
        inBoth(f, "UNLINK s onlyB", is(1), is(2)),
        inBoth(f, "TOUCH s onlyB", is(1), is(2)),
        inBoth(f, "EXPIRE s 100", is(1), is(1)),
        inBoth(f, "EXPIRE onlyB 100", is(0), is(1)),
        inBoth(f, "PEXPIRE s 100000", is(1), is(1)),
        inBoth(f, "EXPIREAT s " + IN_AN_HOUR, is(1), is(1)),
        inBoth(f, "PEXPIREAT s " + IN_AN_HOUR_MS, is(1), is(1)),
        inBoth(f, "TTL t", between(990, 1000), between(4990, 5000)),
        inBoth(f, "TTL onlyB", is(-2), between(8990, 9000)),
        inBoth(f, "PTTL t", between(990_000, 1_000_000), between(4_990_000, 5_000_000)),
        inBoth(f, "EXPIRETIME t", between(NOW + 990, NOW + 1010), between(NOW + 4990, NOW + 5010)),
        inBoth(
            f,
            "PEXPIRETIME t",
            between((NOW + 990) * 1000, (NOW + 1010) * 1000),
            between((NOW + 4990) * 1000, (NOW + 5010) * 1000)),
        inBoth(f, "PERSIST t", is(1), is(1)),
        inBoth(f, "RENAME s s2", is("OK"), is("OK")),
        inBoth(f, "RENAME onlyB s", is(new RespClient.Error("ERR no such key")), is("OK")),
        inBoth(f, "RENAMENX s onlyB", is(1), is(0)),
        inBoth(f, "COPY s onlyB", is(1), is(0)),
        inBoth(f, "COPY h h2 REPLACE", is(1), is(1)),
        inBoth(
            f,
            "KEYS *",
            anyOrder("s", "n", "f", "h", "t"),
            anyOrder("s", "n", "f", "h", "t", "onlyB")),
        inBoth(f, "KEYS only*", anyOrder(), anyOrder("onlyB")),
        inBoth("server", "DBSIZE", is(5), is(6)),
        row(
            f,
            "SCAN, iterated in full with small pages, returns exactly each cache's own keys",
            List.of("scan"),
            caches -> {
              assertThat(scanAll(caches.a))
                  .containsExactlyInAnyOrderElementsOf(IsolationContext.A_KEYS);
              assertThat(scanAll(caches.b))
                  .containsExactlyInAnyOrderElementsOf(IsolationContext.B_KEYS);
            }),
        row(
            f,
            "SCAN: a cursor of B's iteration continued on A's connection returns only A's keys",
            List.of("scan"),
            caches -> {
              List<Object> first = asList(caches.b.call("SCAN", "0", "COUNT", "1"));
              List<String> seen = scanFrom(caches.a, (String) first.get(0));
              assertThat(IsolationContext.A_KEYS).containsAll(seen);
            }),
        row(
            f,
            "RANDOMKEY in an empty A answers nil while B has keys; in B it names B's keys",
            List.of("randomkey"),
            caches -> {
              caches.observerA().call("FLUSHDB");
              for (int i = 0; i < 20; i++) {
                assertThat(caches.a.call("RANDOMKEY")).isNull();
                assertThat(caches.b.call("RANDOMKEY")).isIn(IsolationContext.B_KEYS.toArray());
              }
              caches.observerA().call("SET", "a-only", "x");
              for (int i = 0; i < 20; i++) {
                assertThat(caches.a.call("RANDOMKEY")).isEqualTo("a-only");
              }
            }));
  }

  static List<IsolationRow> hashes() {
    String f = "hashes";
    return List.of(
        inBoth(f, "HSET h f3 mine", is(1), is(0)),
        inBoth(f, "HSET h f1 changed", is(0), is(0)),
        inBoth(f, "HSETNX h f3 mine", is(1), is(0)),
        inBoth(f, "HMSET h f1 changed f9 new", is("OK"), is("OK")),
        inBoth(f, "HGET h f1", is("a1"), is("b-1")),
        inBoth(f, "HGET h f3", is(null), is("b-3")),
        inBoth(f, "HMGET h f1 f3", array("a1", null), array("b-1", "b-3")),
        inBoth(
            f,
            "HGETALL h",
            pairs("f1", "a1", "f2", "a2", "c", "1"),
            pairs("f1", "b-1", "f2", "b-2", "f3", "b-3", "c", "100")),
        inBoth(f, "HKEYS h", anyOrder("f1", "f2", "c"), anyOrder("f1", "f2", "f3", "c")),
        inBoth(f, "HVALS h", anyOrder("a1", "a2", "1"), anyOrder("b-1", "b-2", "b-3", "100")),
        inBoth(f, "HDEL h f1 f3", is(1), is(2)),
        inBoth(f, "HEXISTS h f3", is(0), is(1)),
        inBoth(f, "HLEN h", is(3), is(4)),
        inBoth(f, "HSTRLEN h f1", is(2), is(3)),
        inBoth(f, "HINCRBY h c 1", is(2), is(101)),
        inBoth(f, "HINCRBYFLOAT h c 0.5", is("1.5"), is("100.5")),
        inBoth(
            f,
            "HSCAN h 0",
            hscan("f1", "a1", "f2", "a2", "c", "1"),
            hscan("f1", "b-1", "f2", "b-2", "f3", "b-3", "c", "100")),
        inBoth(f, "HRANDFIELD h 10", anyOrder("f1", "f2", "c"), anyOrder("f1", "f2", "f3", "c")),
        inBoth(
            f,
            "HRANDFIELD h 10 WITHVALUES",
            pairs("f1", "a1", "f2", "a2", "c", "1"),
            pairs("f1", "b-1", "f2", "b-2", "f3", "b-3", "c", "100")));
  }

  /** An HSCAN reply for a small hash: cursor 0 and exactly these pairs. */
  private static IsolationRow.Expect hscan(String... fieldsAndValues) {
    return reply -> {
      List<Object> page = asList(reply);
      assertThat(page.get(0)).isEqualTo("0");
      pairs(fieldsAndValues).check(page.get(1));
    };
  }

  /** Every key a full SCAN iteration on conn returns, with pages of two. */
  static List<String> scanAll(IsolationContext.Conn conn) {
    return scanFrom(conn, "0");
  }

  private static List<String> scanFrom(IsolationContext.Conn conn, String cursor) {
    List<String> keys = new ArrayList<>();
    int pages = 0;
    do {
      List<Object> page = asList(conn.call("SCAN", cursor, "COUNT", "2"));
      cursor = (String) page.get(0);
      asList(page.get(1)).forEach(key -> keys.add((String) key));
      assertThat(++pages).as("SCAN pages").isLessThan(100);
    } while (!cursor.equals("0"));
    return keys;
  }
}
