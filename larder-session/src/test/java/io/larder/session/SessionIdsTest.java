package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
  @Test
  void next_manyIds_allDistinctWellFormedAndUrlSafe() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = SessionIds.next();
      assertThat(id).hasSize(27).matches("[A-Za-z0-9_-]+");
      assertThat(SessionIds.isWellFormed(id)).isTrue();
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void isWellFormed_foreignValues_false() {
    assertThat(SessionIds.isWellFormed(null)).isFalse();
    assertThat(SessionIds.isWellFormed("")).isFalse();
    assertThat(SessionIds.isWellFormed("ABCDEF0123456789ABCDEF0123")).isFalse(); // 26
    assertThat(SessionIds.isWellFormed("ABCDEF0123456789ABCDEF0123}")).isFalse();
    assertThat(SessionIds.isWellFormed("ABCDEF0123456789ABCDEF012+/")).isFalse();
  }

  @Test
  void forLog_id_showsOnlyAPrefix() {
    String id = SessionIds.next();

    assertThat(SessionIds.forLog(id)).hasSize(7).startsWith(id.substring(0, 6));
  }

  @Test
  void keys_sessionKey_roundTripsThroughIdOf() {
    SessionKeys keys = new SessionKeys("shop");
    String id = SessionIds.next();
    String key = new String(keys.session(id), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(key).isEqualTo("shop:session:{" + id + "}");
    assertThat(keys.idOf(key)).isEqualTo(id);
    assertThat(keys.idOf("other:session:{" + id + "}")).isNull();
    assertThat(keys.exclusive(id)).isEqualTo("shop:session:{" + id + "}:exclusive");
  }
}
