package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Get, put, add, remove, touch, expiry, prefixes and codecs, on a real server. */
abstract class CacheOperationsContract extends ServerContract {
  record Item(String name, int count) implements Serializable {}

  @Override
  LarderClient.Builder configure(LarderClient.Builder builder) {
    return builder.exclusiveConnections(3); // fewer than the racing threads: some must wait
  }

  @Test
  void get_missingKey_returnsNull() {
    assertThat(cache(Codecs.strings()).get("nothing")).isNull();
  }

  @Test
  void put_thenGet_returnsValue() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "värde ✓");
    assertThat(cache.get("k")).isEqualTo("värde ✓");
  }

  @Test
  void put_existingKey_replacesValue() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "one");
    cache.put("k", "two");
    assertThat(cache.get("k")).isEqualTo("two");
  }

  @Test
  void put_withTtl_setsExpiry() {
    cache(Codecs.strings()).put("k", "v", Duration.ofSeconds(60));
    assertThat((Long) raw("PTTL", storageKey("k"))).isBetween(1L, 60_000L);
  }

  @Test
  void put_withoutTtl_clearsEarlierExpiry() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v", Duration.ofSeconds(60));
    cache.put("k", "w");
    assertThat(raw("PTTL", storageKey("k"))).isEqualTo(-1L);
  }

  @Test
  void put_withShortTtl_entryExpires() throws InterruptedException {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v", Duration.ofMillis(50));
    for (int i = 0; i < 100 && cache.get("k") != null; i++) {
      Thread.sleep(20);
    }
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void put_nullValue_throwsNullPointerException() {
    LarderCache<String> cache = cache(Codecs.strings());
    assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void put_zeroTtl_throwsIllegalArgumentException() {
    LarderCache<String> cache = cache(Codecs.strings());
    assertThatThrownBy(() -> cache.put("k", "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
  }

  @Test
  void add_absentKey_storesAndReturnsTrue() {
    LarderCache<String> cache = cache(Codecs.strings());
    assertThat(cache.add("k", "first")).isTrue();
    assertThat(cache.get("k")).isEqualTo("first");
  }

  @Test
  void add_presentKey_returnsFalseAndKeepsValue() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "first");
    assertThat(cache.add("k", "second")).isFalse();
    assertThat(cache.get("k")).isEqualTo("first");
  }

  @Test
  void add_withTtl_setsExpiry() {
    assertThat(cache(Codecs.strings()).add("k", "v", Duration.ofSeconds(30))).isTrue();
    assertThat((Long) raw("PTTL", storageKey("k"))).isBetween(1L, 30_000L);
  }

  @Test
  void add_tenThreadsSameKey_exactlyOneWins() throws Exception {
    LarderCache<String> cache = cache(Codecs.strings());
    int threads = 10;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String value = "thread-" + i;
        Callable<Boolean> add =
            () -> {
              start.await();
              return cache.add("k", value, Duration.ofMinutes(1));
            };
        outcomes.add(pool.submit(add));
      }
      start.countDown();
      List<String> winners = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        if (outcomes.get(i).get(30, TimeUnit.SECONDS)) {
          winners.add("thread-" + i);
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(cache.get("k")).isEqualTo(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void remove_presentKey_returnsTrueAndRemoves() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v");
    assertThat(cache.remove("k")).isTrue();
    assertThat(cache.get("k")).isNull();
  }

  @Test
  void remove_missingKey_returnsFalse() {
    assertThat(cache(Codecs.strings()).remove("nothing")).isFalse();
  }

  @Test
  void touch_presentKey_resetsExpiry() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v", Duration.ofSeconds(5));
    assertThat(cache.touch("k", Duration.ofHours(1))).isTrue();
    assertThat((Long) raw("PTTL", storageKey("k"))).isGreaterThan(5_000L);
  }

  @Test
  void touch_entryWithoutExpiry_setsExpiry() {
    LarderCache<String> cache = cache(Codecs.strings());
    cache.put("k", "v");
    assertThat(cache.touch("k", Duration.ofSeconds(30))).isTrue();
    assertThat((Long) raw("PTTL", storageKey("k"))).isBetween(1L, 30_000L);
  }

  @Test
  void touch_missingKey_returnsFalse() {
    assertThat(cache(Codecs.strings()).touch("nothing", Duration.ofSeconds(5))).isFalse();
  }

  @Test
  void cache_prefix_storesUnderPrefixColonKey() {
    cache(Codecs.strings()).put("k", "v");
    assertThat(raw("GET", storageKey("k"))).isEqualTo("v");
  }

  @Test
  void cache_twoPrefixes_keepEntriesApart() {
    LarderCache<String> carts = client.cache(prefix + "-carts", Codecs.strings());
    LarderCache<String> users = client.cache(prefix + "-users", Codecs.strings());
    carts.put("1", "cart");
    users.put("1", "user");
    assertThat(carts.get("1")).isEqualTo("cart");
    assertThat(users.get("1")).isEqualTo("user");
  }

  @Test
  void get_valueWrittenByAnotherClient_decodes() {
    raw("SET", storageKey("k"), "{\"name\":\"tea\",\"count\":3}");
    assertThat(cache(Codecs.json(Item.class)).get("k")).isEqualTo(new Item("tea", 3));
  }

  @Test
  void get_undecodableValue_throwsCodecException() {
    raw("SET", storageKey("k"), "not json");
    LarderCache<Item> cache = cache(Codecs.json(Item.class));
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CodecException.class);
  }

  @Test
  void put_valueTheAllowlistRefuses_throwsCodecExceptionAndStoresNothing() {
    LarderCache<Object> cache = cache(Codecs.java("java.lang.String")); // Item is not allowed
    assertThatThrownBy(() -> cache.put("k", new Item("tea", 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(Item.class.getName());
    assertThat(raw("EXISTS", storageKey("k"))).isEqualTo(0L);
  }

  @Test
  void put_jsonValue_roundTrips() {
    LarderCache<Item> cache = cache(Codecs.json(Item.class));
    cache.put("k", new Item("tea", 2));
    assertThat(cache.get("k")).isEqualTo(new Item("tea", 2));
    assertThat(raw("GET", storageKey("k"))).isEqualTo("{\"name\":\"tea\",\"count\":2}");
  }

  @Test
  void put_javaSerializedValue_roundTrips() {
    LarderCache<Object> cache = cache(Codecs.java(Item.class.getName()));
    Map<String, Item> value = Map.of("a", new Item("tea", 2));
    cache.put("k", new java.util.HashMap<>(value));
    assertThat(cache.get("k")).isEqualTo(value);
  }

  @Test
  void put_binaryValue_roundTripsEveryByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    LarderCache<byte[]> cache = cache(Codecs.bytes());
    cache.put("k", all);
    assertThat(cache.get("k")).isEqualTo(all);
  }

  @Test
  void async_putThenGet_completesWithValue() throws Exception {
    AsyncLarderCache<String> cache = cache(Codecs.strings()).async();
    String value =
        cache
            .put("k", "v")
            .thenCompose(ignored -> cache.get("k"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(value).isEqualTo("v");
  }

  @Test
  void async_addRemoveTouch_completeWithOutcomes() throws Exception {
    AsyncLarderCache<String> cache = cache(Codecs.strings()).async();
    assertThat(cache.add("k", "v", Duration.ofMinutes(1)).toCompletableFuture().get()).isTrue();
    assertThat(cache.touch("k", Duration.ofMinutes(2)).toCompletableFuture().get()).isTrue();
    assertThat(cache.remove("k").toCompletableFuture().get()).isTrue();
    assertThat(cache.remove("k").toCompletableFuture().get()).isFalse();
  }

  @Test
  void async_undecodableValue_completesExceptionallyWithCodecException() {
    raw("SET", storageKey("k"), "not json");
    AsyncLarderCache<Item> cache = cache(Codecs.json(Item.class)).async();
    assertThat(cache.get("k").toCompletableFuture())
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(CodecException.class);
  }

  @Test
  void connection_rawLettuceConnection_runsCommands() {
    cache(Codecs.strings()).put("k", "v");
    byte[] key = storageKey("k").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(client.connection().sync().strlen(key)).isEqualTo(1L);
  }
}
