package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.EvictionPolicy;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.MemoryLimits;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MULTI/EXEC/WATCH where the differential script ({@code differential/transactions.redis}) cannot
 * reach: other clients' changes to watched keys, eviction, atomicity under concurrent clients, a
 * full cache, and the size limit. The journal's side is in {@link TransactionJournalIT}.
 */
class TransactionIT {
  private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void emptyKeyspace() {
    keyspace().configure(MemoryLimits.DEFAULT);
    keyspace().clear();
  }

  @Test
  void exec_queuedCommands_repliesInOrderWithErrorsInPlace() {
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("MULTI")).isEqualTo("OK");
      assertThat(client.call("SET", "k", "text")).isEqualTo("QUEUED");
      assertThat(client.call("INCR", "k")).isEqualTo("QUEUED");
      assertThat(client.call("APPEND", "k", "!")).isEqualTo("QUEUED");
      assertThat(client.call("GET", "k")).isEqualTo("QUEUED");

      assertThat(client.call("EXEC"))
          .isEqualTo(
              List.of(
                  "OK",
                  new RespClient.Error("ERR value is not an integer or out of range"),
                  5L,
                  "text!"));
    }
  }

  @Test
  void exec_afterRefusedCommand_abortsAndRunsNothing() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("MULTI");
      client.call("SET", "k", "v");
      assertThat(client.call("SET", "k")).isInstanceOf(RespClient.Error.class);

      assertThat(client.call("EXEC"))
          .isEqualTo(new RespClient.Error(TransactionCommands.EXECABORT));
      assertThat(client.call("EXISTS", "k")).isEqualTo(0L);
      assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
    }
  }

  @Test
  void exec_watchedKeyWrittenByAnotherClient_returnsNullAndRunsNothing() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("SET", "balance", "10");
      assertThat(client.call("WATCH", "balance")).isEqualTo("OK");
      assertThat(client.call("GET", "balance")).isEqualTo("10");
      other.call("SET", "balance", "20");

      client.call("MULTI");
      client.call("SET", "balance", "11");
      client.call("SET", "audit", "yes");
      assertThat(client.callRaw("EXEC")).isEqualTo("*-1\r\n");

      assertThat(client.call("MGET", "balance", "audit")).isEqualTo(Arrays.asList("20", null));
    }
  }

  @Test
  void exec_watchedKeyDeletedOrFlushedByAnotherClient_returnsNull() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("SET", "k", "v");
      client.call("WATCH", "k");
      other.call("DEL", "k");
      client.call("MULTI");
      assertThat(client.callRaw("EXEC")).isEqualTo("*-1\r\n");

      client.call("SET", "k", "v");
      client.call("WATCH", "k");
      other.call("FLUSHDB");
      client.call("MULTI");
      assertThat(client.callRaw("EXEC")).isEqualTo("*-1\r\n");
    }
  }

  @Test
  void exec_watchedKeyOnlyReadByAnotherClient_runs() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("SET", "k", "1");
      client.call("WATCH", "k", "absent");
      other.call("GET", "k");
      other.call("DEL", "absent");
      other.call("SET", "unrelated", "x");

      client.call("MULTI");
      client.call("INCR", "k");
      assertThat(client.call("EXEC")).isEqualTo(List.of(2L));
    }
  }

  @Test
  void exec_watchedKeyEvicted_returnsNull() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("SET", "watched", "v");
      client.call("WATCH", "watched");
      keyspace().configure(new MemoryLimits(64 * 1024, EvictionPolicy.ALLKEYS_LRU, 0));
      String value = "v".repeat(1024);
      for (int i = 0; i < 1000 && keyspace().peek(ByteKey.of("watched")) != null; i++) {
        other.call("SET", "filler:" + i, value);
      }
      assertThat(keyspace().peek(ByteKey.of("watched"))).as("evicted").isNull();

      client.call("MULTI");
      client.call("PING");
      assertThat(client.callRaw("EXEC")).isEqualTo("*-1\r\n");
    }
  }

  @Test
  void unwatch_thenAnotherClientWrites_execRuns() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("WATCH", "k");
      assertThat(client.call("UNWATCH")).isEqualTo("OK");
      other.call("SET", "k", "v");

      client.call("MULTI");
      client.call("GET", "k");
      assertThat(client.call("EXEC")).isEqualTo(List.of("v"));
    }
  }

  @Test
  void discard_dropsQueuedCommandsAndUnwatches() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("WATCH", "k");
      client.call("MULTI");
      client.call("SET", "k", "mine");
      assertThat(client.call("DISCARD")).isEqualTo("OK");
      other.call("SET", "k", "theirs");

      assertThat(client.call("GET", "k")).isEqualTo("theirs");
      client.call("MULTI");
      client.call("GET", "k");
      assertThat(client.call("EXEC")).isEqualTo(List.of("theirs"));
    }
  }

  /**
   * Clients running transactions of 100 INCRs, and one sending plain INCRs, all at once: the total
   * is exact and the replies inside each EXEC are consecutive, so nothing ran between them.
   */
  @Test
  void exec_concurrentIncrementingClients_exactTotalAndNothingInterleaves() throws Exception {
    int transactions = 50;
    int incrementsPerTransaction = 100;
    int plainIncrements = 2000;
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            threads.submit(
                () -> {
                  try (RespClient client = server.connectAuthenticated()) {
                    for (int i = 0; i < transactions; i++) {
                      List<?> replies = incrementInTransaction(client, incrementsPerTransaction);
                      long first = (Long) replies.get(0);
                      for (int j = 0; j < replies.size(); j++) {
                        assertThat(replies.get(j))
                            .as("reply %d of an EXEC", j)
                            .isEqualTo(first + j);
                      }
                    }
                  }
                  return null;
                }));
      }
      done.add(
          threads.submit(
              () -> {
                try (RespClient client = server.connectAuthenticated()) {
                  for (int i = 0; i < plainIncrements; i++) {
                    client.send("INCR", "counter");
                  }
                  for (int i = 0; i < plainIncrements; i++) {
                    assertThat(client.read()).isInstanceOf(Long.class);
                  }
                }
                return null;
              }));
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("GET", "counter"))
          .isEqualTo(Long.toString(2L * transactions * incrementsPerTransaction + plainIncrements));
    }
  }

  private static List<?> incrementInTransaction(RespClient client, int increments) {
    client.send("MULTI");
    for (int i = 0; i < increments; i++) {
      client.send("INCR", "counter");
    }
    client.send("EXEC");
    assertThat(client.read()).isEqualTo("OK");
    for (int i = 0; i < increments; i++) {
      assertThat(client.read()).isEqualTo("QUEUED");
    }
    return (List<?>) client.read();
  }

  /** A transaction that reads both keys never sees one written without the other. */
  @Test
  void exec_readerWhileTransactionsWriteTwoKeys_neverSeesHalfApplied() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> reads =
          threads.submit(
              () -> {
                int count = 0;
                try (RespClient reader = server.connectAuthenticated()) {
                  while (writing.get() || count < 100) {
                    reader.send("MULTI");
                    reader.send("GET", "a");
                    reader.send("GET", "b");
                    reader.send("EXEC");
                    reader.read();
                    reader.read();
                    reader.read();
                    List<?> pair = (List<?>) reader.read();
                    assertThat(pair.get(0)).as("read %d", count).isEqualTo(pair.get(1));
                    count++;
                  }
                }
                return count;
              });
      Future<?> writes =
          threads.submit(
              () -> {
                try (RespClient writer = server.connectAuthenticated()) {
                  for (int i = 0; i < 2000; i++) {
                    writer.send("MULTI");
                    writer.send("SET", "a", i);
                    writer.send("INCR", "unrelated");
                    writer.send("SET", "b", i);
                    writer.send("EXEC");
                    for (int r = 0; r < 4; r++) {
                      writer.read();
                    }
                    assertThat(writer.read()).isEqualTo(List.of("OK", (long) i + 1, "OK"));
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      writes.get(60, TimeUnit.SECONDS);
      assertThat(reads.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(100);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void multi_cacheFull_everyQueuedCommandRefusedWithOomAndExecAborts() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v".repeat(4096));
      keyspace().configure(new MemoryLimits(1024, EvictionPolicy.NOEVICTION, 0));

      assertThat(client.call("MULTI")).isEqualTo("OK");
      assertThat(client.call("GET", "k")).isEqualTo(new RespClient.Error(OOM));
      assertThat(client.call("EXEC"))
          .isEqualTo(new RespClient.Error(TransactionCommands.EXECABORT));
      assertThat(client.call("GET", "k")).isEqualTo("v".repeat(4096));
    }
  }

  @Test
  void exec_cacheFilledAfterQueuingAWrite_abortsWithOom() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v".repeat(4096));
      client.call("MULTI");
      client.call("SET", "new", "v");
      client.call("GET", "k");
      keyspace().configure(new MemoryLimits(1024, EvictionPolicy.NOEVICTION, 0));

      assertThat(client.call("EXEC"))
          .isEqualTo(new RespClient.Error("EXECABORT Transaction discarded because of: " + OOM));
      assertThat(client.call("EXISTS", "new")).isEqualTo(0L);
      assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
    }
  }

  @Test
  void exec_cacheFilledAfterQueuingOnlyReads_runs() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("SET", "k", "v".repeat(4096));
      client.call("MULTI");
      client.call("STRLEN", "k");
      keyspace().configure(new MemoryLimits(1024, EvictionPolicy.NOEVICTION, 0));

      assertThat(client.call("EXEC")).isEqualTo(List.of(4096L));
    }
  }

  @Test
  void multi_moreCommandsThanTheLimit_refusesTheOneTooManyAndExecAborts() {
    try (TestServer small = TestServer.start(Map.of("max-multibulk-len", "1024"));
        RespClient client = small.connectAuthenticated()) {
      client.call("MULTI");
      for (int i = 0; i < 1024; i++) {
        client.send("SET", "k" + i, "v");
      }
      for (int i = 0; i < 1024; i++) {
        assertThat(client.read()).isEqualTo("QUEUED");
      }

      assertThat(client.call("SET", "one-too-many", "v"))
          .isEqualTo(new RespClient.Error(TransactionCommands.TOO_LARGE));
      assertThat(client.call("SET", "after", "v")).isEqualTo("QUEUED");
      assertThat(client.call("EXEC"))
          .isEqualTo(new RespClient.Error(TransactionCommands.EXECABORT));
      assertThat(client.call("DBSIZE")).isEqualTo(0L);
    }
  }

  @Test
  void quit_insideMulti_closesAndDiscards() {
    try (RespClient client = server.connectAuthenticated()) {
      client.call("WATCH", "k");
      client.call("MULTI");
      client.call("SET", "k", "v");
      assertThat(client.call("QUIT")).isEqualTo("OK");
      assertThat(client.isClosedByServer(5000)).isTrue();
    }
    try (RespClient client = server.connectAuthenticated()) {
      assertThat(client.call("EXISTS", "k")).isEqualTo(0L);
    }
  }

  @Test
  void exec_resp3_nullWhenWatchedKeyChanged() {
    try (RespClient client = server.connectAuthenticated();
        RespClient other = server.connectAuthenticated()) {
      client.call("HELLO", "3");
      client.call("WATCH", "k");
      other.call("SET", "k", "v");
      client.call("MULTI");
      client.call("GET", "k");
      assertThat(client.callRaw("EXEC")).isEqualTo("_\r\n");
    }
  }

  private static InfinispanKeyspace keyspace() {
    return (InfinispanKeyspace) server.server().tenants().get("default").keyspace();
  }
}
