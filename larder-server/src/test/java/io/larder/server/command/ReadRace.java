package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
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

/**
 * A race between one connection that keeps writing and two that keep reading, for tests that a read
 * never sees a write half applied.
 *
 * <p>The test server has two event loops and hands connections to them in turn, so opening the
 * three one after the other puts at least one reader on a thread other than the writer's. A race
 * stops after {@link #READS} reads or {@link #RACE_MILLIS}, whichever comes first; it asserts that
 * the readers saw the data change, so a race in which nothing overlapped cannot pass unnoticed.
 */
final class ReadRace {
  static final int READS = 20_000;
  static final long RACE_MILLIS = 5_000;

  private ReadRace() {}

  /**
   * Runs write(writer, n) for n = 1, 2, 3 … on one connection until two readers have together run
   * read(reader, i) {@link #READS} times or {@link #RACE_MILLIS} have passed. read answers what it
   * saw, or null when it saw a write half applied. Fails if any read did, or if the readers never
   * saw more than one state.
   */
  static void run(
      TestServer server,
      BiConsumer<RespClient, Long> write,
      BiFunction<RespClient, Integer, Object> read)
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
      write.accept(writer, 1L); // the data holds a complete write before anyone reads
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
