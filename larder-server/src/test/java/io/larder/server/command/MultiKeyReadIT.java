package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads that name several keys (MGET, EXISTS, TOUCH) while another client keeps making multi-key
 * writes (MSET, MSETNX, DEL of several keys, RENAME, MULTI/EXEC): each read sees every write whole
 * or not at all, as in single-threaded Redis.
 *
 * <p>One connection writes, two read. The test server has two event loops and hands connections to
 * them in turn, so opening the three one after the other puts at least one reader on a thread other
 * than the writer's. Each race stops after {@link #READS} reads or {@link #RACE_MILLIS}, whichever
 * comes first; it asserts that the readers saw the keys change, so a race in which nothing
 * overlapped cannot pass unnoticed.
 */
class MultiKeyReadIT {
  private static final int READS = 20_000;
  private static final long RACE_MILLIS = 5_000;

  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void emptyKeyspace() {
    server.server().tenants().get("default").keyspace().clear();
  }

  @Test
  void mget_concurrentMset_seesBothKeysFromTheSameMset() throws Exception {
    race(
        (writer, n) -> writer.call("MSET", "a", n, "b", n),
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return Objects.equals(values.get(0), values.get(1)) ? values.get(0) : null;
        });
  }

  @Test
  void mget_concurrentTransactions_seesBothKeysFromTheSameExec() throws Exception {
    race(
        (writer, n) -> {
          writer.send("MULTI");
          writer.send("SET", "a", n);
          writer.send("SET", "b", n);
          writer.send("EXEC");
          for (int r = 0; r < 3; r++) {
            writer.read();
          }
          assertThat(writer.read()).isEqualTo(List.of("OK", "OK"));
        },
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return Objects.equals(values.get(0), values.get(1)) ? values.get(0) : null;
        });
  }

  /** MSETNX creates both keys, DEL of both removes both: EXISTS and TOUCH count 0 or 2. */
  @Test
  void existsAndTouch_concurrentMsetnxAndDel_countNoneOrBoth() throws Exception {
    race(
        (writer, n) -> {
          assertThat(writer.call("MSETNX", "a", n, "b", n)).isEqualTo(1L);
          assertThat(writer.call("DEL", "a", "b")).isEqualTo(2L);
        },
        (reader, i) -> {
          Object count = reader.call(i % 2 == 0 ? "EXISTS" : "TOUCH", "a", "b");
          return count.equals(0L) || count.equals(2L) ? count : null;
        });
  }

  /** RENAME moves the one value between a and b: MGET finds it in exactly one of them. */
  @Test
  void mget_concurrentRenames_findsTheValueInExactlyOneKey() throws Exception {
    race(
        (writer, n) -> {
          if (n == 1) {
            writer.call("SET", "a", "v");
          }
          writer.call("RENAME", n % 2 == 1 ? "a" : "b", n % 2 == 1 ? "b" : "a");
        },
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return (values.get(0) == null) != (values.get(1) == null) ? values : null;
        });
  }

  /**
   * Runs write(writer, n) for n = 1, 2, 3 … on one connection until two readers have together run
   * read(reader, i) {@link #READS} times or {@link #RACE_MILLIS} have passed. read answers what it
   * saw, or null when the keys were seen half written. Fails if any read was, or if the readers
   * never saw the keys change.
   */
  private static void race(
      BiConsumer<RespClient, Long> write, BiFunction<RespClient, Integer, Object> read)
      throws Exception {
    try (RespClient writer = server.connectAuthenticated();
        RespClient first = server.connectAuthenticated();
        RespClient second = server.connectAuthenticated()) {
      AtomicBoolean racing = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      AtomicInteger torn = new AtomicInteger();
      AtomicReference<String> firstTorn = new AtomicReference<>();
      Set<Object> seen = ConcurrentHashMap.newKeySet();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RACE_MILLIS);
      write.accept(writer, 1L); // the keys hold a complete write before anyone reads
      ExecutorService threads = Executors.newFixedThreadPool(3);
      try {
        Future<?> writes =
            threads.submit(
                () -> {
                  for (long n = 2; racing.get(); n++) {
                    write.accept(writer, n);
                  }
                  return null;
                });
        List<Future<?>> readers = new ArrayList<>();
        for (RespClient reader : List.of(first, second)) {
          readers.add(
              threads.submit(
                  () -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                      int done = reads.getAndIncrement();
                      if (done >= READS) {
                        break;
                      }
                      Object saw = read.apply(reader, i);
                      if (saw == null) {
                        torn.incrementAndGet();
                        firstTorn.compareAndSet(null, "read " + done);
                      } else {
                        seen.add(saw);
                      }
                    }
                    return null;
                  }));
        }
        try {
          for (Future<?> reader : readers) {
            reader.get(60, TimeUnit.SECONDS);
          }
        } finally {
          racing.set(false);
        }
        writes.get(60, TimeUnit.SECONDS);
      } finally {
        threads.shutdownNow();
      }
      int total = Math.min(reads.get(), READS);
      assertThat(torn.get())
          .as("reads (of %d) that saw a write half applied; first: %s", total, firstTorn.get())
          .isZero();
      assertThat(seen).as("distinct states the readers saw").hasSizeGreaterThan(1);
    }
  }
}
