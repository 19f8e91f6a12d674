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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
