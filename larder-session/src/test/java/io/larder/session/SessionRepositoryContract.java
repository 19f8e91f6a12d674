package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.client.Codec;
import io.larder.client.Codecs;
import io.larder.client.LarderClient;
import io.larder.server.testing.BackendServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session storage against a real server, the {@link BackendServer} its subclass registers: what
 * is written, read, renamed and expired.
 */
@SuppressWarnings("unchecked")
abstract class SessionRepositoryContract {
  private static final AtomicInteger RUN = new AtomicInteger();
  private static final long NOW = System.currentTimeMillis();

  private final Codec<Object> codec = Codecs.java();
  private LarderClient client;
  private SessionRepository repository;
  private String app;
  private Backend backend;

  @BeforeEach
  void open(BackendServer server) {
    backend = Backend.of(server);
    client = backend.client();
    app = "repo" + RUN.incrementAndGet();
    repository = new SessionRepository(client, new SessionKeys(app));
  }

  @AfterEach
  void close() {
    client.close();
  }

  private String key(String id) {
    return app + ":session:{" + id + "}";
  }

  private String saveNew(Map<String, Object> attributes) {
    SessionState state = SessionState.created(SessionIds.next(), 1800, codec, NOW);
    attributes.forEach(state::set);
    SessionWrite write = state.changes();
    repository.save(write);
    return write.id();
  }

  @Test
  void load_unknownId_null() {
    assertThat(repository.load(SessionIds.next())).isNull();
  }

  @Test
  void save_newSession_storesOneHashWithTtl() {
    String id = saveNew(Map.of("user", "ada", "visits", 3));

    assertThat((List<Object>) backend.raw("HKEYS", key(id)))
        .containsExactlyInAnyOrder("created", "timeout", "accessed", "attr:user", "attr:visits");
    assertThat(backend.raw("HGET", key(id), "timeout")).isEqualTo("1800");
    assertThat((Long) backend.raw("PTTL", key(id))).isBetween(1_800_000L, 1_860_000L);
  }

  @Test
  void load_savedSession_returnsMetadataAndAttributes() {
    String id = saveNew(Map.of("user", "ada"));

    StoredSession loaded = repository.load(id);

    assertThat(loaded.id()).isEqualTo(id);
    assertThat(loaded.created()).isEqualTo(NOW);
    assertThat(loaded.accessed()).isEqualTo(NOW);
    assertThat(loaded.timeoutSeconds()).isEqualTo(1800);
    assertThat(codec.decode(loaded.attributes().get("user"))).isEqualTo("ada");
  }

  @Test
  void load_hashWithoutCreated_null() {
    String id = SessionIds.next();
    backend.raw("HSET", key(id), "accessed", "1", "attr:x", "y");

    assertThat(repository.load(id)).isNull();
  }

  @Test
  void save_changedAttribute_writesOnlyThatField() {
    String id = saveNew(Map.of("user", "ada", "theme", "dark"));
    SessionState state = SessionState.loaded(repository.load(id), codec, NOW + 1);
    // Another request changes "theme" meanwhile: attribute-level last writer wins, so this
    // request's save, which touched only "user", must leave it alone.
    backend.raw(
        "HSET",
        key(id),
        "attr:theme",
        new String(codec.encode("light"), java.nio.charset.StandardCharsets.ISO_8859_1));
    state.set("user", "grace");

    repository.save(state.changes());

    StoredSession after = repository.load(id);
    assertThat(codec.decode(after.attributes().get("user"))).isEqualTo("grace");
    assertThat(after.attributes().get("theme")).isNotEqualTo(codec.encode("dark"));
  }

  @Test
  void save_removedAttribute_deletesField() {
    String id = saveNew(Map.of("user", "ada", "theme", "dark"));
    SessionState state = SessionState.loaded(repository.load(id), codec, NOW + 1);
    state.remove("theme");

    repository.save(state.changes());

    assertThat(repository.load(id).attributes()).containsOnlyKeys("user");
  }

  @Test
  void save_refreshDue_slidesTtl() {
    String id = saveNew(Map.of());
    backend.raw("PEXPIRE", key(id), "5000");
    SessionState state = SessionState.loaded(repository.load(id), codec, NOW + 61_000);

    repository.save(state.changes());

    assertThat((Long) backend.raw("PTTL", key(id))).isGreaterThan(1_800_000L);
    assertThat(backend.raw("HGET", key(id), "accessed")).isEqualTo(Long.toString(NOW + 61_000));
  }

  @Test
  void save_timeoutNotPositive_keyNeverExpires() {
    String id = saveNew(Map.of());
    SessionState state = SessionState.loaded(repository.load(id), codec, NOW);
    state.timeoutSeconds(-1);

    repository.save(state.changes());

    assertThat(backend.raw("PTTL", key(id))).isEqualTo(-1L);
  }

  @Test
  void rename_existingSession_movesFieldsAndTtl() {
    String id = saveNew(Map.of("user", "ada"));
    String newId = SessionIds.next();

    assertThat(repository.rename(id, newId)).isTrue();

    assertThat(repository.load(id)).isNull();
    assertThat(codec.decode(repository.load(newId).attributes().get("user"))).isEqualTo("ada");
    assertThat((Long) backend.raw("PTTL", key(newId))).isPositive();
  }

  @Test
  void rename_deletedSession_falseAndNothingCreated() {
    String id = saveNew(Map.of("user", "ada"));
    repository.delete(id);
    String newId = SessionIds.next();

    assertThat(repository.rename(id, newId)).isFalse();
    assertThat(backend.raw("EXISTS", key(newId))).isEqualTo(0L);
  }

  @Test
  void delete_existingSession_goneAndTrue() {
    String id = saveNew(Map.of("user", "ada"));

    assertThat(repository.delete(id)).isTrue();
    assertThat(repository.load(id)).isNull();
    assertThat(repository.delete(id)).isFalse();
  }

  @Test
  void save_afterConcurrentDelete_leavesNoSessionAndAnExpiringFragment() {
    String id = saveNew(Map.of("user", "ada"));
    SessionState state = SessionState.loaded(repository.load(id), codec, NOW + 1);
    repository.delete(id); // another request invalidates
    state.set("user", "grace");

    repository.save(state.changes());

    assertThat(repository.load(id)).isNull();
    assertThat((Long) backend.raw("PTTL", key(id))).isPositive();
  }
}
