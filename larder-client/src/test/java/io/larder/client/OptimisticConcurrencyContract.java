package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Versioned reads and compare-and-put, on a real server. */
abstract class OptimisticConcurrencyContract extends ServerContract {

  private void requireTransactions() {
    assumeTrue(backend().supportsTransactions(), backend().noTransactions());
  }

  @Test
  void getVersioned_missingKey_isAbsent() {
    Versioned<String> read = cache(Codecs.strings()).getVersioned("nothing");
    assertThat(read.value()).isNull();
    assertThat(read.version()).isEqualTo(Versioned.ABSENT);
    assertThat(read.exists()).isFalse();
  }

  @Test
  void getVersioned_presentKey_returnsValueAndVersion() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v");
    Versioned<String> read = cache.getVersioned("k");
    assertThat(read.value()).isEqualTo("v");
    assertThat(read.exists()).isTrue();
  }

  @Test
  void getVersioned_afterPutOfOtherValue_versionChanges() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "one");
    long first = cache.getVersioned("k").version();
    cache.put("k", "two");
    assertThat(cache.getVersioned("k").version()).isNotEqualTo(first);
  }

  @Test
  void compareAndPut_currentVersion_storesAndReturnsTrue() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "one");
    Versioned<String> read = cache.getVersioned("k");
    assertThat(cache.compareAndPut("k", read.version(), "two")).isTrue();
    assertThat(cache.get("k")).isEqualTo("two");
  }

  @Test
  void compareAndPut_staleVersion_returnsFalseAndKeepsValue() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "one");
    long stale = cache.getVersioned("k").version();
    cache.put("k", "changed by someone else");
    assertThat(cache.compareAndPut("k", stale, "mine")).isFalse();
    assertThat(cache.get("k")).isEqualTo("changed by someone else");
  }

  @Test
  void compareAndPut_absentVersionOnMissingKey_creates() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    assertThat(cache.compareAndPut("k", Versioned.ABSENT, "new")).isTrue();
    assertThat(cache.get("k")).isEqualTo("new");
  }

  @Test
  void compareAndPut_absentVersionOnPresentKey_returnsFalse() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "there");
    assertThat(cache.compareAndPut("k", Versioned.ABSENT, "new")).isFalse();
    assertThat(cache.get("k")).isEqualTo("there");
  }

  @Test
  void compareAndPut_versionOfRemovedEntry_returnsFalse() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "one");
    long version = cache.getVersioned("k").version();
    cache.remove("k");
    assertThat(cache.compareAndPut("k", version, "two")).isFalse();
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void compareAndPut_withTtl_setsExpiry() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    assertThat(cache.compareAndPut("k", Versioned.ABSENT, "v", Duration.ofSeconds(30))).isTrue();
    assertThat((Long) raw("PTTL", storageKey("k"))).isBetween(1L, 30_000L);
  }

  @Test
  void compareAndPut_concurrentIncrements_noneLost() throws Exception {
    requireTransactions();
    LarderCache<Integer> counter = cache(Codecs.strings().map(String::valueOf, Integer::valueOf));
    counter.put("n", 0);
    int threads = 4;
    int increments = 25;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        conflicts.add(
            pool.submit(
                () -> {
                  start.await();
                  int lost = 0;
                  for (int done = 0; done < increments && lost < 10_000; ) {
                    Versioned<Integer> read = counter.getVersioned("n");
                    if (counter.compareAndPut("n", read.version(), read.value() + 1)) {
                      done++;
                    } else {
                      lost++;
                    }
                  }
                  return lost;
                }));
      }
      start.countDown();
      for (Future<Integer> thread : conflicts) {
        thread.get(60, TimeUnit.SECONDS);
      }
      assertThat(counter.get("n")).isEqualTo(threads * increments);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void compareAndPut_serverWithoutTransactions_failsNamingWhatItNeeds() {
    assumeFalse(backend().supportsTransactions(), backend() + " has transactions");
    LarderCache<String> cache = cache(Codecs.strings());
    assertThatThrownBy(() -> cache.compareAndPut("k", Versioned.ABSENT, "v"))
        .isExactlyInstanceOf(LarderException.class)
        .hasMessageContaining("compareAndPut needs WATCH/MULTI/EXEC");
  }
}
