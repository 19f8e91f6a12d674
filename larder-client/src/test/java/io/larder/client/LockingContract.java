package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pessimistic locking: getAndLock, putAndUnlock, unlock, on a real server. */
abstract class LockingContract extends ServerContract {
  private static final Duration LONG = Duration.ofSeconds(30);

  private void requireTransactions() {
    assumeTrue(backend().supportsTransactions(), backend().noTransactions());
  }

  @Test
  void getAndLock_freeKey_returnsValueAndHandle() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v");
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThat(locked.value()).isEqualTo("v");
    assertThat(locked.handle().key()).isEqualTo("k");
  }

  @Test
  void getAndLock_absentEntry_locksWithNullValue() {
    LarderCache<String> cache = cache(Codecs.strings());
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThat(locked.value()).isNull();
    assertThat(raw("EXISTS", storageKey("k") + ":lock")).isEqualTo(1L);
  }

  @Test
  void getAndLock_lockKey_expiresAfterLockTimeout() {
    cache(Codecs.strings()).getAndLock("k", Duration.ofSeconds(20));
    assertThat((Long) raw("PTTL", storageKey("k") + ":lock")).isBetween(1L, 20_000L);
  }

  @Test
  void getAndLock_heldLock_throwsLockTimeoutException() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.getAndLock("k", LONG);
    assertThatThrownBy(() -> cache.getAndLock("k", LONG, Duration.ofMillis(100)))
        .isInstanceOfSatisfying(
            LockTimeoutException.class, e -> assertThat(e.key()).isEqualTo("k"));
  }

  @Test
  void getAndLock_zeroWaitOnHeldLock_throwsLockTimeoutException() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.getAndLock("k", LONG);
    assertThatThrownBy(() -> cache.getAndLock("k", LONG, Duration.ZERO))
        .isInstanceOf(LockTimeoutException.class);
  }

  @Test
  void getAndLock_holdersLockExpires_waiterGetsIt() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v");
    cache.getAndLock("k", Duration.ofMillis(200)); // never released: a crashed holder
    Locked<String> second = cache.getAndLock("k", LONG, Duration.ofSeconds(20));
    assertThat(second.value()).isEqualTo("v");
  }

  @Test
  void getAndLock_otherKey_isNotBlocked() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.getAndLock("a", LONG);
    assertThat(cache.getAndLock("b", LONG, Duration.ZERO).handle().key()).isEqualTo("b");
  }

  @Test
  void putAndUnlock_heldLock_storesAndReleases() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "old");
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThat(cache.putAndUnlock(locked.handle(), "new", Duration.ofMinutes(5))).isTrue();
    assertThat(cache.get("k")).isEqualTo("new");
    assertThat((Long) raw("PTTL", storageKey("k"))).isBetween(1L, 300_000L);
    assertThat(raw("EXISTS", storageKey("k") + ":lock")).isEqualTo(0L);
  }

  @Test
  void unlock_heldLock_releasesSoOthersGetIt() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThat(cache.unlock(locked.handle())).isTrue();
    assertThat(cache.getAndLock("k", LONG, Duration.ZERO)).isNotNull();
  }

  @Test
  void unlock_twice_secondReturnsFalse() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThat(cache.unlock(locked.handle())).isTrue();
    assertThat(cache.unlock(locked.handle())).isFalse();
  }

  @Test
  void getAndLock_secondHolder_waitsAndGetsLockAfterPutAndUnlock() throws Exception {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "before");
    Locked<String> first = cache.getAndLock("k", LONG);
    CompletableFuture<Locked<String>> second =
        cache.async().getAndLock("k", LONG, Duration.ofSeconds(30)).toCompletableFuture();
    assertThat(second).isNotDone(); // the first holder still has it
    assertThat(cache.putAndUnlock(first.handle(), "after first")).isTrue();
    Locked<String> got = second.get(30, TimeUnit.SECONDS);
    assertThat(got.value()).isEqualTo("after first");
    assertThat(cache.unlock(got.handle())).isTrue();
  }

  @Test
  void unlock_staleHandle_keepsNewHoldersLock() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    Locked<String> stale = cache.getAndLock("k", Duration.ofMillis(100));
    Locked<String> current = cache.getAndLock("k", LONG, Duration.ofSeconds(20));
    assertThat(cache.unlock(stale.handle())).isFalse();
    assertThatThrownBy(() -> cache.getAndLock("k", LONG, Duration.ZERO))
        .isInstanceOf(LockTimeoutException.class);
    assertThat(cache.unlock(current.handle())).isTrue();
  }

  @Test
  void putAndUnlock_staleHandle_storesNothingAndKeepsNewHoldersLock() {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "original");
    Locked<String> stale = cache.getAndLock("k", Duration.ofMillis(100));
    Locked<String> current = cache.getAndLock("k", LONG, Duration.ofSeconds(20));
    assertThat(cache.putAndUnlock(stale.handle(), "late write")).isFalse();
    assertThat(cache.get("k")).isEqualTo("original");
    assertThat(cache.putAndUnlock(current.handle(), "current write")).isTrue();
    assertThat(cache.get("k")).isEqualTo("current write");
  }

  @Test
  void putAndUnlock_expiredLockNobodyTook_storesNothing() throws InterruptedException {
    requireTransactions();
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "original");
    Locked<String> locked = cache.getAndLock("k", Duration.ofMillis(50));
    for (int i = 0; i < 100 && (Long) raw("EXISTS", storageKey("k") + ":lock") == 1L; i++) {
      Thread.sleep(20);
    }
    assertThat(cache.putAndUnlock(locked.handle(), "late")).isFalse();
    assertThat(cache.get("k")).isEqualTo("original");
  }

  @Test
  void unlock_serverWithoutTransactions_failsNamingWhatItNeeds() {
    assumeFalse(backend().supportsTransactions(), backend() + " has transactions");
    LarderCache<String> cache = cache(Codecs.strings());
    Locked<String> locked = cache.getAndLock("k", LONG);
    assertThatThrownBy(() -> cache.unlock(locked.handle()))
        .isExactlyInstanceOf(LarderException.class)
        .hasMessageContaining("unlock needs WATCH/MULTI/EXEC");
  }
}
