package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfinispanKeyspaceTest {
  private Engine engine;
  private InfinispanKeyspace keyspace;
  private final List<String> journaled = new ArrayList<>();

  @BeforeEach
  void open() {
    engine = new Engine(1000);
    keyspace = engine.openKeyspace("test");
    keyspace.journalTo(
        new Journal() {
          @Override
          public void set(ByteKey key, StoredValue value) {
            journaled.add("set " + key);
          }

          @Override
          public void setField(ByteKey key, byte[] field, byte[] value) {
            journaled.add("hset " + key + " " + new String(field, StandardCharsets.UTF_8));
          }

          @Override
          public void delete(ByteKey key) {
            journaled.add("del " + key);
          }
        });
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void update_handlerThrowsAfterSet_journalsAndStoresNothing() {
    ByteKey key = ByteKey.of("k");
    assertThatThrownBy(
            () ->
                keyspace.update(
                    key,
                    m -> {
                      m.set(new StringValue(bytes("v")));
                      throw new IllegalStateException("handler failed");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(keyspace.get(key)).isNull();
    assertThat(journaled).isEmpty();
  }

  @Test
  void update_committed_journalsInOrderOfChanges() {
    ByteKey key = ByteKey.of("h");
    keyspace.update(
        key,
        m -> {
          m.setField(bytes("a"), bytes("1"));
          m.setField(bytes("b"), bytes("2"));
          return null;
        });
    keyspace.update(
        key,
        m -> {
          m.delete();
          return null;
        });
    assertThat(journaled).containsExactly("hset h a", "hset h b", "del h");
  }

  @Test
  void loading_fieldAddedToHashPastItsExpiry_landsInThatHashAndExpiresWithIt() {
    keyspace.beginLoading();
    ByteKey key = ByteKey.of("session");
    long past = System.currentTimeMillis() - 1000;
    keyspace.update(
        key,
        m -> {
          m.setField(bytes("a"), bytes("1"));
          m.expireAt(past);
          return null;
        });
    keyspace.update(
        key,
        m -> {
          m.setField(bytes("b"), bytes("2"));
          return null;
        });
    HashValue during = (HashValue) keyspace.get(key);
    assertThat(during.fields().size()).isEqualTo(2);
    assertThat(during.expireAt()).isEqualTo(past);

    keyspace.finishLoading();
    assertThat(keyspace.get(key)).isNull();
    assertThat(keyspace.size()).isZero();
  }

  @Test
  void finishLoading_futureExpiry_keyLivesUntilItsTime() throws InterruptedException {
    keyspace.beginLoading();
    ByteKey key = ByteKey.of("soon");
    long at = System.currentTimeMillis() + 300;
    keyspace.update(
        key,
        m -> {
          m.set(new StringValue(bytes("v"), at));
          return null;
        });
    keyspace.finishLoading();
    assertThat(keyspace.get(key)).isNotNull();
    while (System.currentTimeMillis() <= at) {
      Thread.sleep(20);
    }
    assertThat(keyspace.get(key)).isNull();
  }

  @Test
  void usedMemory_overwritesAndDeletes_accountsOnlyLiveEntries() {
    ByteKey key = ByteKey.of("k");
    keyspace.put(key, new StringValue(new byte[100]));
    long one = keyspace.usedMemory();
    keyspace.put(key, new StringValue(new byte[100]));
    assertThat(keyspace.usedMemory()).isEqualTo(one);
    keyspace.update(
        ByteKey.of("h"),
        m -> {
          m.setField(bytes("f"), new byte[50]);
          return null;
        });
    keyspace.update(
        ByteKey.of("h"),
        m -> {
          m.deleteField(bytes("f"));
          return null;
        });
    keyspace.update(
        key,
        m -> {
          m.delete();
          return null;
        });
    assertThat(keyspace.usedMemory()).isZero();
  }

  @Test
  void reaper_expiredKeys_leaveMemoryAccountAndAreCounted() throws InterruptedException {
    Engine fastReaper = new Engine(50);
    try {
      InfinispanKeyspace reaped = fastReaper.openKeyspace("reaped");
      List<ByteKey> expired = new java.util.concurrent.CopyOnWriteArrayList<>();
      reaped.listenTo(
          new KeyspaceListener() {
            @Override
            public void expired(ByteKey key) {
              expired.add(key);
            }
          });
      long at = System.currentTimeMillis() + 100;
      for (int i = 0; i < 50; i++) {
        reaped.put(ByteKey.of("k" + i), new StringValue(new byte[10], at));
      }
      assertThat(reaped.usedMemory()).isPositive();
      long deadline = System.currentTimeMillis() + 10_000;
      while (reaped.size() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(reaped.size()).isZero();
      assertThat(reaped.usedMemory()).isZero();
      assertThat(expired).hasSize(50);
    } finally {
      fastReaper.close();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
