package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.CommandSpec;
import io.larder.server.command.TwoCacheServer;
import io.larder.server.tenant.TenantRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation, command by command (DESIGN.md D2: "A connection sees only its own cache"): for
 * every command family, a connection authenticated to cache A reads, changes, counts, lists, kills
 * and hears only what is A's, while cache B holds the same key names with other values.
 *
 * <p>The matrix is a table of {@link IsolationRow}s, one parameterized test per row, by family:
 * {@link IsolationDataRows} (strings, keys, hashes), {@link IsolationServerRows} (server, config,
 * introspection), {@link IsolationClientRows} (client, connection), {@link IsolationPubSubRows}
 * (pub/sub, keyspace notifications) and {@link IsolationTransactionRows} (MULTI/EXEC, WATCH). Each
 * row names the commands it exercises and is checked to have sent them; {@link
 * #matrix_coversEveryRegisteredCommand_exceptThoseWithNothingToIsolate} checks that the rows cover
 * every registered command.
 *
 * <p>A row marked with a known leak states the isolated behaviour and is expected to fail: it is
 * reported as skipped, with the leak, while it fails, and fails once the leak is fixed so that the
 * mark gets removed.
 */
class IsolationMatrixIT {
  /**
   * Registered commands with nothing of a cache's to isolate, so no row exercises them: they read
   * and change no keys, figures, connections or channels of any cache.
   */
  private static final Set<String> NOTHING_TO_ISOLATE =
      Set.of(
          "ping", // answers its argument, even before AUTH
          "echo", // answers its argument
          "time", // the server's clock
          "quit", // closes the caller's own connection
          "client|help", // fixed help texts
          "config|help",
          "pubsub|help",
          "command|help");

  // a fast reaper, so that the expiry row's event comes soon
  @RegisterExtension
  static final TwoCacheServer server =
      TwoCacheServer.perClass(Map.of("active-expire-interval", "50ms"));

  @BeforeEach
  void noConnectionsLeftFromEarlierRows() throws InterruptedException {
    // Closing a connection is seen by the server a moment later; rows count connections.
    TenantRegistry tenants = server.testServer().server().tenants();
    for (String cache : List.of(TwoCacheServer.DEFAULT, TwoCacheServer.OTHER)) {
      for (int i = 0; i < 500 && tenants.connectedClients(tenants.require(cache)) > 0; i++) {
        Thread.sleep(10);
      }
      assertThat(tenants.connectedClients(tenants.require(cache)))
          .as("connections to %s left by earlier rows", cache)
          .isZero();
    }
  }

  static Stream<IsolationRow> rows() {
    List<IsolationRow> rows = new ArrayList<>();
    rows.addAll(IsolationDataRows.all());
    rows.addAll(IsolationServerRows.all());
    rows.addAll(IsolationClientRows.all());
    rows.addAll(IsolationPubSubRows.all());
    rows.addAll(IsolationTransactionRows.all());
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void command_inCacheA_seesAndChangesOnlyA(IsolationRow row) throws Exception {
    run(row);
  }

  private static void run(IsolationRow row) throws Exception {
    try (IsolationContext caches = new IsolationContext(server)) {
      row.body().run(caches);
      assertThat(caches.exercised())
          .as("commands the row sent (it claims %s)", row.commands())
          .containsAll(row.commands());
    }
  }

  @Test
  void matrix_coversEveryRegisteredCommand_exceptThoseWithNothingToIsolate() {
    Set<String> registered = new TreeSet<>();
    for (CommandSpec spec : LarderServer.commandRegistry().all()) {
      if (spec.subcommands().isEmpty() || spec.handler() != null) {
        registered.add(spec.name()); // a container with a handler of its own runs bare too
      }
      spec.subcommands().forEach(sub -> registered.add(sub.name()));
    }
    Set<String> covered = new TreeSet<>();
    rows().forEach(row -> covered.addAll(row.commands()));

    assertThat(registered).as("exempted commands").containsAll(NOTHING_TO_ISOLATE);
    assertThat(registered).as("commands the rows name").containsAll(covered);
    Set<String> missing = new TreeSet<>(registered);
    missing.removeAll(covered);
    missing.removeAll(NOTHING_TO_ISOLATE);
    assertThat(missing).as("registered commands no row exercises").isEmpty();
  }
}
