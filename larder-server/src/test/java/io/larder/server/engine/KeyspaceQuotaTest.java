package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Quotas, eviction and default expiry on a real keyspace. Keyspaces here hold fewer keys than one
 * eviction sample, so every eviction sees every key and the victim is exactly the policy's choice;
 * access times come from a clock the tests move by hand.
 */
class KeyspaceQuotaTest {
  private static final int VALUE_SIZE = 100;
  private static final long HOUR = 3_600_000;

  private final AccessClock clock = AccessClock.manual(1_000);
  private final List<String> journaled = new CopyOnWriteArrayList<>();
  private final List<String> evicted = new CopyOnWriteArrayList<>();
  private final List<String> expired = new CopyOnWriteArrayList<>();
  private Engine engine;
  private InfinispanKeyspace keyspace;

  /** What one key of this test costs: "k" and one digit, a 100-byte string. */
  private long entryCost;

  @BeforeEach
  void open() {
    engine = new Engine(60_000);
    keyspace = engine.openKeyspace("quota", clock);
    keyspace.journalTo(
        new Journal() {
          @Override
          public void set(ByteKey key, StoredValue value) {
            journaled.add("set " + key + (value.hasExpiry() ? " @" + value.expireAt() : ""));
          }

          @Override
          public void delete(ByteKey key) {
            journaled.add("del " + key);
          }

          @Override
          public void expireAt(ByteKey key, long expireAt) {
            journaled.add("expireat " + key + " " + expireAt);
          }
        });
    keyspace.listenTo(
        new KeyspaceListener() {
          @Override
          public void evicted(ByteKey key) {
            evicted.add(key.toString());
          }

          @Override
          public void expired(ByteKey key) {
            expired.add(key.toString());
          }
        });
    keyspace.put(ByteKey.of("k0"), value(StoredValue.NO_EXPIRY));
    entryCost = keyspace.usedMemory();
    keyspace.clear();
    journaled.clear();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void usedMemory_oneString_isKeyValueAndOverheads() {
    // 88 fixed, the key's array (16 + 2, aligned: 24), the value's wrapper (32) and array (16 +
    // 100,
    // aligned: 120)
    assertThat(entryCost).isEqualTo(MemoryAccount.ENTRY_OVERHEAD + 24 + 32 + 120);
  }

  @Test
  void put_allkeysLruOverQuota_evictsLeastRecentlyUsedAndJournalsDeletion() {
    writeTen(StoredValue.NO_EXPIRY);
    clock.set(2_000);
    keyspace.get(ByteKey.of("k0"));
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_LRU));

