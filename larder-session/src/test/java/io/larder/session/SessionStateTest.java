package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.client.Codec;
import io.larder.client.Codecs;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionStateTest {
  static final class Cart implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<String> items = new ArrayList<>();
  }

  static final class Outsider implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static final class NotSerializable {}

  private static final long NOW = 1_700_000_000_000L;
  private final Codec<Object> codec = Codecs.java(SessionStateTest.class.getName() + "$Cart");

  private SessionState loaded(long accessed, Map<String, Object> attributes) {
    Map<String, byte[]> stored = new HashMap<>();
    attributes.forEach((name, value) -> stored.put(name, codec.encode(value)));
    return SessionState.loaded(
        new StoredSession("id", NOW - 3_600_000, accessed, 1800, stored), codec, NOW);
  }

  @Test
  void changes_newSession_writesEverythingWithTtl() {
    SessionState state = SessionState.created("id", 1800, codec, NOW);
    state.set("user", "ada");

    SessionWrite write = state.changes();

    assertThat(write.fields())
        .containsOnlyKeys("created", "timeout", "accessed", "attr:user")
        .containsEntry("created", bytes(NOW))
        .containsEntry("timeout", bytes(1800));
    assertThat(write.fields().get("attr:user")).isEqualTo(codec.encode("ada"));
    assertThat(write.ttlMillis()).isEqualTo(1800_000L + 60_000L);
  }

  @Test
  void changes_untouchedRecentlyAccessed_writesNothing() {
    SessionState state = loaded(NOW - 1_000, Map.of("user", "ada"));
    state.get("user");

    assertThat(state.changes().isEmpty()).isTrue();
  }

  @Test
  void changes_accessOlderThanRefreshInterval_refreshesAccessAndTtlOnly() {
    SessionState state = loaded(NOW - 61_000, Map.of("user", "ada"));

    SessionWrite write = state.changes();

    assertThat(write.fields()).containsOnlyKeys("accessed").containsEntry("accessed", bytes(NOW));
    assertThat(write.removedAttributes()).isEmpty();
    assertThat(write.ttlMillis()).isEqualTo(1860_000L);
  }

  @Test
  void changes_valueMutatedInPlace_writesIt() {
    Cart cart = new Cart();
    SessionState state = loaded(NOW - 1_000, Map.of("cart", cart));
    ((Cart) state.get("cart")).items.add("apple");

    SessionWrite write = state.changes();

    assertThat(write.fields()).containsKeys("attr:cart", "accessed");
    Cart saved = (Cart) codec.decode(write.fields().get("attr:cart"));
    assertThat(saved.items).containsExactly("apple");
  }

  @Test
  void changes_setToEqualValue_writesNothing() {
    SessionState state = loaded(NOW - 1_000, Map.of("user", "ada"));
    state.set("user", "ada");

    assertThat(state.changes().isEmpty()).isTrue();
  }

  @Test
  void changes_removedAttribute_deletesItsField() {
    SessionState state = loaded(NOW - 1_000, Map.of("user", "ada", "theme", "dark"));

    assertThat(state.remove("theme")).isEqualTo("dark");
    SessionWrite write = state.changes();

    assertThat(write.removedAttributes()).containsExactly("theme");
    assertThat(write.fields()).containsOnlyKeys("accessed");
  }

  @Test
  void changes_afterWritten_nothingMoreToWrite() {
    SessionState state = loaded(NOW - 61_000, Map.of());
    state.set("cart", new Cart());
    state.written(state.changes());

    assertThat(state.changes().isEmpty()).isTrue();
    assertThat(state.accessed()).isEqualTo(NOW);
    assertThat(state.persisted()).isTrue();
  }

  @Test
  void changes_timeoutChanged_writesTimeoutAndNewTtl() {
    SessionState state = loaded(NOW - 1_000, Map.of());
    state.timeoutSeconds(60);

    SessionWrite write = state.changes();

    assertThat(write.fields()).containsEntry("timeout", bytes(60));
    assertThat(write.ttlMillis()).isEqualTo(66_000L);
  }

  @Test
  void changes_timeoutNotPositive_persists() {
    SessionState state = SessionState.created("id", 0, codec, NOW);

    assertThat(state.changes().ttlMillis()).isZero();
  }

  @Test
  void get_storedValueOfRefusedClass_droppedAndDeletedOnSave() {
    Codec<Object> writer = Codecs.java(SessionStateTest.class.getName() + "$Outsider");
    SessionState state =
        SessionState.loaded(
            new StoredSession(
                "id", NOW, NOW, 1800, Map.of("gadget", writer.encode(new Outsider()))),
            codec,
            NOW);

    assertThat(state.get("gadget")).isNull();
    assertThat(state.names()).doesNotContain("gadget");
    assertThat(state.changes().removedAttributes()).containsExactly("gadget");
  }

  @Test
  void get_garbageBytes_dropped() {
    SessionState state =
        SessionState.loaded(
            new StoredSession("id", NOW, NOW, 1800, Map.of("x", new byte[] {1, 2, 3})), codec, NOW);

    assertThat(state.get("x")).isNull();
  }

  @Test
  void set_notSerializable_failsNamingAttributeAndClass() {
    SessionState state = SessionState.created("id", 1800, codec, NOW);

    assertThatThrownBy(() -> state.set("thing", new NotSerializable()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'thing'")
        .hasMessageContaining(NotSerializable.class.getName());
    assertThat(state.names()).isEmpty();
  }

  @Test
  void set_classOutsideAllowlist_failsNamingTheSetting() {
    SessionState state = SessionState.created("id", 1800, codec, NOW);

    assertThatThrownBy(() -> state.set("o", new Outsider()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Outsider.class.getName())
        .hasMessageContaining("larder.session.allowlist");
  }

  @Test
  void refreshMillis_shortTimeout_isATenth() {
    assertThat(SessionState.refreshMillis(60)).isEqualTo(6_000);
    assertThat(SessionState.refreshMillis(3600)).isEqualTo(60_000);
  }

  private static byte[] bytes(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }
}
