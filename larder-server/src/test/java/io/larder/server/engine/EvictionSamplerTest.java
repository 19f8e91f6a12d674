package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

/**
 * Victim choice of each policy, on a keyspace whose walk order is the keys' order (a sorted map),
 * with access times and expiries set by hand.
 */
class EvictionSamplerTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final long LATER = NOW + 3_600_000;

  private final ConcurrentSkipListMap<ByteKey, StoredValue> entries = new ConcurrentSkipListMap<>();
  private final EvictionSampler sampler = new EvictionSampler(() -> entries.entrySet().iterator());

  @Test
  void next_allkeysLru_choosesLeastRecentlyAccessed() {
    add("a", 30, StoredValue.NO_EXPIRY);
    add("b", 10, LATER);
    add("c", 20, StoredValue.NO_EXPIRY);

    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("b");
  }

  @Test
  void next_volatileLru_choosesLeastRecentlyAccessedAmongKeysWithExpiry() {
    add("a", 10, StoredValue.NO_EXPIRY);
    add("b", 30, LATER);
    add("c", 20, LATER + 1);
    add("d", 5, StoredValue.NO_EXPIRY);

    assertThat(victim(EvictionPolicy.VOLATILE_LRU)).isEqualTo("c");
  }

  @Test
  void next_volatileTtl_choosesNearestExpiry() {
    add("a", 10, LATER + 3000);
    add("b", 20, LATER + 1000);
    add("c", 30, StoredValue.NO_EXPIRY);
    add("d", 40, LATER + 2000);

    assertThat(victim(EvictionPolicy.VOLATILE_TTL)).isEqualTo("b");
  }

  @Test
  void next_volatilePolicyWithoutKeysWithExpiry_returnsNull() {
    for (int i = 0; i < 40; i++) {
      add("k" + i, i, StoredValue.NO_EXPIRY);
    }

    assertThat(sampler.next(EvictionPolicy.VOLATILE_LRU, NOW, entries.size())).isNull();
    assertThat(sampler.next(EvictionPolicy.VOLATILE_TTL, NOW, entries.size())).isNull();
  }

  @Test
  void next_emptyKeyspace_returnsNull() {
    assertThat(sampler.next(EvictionPolicy.ALLKEYS_LRU, NOW, 0)).isNull();
    assertThat(sampler.next(EvictionPolicy.ALLKEYS_RANDOM, NOW, 0)).isNull();
  }

  @Test
  void next_expiredEntry_isTakenBeforeLiveOnes() {
    add("a", 1, StoredValue.NO_EXPIRY);
    add("b", 50, NOW - 1);
    add("c", 2, LATER);

    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("b");
    assertThat(victim(EvictionPolicy.VOLATILE_TTL)).isEqualTo("b");
  }

  @Test
  void next_largeKeyspace_eachSampleContinuesWhereThePreviousStopped() {
    // 64 keys in walk order, each accessed later than the one before: the oldest of each sample
    // is its first key, so the victims show where each sample began
    for (int i = 0; i < 64; i++) {
      add(String.format("k%02d", i), i, StoredValue.NO_EXPIRY);
    }

    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("k00");
    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("k16");
    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("k32");
    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("k48");
    assertThat(victim(EvictionPolicy.ALLKEYS_LRU)).isEqualTo("k00");
  }

  @Test
  void next_volatileKeysSparse_walksOnUntilItFindsOne() {
    for (int i = 0; i < 100; i++) {
      add(String.format("k%03d", i), i, i == 77 ? LATER : StoredValue.NO_EXPIRY);
    }

    assertThat(victim(EvictionPolicy.VOLATILE_LRU)).isEqualTo("k077");
  }

  @Test
  void next_allkeysRandom_choosesEveryKeyOfASampleSometimes() {
    for (int i = 0; i < 8; i++) {
      add("k" + i, 100 - i, StoredValue.NO_EXPIRY);
    }
    Set<String> chosen = new HashSet<>();
    for (int draw = 0; draw < 2000; draw++) {
      chosen.add(victim(EvictionPolicy.ALLKEYS_RANDOM));
    }

    assertThat(chosen).hasSize(8);
  }

  private void add(String key, long lastAccess, long expireAt) {
    StoredValue value = new StringValue(new byte[] {1}, expireAt);
    value.lastAccess = lastAccess;
    entries.put(ByteKey.of(key), value);
  }

  private String victim(EvictionPolicy policy) {
    Map.Entry<ByteKey, StoredValue> entry = sampler.next(policy, NOW, entries.size());
    return entry == null ? null : entry.getKey().toString();
  }
}