    clock.set(3_000);
    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));

    assertThat(keyspace.peek(ByteKey.of("k1"))).isNull();
    assertThat(keyspace.peek(ByteKey.of("k0"))).isNotNull();
    assertThat(keyspace.peek(ByteKey.of("n0"))).isNotNull();
    assertThat(evicted).containsExactly("k1");
    assertThat(journaled).endsWith("set n0", "del k1");
    assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(keyspace.limits().quotaBytes());
  }

  @Test
  void update_allkeysLruOverQuota_evictsAfterTheWriteCommits() {
    writeTen(StoredValue.NO_EXPIRY);
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_LRU));

    clock.set(3_000);
    keyspace.update(
        ByteKey.of("k9"),
        m -> {
          // grows by two entries and more than the array's alignment: three keys must go
          m.set(new StringValue(new byte[(int) (VALUE_SIZE + 2 * entryCost + 9)]));
          return null;
        });

    assertThat(evicted).containsExactly("k0", "k1", "k2");
    assertThat(keyspace.peek(ByteKey.of("k9"))).isNotNull();
    assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(keyspace.limits().quotaBytes());
  }

  @Test
  void peek_doesNotCountAsAnAccess() {
    writeTen(StoredValue.NO_EXPIRY);
    clock.set(2_000);
    keyspace.peek(ByteKey.of("k0"));
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_LRU));

    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));

    assertThat(evicted).containsExactly("k0");
  }

  @Test
  void put_volatileLruOverQuota_evictsLeastRecentlyUsedKeyWithExpiry() {
    long later = System.currentTimeMillis() + HOUR;
    for (int i = 0; i < 10; i++) {
      clock.set(1_000 + i);
      keyspace.put(ByteKey.of("k" + i), value(i < 5 ? StoredValue.NO_EXPIRY : later));
    }
    clock.set(2_000);
    keyspace.get(ByteKey.of("k5"));
    keyspace.configure(limits(EvictionPolicy.VOLATILE_LRU));

    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));

    assertThat(evicted).containsExactly("k6");
  }

  @Test
  void put_volatileTtlOverQuota_evictsNearestExpiryFirst() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < 10; i++) {
      // k3 expires soonest, then k7; the rest have no expiry or a later one
      long expireAt =
          switch (i) {
            case 3 -> now + HOUR;
            case 7 -> now + 2 * HOUR;
            case 0, 1 -> StoredValue.NO_EXPIRY;
            default -> now + (3 + i) * HOUR;
          };
      keyspace.put(ByteKey.of("k" + i), value(expireAt));
    }
    keyspace.configure(limits(EvictionPolicy.VOLATILE_TTL));

    keyspace.put(ByteKey.of("n1"), value(StoredValue.NO_EXPIRY));
    keyspace.put(ByteKey.of("n2"), value(StoredValue.NO_EXPIRY));

    assertThat(evicted).containsExactly("k3", "k7");
  }

  @Test
  void freeMemoryIfNeeded_volatilePolicyWithoutKeysWithExpiry_refusesAndEvictsNothing() {
    writeTen(StoredValue.NO_EXPIRY);
    keyspace.configure(limits(EvictionPolicy.VOLATILE_LRU));

    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));

    assertThat(keyspace.freeMemoryIfNeeded()).isFalse();
    assertThat(evicted).isEmpty();
    assertThat(keyspace.size()).isEqualTo(11);
  }

  @Test
  void freeMemoryIfNeeded_noeviction_answersWhetherUsageIsWithinQuota() {
    writeTen(StoredValue.NO_EXPIRY);
    keyspace.configure(limits(EvictionPolicy.NOEVICTION));
    assertThat(keyspace.freeMemoryIfNeeded()).isTrue();

    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));
    assertThat(keyspace.freeMemoryIfNeeded()).isFalse();
    assertThat(evicted).isEmpty();

    keyspace.update(
        ByteKey.of("k0"),
        m -> {
          m.delete();
          return null;
        });
    assertThat(keyspace.freeMemoryIfNeeded()).isTrue();
  }

  @Test
  void put_allkeysRandomOverQuota_evictsOneKeyPerKeyWritten() {
    writeTen(StoredValue.NO_EXPIRY);
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_RANDOM));

    for (int i = 0; i < 5; i++) {
      keyspace.put(ByteKey.of("n" + i), value(StoredValue.NO_EXPIRY));
      assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(keyspace.limits().quotaBytes());
    }

    assertThat(evicted).hasSize(5).doesNotHaveDuplicates();
    assertThat(keyspace.size()).isEqualTo(10);
  }

  @Test
  void put_overQuotaWithAKeyPastItsExpiry_reclaimsThatKeyAsExpiredFirst()
      throws InterruptedException {
    writeTen(StoredValue.NO_EXPIRY);
    ByteKey brief = ByteKey.of("k5");
    long at = System.currentTimeMillis() + 50;
    keyspace.put(brief, value(at));
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_LRU));
    while (System.currentTimeMillis() <= at) {
      Thread.sleep(10);
    }

    keyspace.put(ByteKey.of("n0"), value(StoredValue.NO_EXPIRY));

    assertThat(expired).containsExactly("k5");
    assertThat(evicted).isEmpty();
    assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(keyspace.limits().quotaBytes());
  }

  @Test
  void configure_quotaLoweredUnderUsage_evictsAtOnce() {
    writeTen(StoredValue.NO_EXPIRY);

    keyspace.configure(new MemoryLimits(4 * entryCost, EvictionPolicy.ALLKEYS_LRU, 0));

    assertThat(evicted).containsExactly("k0", "k1", "k2", "k3", "k4", "k5");
    assertThat(keyspace.usedMemory()).isEqualTo(4 * entryCost);
  }

  @Test
  void exclusive_writesPastQuota_evictsOnceTheOperationEnds() {
    writeTen(StoredValue.NO_EXPIRY);
    keyspace.configure(limits(EvictionPolicy.ALLKEYS_LRU));
    clock.set(3_000);

    keyspace.exclusive(
        () -> {
          for (int i = 0; i < 3; i++) {
            keyspace.put(ByteKey.of("m" + i), value(StoredValue.NO_EXPIRY));
          }
          assertThat(evicted).isEmpty();
          return null;
        });

    assertThat(evicted).containsExactly("k0", "k1", "k2");
    assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(keyspace.limits().quotaBytes());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void put_concurrentWritersAndMultiKeyOperations_endWithinQuotaWithoutDeadlock() throws Exception {
    long quota = 50 * entryCost;
    keyspace.configure(new MemoryLimits(quota, EvictionPolicy.ALLKEYS_LRU, 0));
    ExecutorService writers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            writers.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    ByteKey key = ByteKey.of("t" + thread + ":" + i);
                    if (i % 50 == 0) {
                      keyspace.exclusive(
                          () -> {
                            keyspace.put(key, value(StoredValue.NO_EXPIRY));
                            return null;
                          });
                    } else {
                      keyspace.update(
                          key,
                          m -> {
                            m.setField(bytes("f"), new byte[VALUE_SIZE]);
                            return null;
                          });
                    }
                  }
                }));
      }
      for (Future<?> writer : done) {
        writer.get();
      }
    } finally {
      writers.shutdownNow();
    }

    assertThat(keyspace.usedMemory()).isLessThanOrEqualTo(quota);
    assertThat(evicted).isNotEmpty();
    long live = 0;
    for (ByteKey key : keyspace.keys()) {
      StoredValue value = keyspace.peek(key);
      live += value == null ? 0 : MemoryAccount.costOf(key, value, value.weight());
    }
    assertThat(keyspace.usedMemory()).isEqualTo(live);
  }

  @Test
  void put_defaultExpiry_givesKeysWrittenWithoutExpiryTheDefault() {
    keyspace.configure(new MemoryLimits(HOUR, EvictionPolicy.NOEVICTION, 60_000));
    long before = System.currentTimeMillis();

    keyspace.put(ByteKey.of("plain"), value(StoredValue.NO_EXPIRY));
    long explicit = before + HOUR;
    keyspace.put(ByteKey.of("explicit"), value(explicit));

    long plainExpiry = keyspace.peek(ByteKey.of("plain")).expireAt();
    assertThat(plainExpiry).isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
    assertThat(keyspace.peek(ByteKey.of("explicit")).expireAt()).isEqualTo(explicit);
    assertThat(journaled).containsExactly("set plain @" + plainExpiry, "set explicit @" + explicit);
  }

  @Test
  void update_defaultExpiry_newHashGetsItAndLaterFieldsKeepIt() {
    keyspace.configure(new MemoryLimits(HOUR, EvictionPolicy.NOEVICTION, 60_000));
    ByteKey key = ByteKey.of("session");
    setField(key, "a");
    long first = keyspace.peek(key).expireAt();
    assertThat(first).isPositive();

    clock.set(5_000);
    setField(key, "b");

    assertThat(keyspace.peek(key).expireAt()).isEqualTo(first);
    assertThat(journaled).contains("expireat session " + first);
  }

  @Test
  void update_defaultExpiryAndPersist_resetsTheKeyToTheDefaultExpiry() {
    keyspace.configure(new MemoryLimits(HOUR, EvictionPolicy.NOEVICTION, 60_000));
    ByteKey key = ByteKey.of("k");
    keyspace.put(key, value(System.currentTimeMillis() + HOUR));

    long before = System.currentTimeMillis();
    keyspace.update(
        key,
        m -> {
          m.expireAt(StoredValue.NO_EXPIRY);
          return null;
        });

    assertThat(keyspace.peek(key).expireAt())
        .isBetween(before + 60_000, System.currentTimeMillis() + 60_000);
  }

  @Test
  void put_noDefaultExpiry_keepsKeysPersistent() {
    keyspace.put(ByteKey.of("k"), value(StoredValue.NO_EXPIRY));

    assertThat(keyspace.peek(ByteKey.of("k")).hasExpiry()).isFalse();
  }

  /** k0..k9, written one clock tick apart (k0 is the least recently used). */
  private void writeTen(long expireAt) {
    for (int i = 0; i < 10; i++) {
      clock.set(1_000 + i);
      keyspace.put(ByteKey.of("k" + i), value(expireAt));
    }
    assertThat(keyspace.usedMemory()).isEqualTo(10 * entryCost);
  }

  /** Room for exactly what is stored now (ten keys like k0, or a little more with expiries). */
  private MemoryLimits limits(EvictionPolicy policy) {
    return new MemoryLimits(keyspace.usedMemory(), policy, 0);
  }

  private void setField(ByteKey key, String field) {
    keyspace.update(
        key,
        m -> {
          m.setField(bytes(field), bytes("v"));
          return null;
        });
  }

  private static StringValue value(long expireAt) {
    return new StringValue(new byte[VALUE_SIZE], expireAt);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
