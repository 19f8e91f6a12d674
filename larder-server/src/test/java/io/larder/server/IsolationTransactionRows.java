package io.larder.server;

import static io.larder.server.IsolationRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.TwoCacheServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The isolation matrix's rows for transactions: MULTI/EXEC run on the caller's cache only, and a
 * WATCH hears only changes to its own cache's keys.
 */
final class IsolationTransactionRows {
  private IsolationTransactionRows() {}

  static List<IsolationRow> all() {
    String f = "transactions";
    return List.of(
        row(
            f,
            "MULTI/EXEC in A reads and writes A's keys only",
            List.of("multi", "exec"),
            caches -> {
              Map<String, String> contentsB = caches.contentsB();
              assertThat(caches.a.call("MULTI")).isEqualTo("OK");
              caches.a.call("GET", "s");
              caches.a.call("SET", "s", "changed");
              caches.a.call("INCR", "n");
              caches.a.call("GET", "onlyB");
              assertThat(caches.a.call("EXEC")).isEqualTo(Arrays.asList("alpha", "OK", 11L, null));
              assertThat(caches.contentsB()).isEqualTo(contentsB);
              caches.b.call("MULTI");
              caches.b.call("MGET", "s", "n");
              assertThat(caches.b.call("EXEC")).isEqualTo(List.of(List.of("bravo-b", "500")));
            }),
        row(
            f,
            "WATCH in A is not touched by B's writes to the same key name, only by A's",
            List.of("watch", "multi", "exec"),
            caches -> {
              assertThat(caches.a.call("WATCH", "s", "onlyB")).isEqualTo("OK");
              caches.observerB().call("SET", "s", "changed-in-b");
              caches.observerB().call("DEL", "onlyB");
              caches.observerB().call("FLUSHALL");
              caches.a.call("MULTI");
              caches.a.call("GET", "s");
              assertThat(caches.a.call("EXEC")).isEqualTo(List.of("alpha"));

              caches.a.call("WATCH", "s");
              caches.observerA().call("SET", "s", "changed-in-a");
              caches.a.call("MULTI");
              caches.a.call("GET", "s");
              assertThat(caches.a.callRaw("EXEC")).isEqualTo("*-1\r\n");
            }),
        row(
            f,
            "DISCARD and UNWATCH in A leave B's transaction and watches alone",
            List.of("watch", "multi", "discard", "unwatch", "exec"),
            caches -> {
              caches.b.call("WATCH", "s");
              caches.b.call("MULTI");
              caches.b.call("SET", "s", "from-b");
              caches.a.call("WATCH", "s");
              caches.a.call("MULTI");
              caches.a.call("SET", "s", "from-a");
              assertThat(caches.a.call("DISCARD")).isEqualTo("OK");
              assertThat(caches.a.call("UNWATCH")).isEqualTo("OK");

              assertThat(caches.b.call("EXEC")).isEqualTo(List.of("OK"));
              assertThat(caches.observerB().call("GET", "s")).isEqualTo("from-b");
              assertThat(caches.observerA().call("GET", "s")).isEqualTo("alpha");
            }),
        row(
            f,
            "a connection that moves from A to B stops watching A's keys; its next EXEC fails",
            List.of("watch", "auth", "multi", "exec"),
            caches -> {
              caches.a.call("WATCH", "s");
              assertThat(caches.a.call("AUTH", TwoCacheServer.OTHER, TwoCacheServer.OTHER_KEY))
                  .isEqualTo("OK");
              caches.a.call("MULTI");
              caches.a.call("SET", "s", "never");
              assertThat(caches.a.callRaw("EXEC")).isEqualTo("*-1\r\n");
              assertThat(caches.observerA().call("GET", "s")).isEqualTo("alpha");
              assertThat(caches.observerB().call("GET", "s")).isEqualTo("bravo-b");

              caches.a.call("MULTI");
              caches.a.call("GET", "s");
              assertThat(caches.a.call("EXEC")).isEqualTo(List.of("bravo-b"));
            }));
  }
}
