package io.larder.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Engine;
import io.larder.server.engine.EvictionPolicy;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import io.larder.server.persist.Durability;
import io.larder.server.persist.FsyncPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantRegistryTest {
  private static final long MB = 1024 * 1024;

  @TempDir Path dataDir;

  private Engine engine;
  private Durability durability;
  private TenantRegistry registry;
  private final List<String> closed = new ArrayList<>();

  /** Opens a registry on dataDir, as a server start does; persistence on unless told otherwise. */
  private TenantRegistry open(boolean persistence) throws IOException {
    engine = new Engine(1000);
    durability = persistence ? new Durability(FsyncPolicy.EVERYSEC, 1 << 20) : null;
    registry = new TenantRegistry(dataDir, engine, durability);
    registry.open(null);
    registry.connections(
        new TenantConnections() {
          @Override
          public void close(Tenant tenant, KeySlot slot) {
            closed.add(tenant.name() + ":" + (slot == null ? "all" : slot.label()));
          }

          @Override
          public int count(Tenant tenant) {
            return countByTenant().getOrDefault(tenant, 0);
          }

          @Override
          public Map<Tenant, Integer> countByTenant() {
            Tenant shop = registry.get("shop");
            return shop == null ? Map.of() : Map.of(shop, 2);
          }
        });
    return registry;
  }

  private TenantRegistry open() throws IOException {
    return open(true);
  }

  /** Stops and opens again on the same data directory: a restart. */
  private TenantRegistry reopen() throws IOException {
    shutDown();
    return open(durability != null);
  }

  @AfterEach
  void shutDown() {
    if (durability != null) {
      durability.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (engine != null) {
      engine.close();
    }
    registry = null;
    engine = null;
  }

  private static void set(Tenant tenant, String key, String value) {
    tenant.keyspace().put(ByteKey.of(key), new StringValue(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static String get(Tenant tenant, String key) {
    StoredValue value = tenant.keyspace().get(ByteKey.of(key));
    return value == null ? null : new String(((StringValue) value).bytes(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(AccessKey key) {
    return key.text().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void open_freshDataDir_createsDefaultWithDefaultSettings() throws IOException {
    open();

    Tenant tenant = registry.get(TenantRegistry.DEFAULT);
    assertThat(tenant).isNotNull();
    assertThat(tenant.settings()).isEqualTo(CacheSettings.defaults(true));
    assertThat(tenant.persistent()).isTrue();
    assertThat(Files.exists(dataDir.resolve("caches.json"))).isTrue();
  }

  @Test
  void create_validName_opensEmptyCacheWithTwoDifferentKeys() throws IOException {
    open();

    Tenant shop = registry.create("shop", CacheSettings.defaults(true));

    assertThat(shop.keyspace().size()).isZero();
    assertThat(shop.primaryKey().text()).hasSize(43).isNotEqualTo(shop.secondaryKey().text());
    assertThat(registry.authenticate("shop", bytes(shop.primaryKey())).slot())
        .isEqualTo(KeySlot.PRIMARY);
    assertThat(registry.authenticate("shop", bytes(shop.secondaryKey())).slot())
        .isEqualTo(KeySlot.SECONDARY);
    assertThat(registry.all()).extracting(Tenant::name).containsExactly("default", "shop");
  }

  @Test
  void create_badNames_areRefusedNamingTheRule() throws IOException {
    open();

    for (String name : List.of("Shop", "-a", "a-", "a_b", "", "a".repeat(64), "a b", "caché")) {
      assertThatThrownBy(() -> registry.create(name, CacheSettings.defaults(true)))
          .as(name)
          .isInstanceOfSatisfying(
              TenantException.class,
              e -> assertThat(e.reason()).isEqualTo(TenantException.Reason.INVALID))
          .hasMessageContaining("name")
          .hasMessageContaining("lowercase letters");
    }
    assertThat(registry.all()).extracting(Tenant::name).containsExactly("default");
  }

  @Test
  void create_boundaryNames_areAccepted() throws IOException {
    open();

    registry.create("a", CacheSettings.defaults(true));
    registry.create("a".repeat(63), CacheSettings.defaults(true));
    registry.create("0-my-cache-9", CacheSettings.defaults(true));

    assertThat(registry.all()).hasSize(4);
  }

  @Test
  void create_existingName_isAConflict() throws IOException {
    open();
    registry.create("shop", CacheSettings.defaults(true));

    assertThatThrownBy(() -> registry.create("shop", CacheSettings.defaults(true)))
        .isInstanceOfSatisfying(
            TenantException.class,
            e -> assertThat(e.reason()).isEqualTo(TenantException.Reason.CONFLICT))
        .hasMessageContaining("already exists");
  }

  @Test
  void create_persistenceWithoutAppendonly_isRefused() throws IOException {
    open(false);

    assertThatThrownBy(() -> registry.create("shop", CacheSettings.defaults(true)))
        .isInstanceOf(TenantException.class)
        .hasMessageContaining("persistence")
        .hasMessageContaining("appendonly");
    assertThat(registry.create("shop", CacheSettings.defaults(false)).persistent()).isFalse();
  }

  @Test
  void settings_tooLittleMemory_isRefusedNamingTheField() {
    assertThatThrownBy(() -> CacheSettings.defaults(true).withMemoryQuota(MB - 1))
        .isInstanceOf(TenantException.class)
        .hasMessageStartingWith("memory");
  }

  @Test
  void update_settings_changeOnlyWhatWasAsked() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));

    registry.update(
        "shop", s -> s.withMemoryQuota(64 * MB).withEviction(EvictionPolicy.ALLKEYS_LRU));

    assertThat(shop.settings())
        .isEqualTo(new CacheSettings(64 * MB, EvictionPolicy.ALLKEYS_LRU, 0, true));
  }

  @Test
  void update_unknownCache_isNotFound() throws IOException {
    open();

    assertThatThrownBy(() -> registry.update("nope", s -> s))
        .isInstanceOfSatisfying(
            TenantException.class,
            e -> assertThat(e.reason()).isEqualTo(TenantException.Reason.NOT_FOUND))
        .hasMessageContaining("nope");
  }

  @Test
  void regenerate_primary_replacesOnlyPrimaryAndClosesItsConnections() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));
    AccessKey oldPrimary = shop.primaryKey();
    AccessKey secondary = shop.secondaryKey();
    Login oldLogin = registry.authenticate("shop", bytes(oldPrimary));

    registry.regenerate("shop", KeySlot.PRIMARY);

    assertThat(registry.authenticate("shop", bytes(oldPrimary))).isNull();
    assertThat(registry.authenticate("shop", bytes(shop.primaryKey()))).isNotNull();
    assertThat(shop.secondaryKey()).isSameAs(secondary);
    assertThat(registry.authenticate("shop", bytes(secondary)).slot()).isEqualTo(KeySlot.SECONDARY);
    assertThat(oldLogin.stillValid()).isFalse();
    assertThat(closed).containsExactly("shop:primary");
  }

  @Test
  void regenerate_secondary_keepsPrimary() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));
    AccessKey primary = shop.primaryKey();
    AccessKey oldSecondary = shop.secondaryKey();

    registry.regenerate("shop", KeySlot.SECONDARY);

    assertThat(shop.primaryKey()).isSameAs(primary);
    assertThat(shop.secondaryKey().text()).isNotEqualTo(oldSecondary.text());
    assertThat(registry.authenticate("shop", bytes(oldSecondary))).isNull();
    assertThat(closed).containsExactly("shop:secondary");
  }

  @Test
  void delete_cache_closesConnectionsAndDropsDataAndFiles() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));
    set(shop, "k", "v");
    Login login = registry.authenticate("shop", bytes(shop.primaryKey()));
    assertThat(dataDir.resolve("caches/shop")).isDirectory();

    registry.delete("shop");

    assertThat(registry.get("shop")).isNull();
    assertThat(registry.authenticate("shop", bytes(shop.primaryKey()))).isNull();
    assertThat(login.stillValid()).isFalse();
    assertThat(closed).containsExactly("shop:all");
    assertThat(dataDir.resolve("caches/shop")).doesNotExist();
  }

  @Test
  void create_afterDelete_startsEmptyWithNewKeys() throws IOException {
    open();
    Tenant first = registry.create("shop", CacheSettings.defaults(true));
    set(first, "k", "v");
    registry.delete("shop");

    Tenant second = registry.create("shop", CacheSettings.defaults(true));

    assertThat(second.keyspace().size()).isZero();
    assertThat(get(second, "k")).isNull();
    assertThat(second.primaryKey().text()).isNotEqualTo(first.primaryKey().text());
    reopen();
    assertThat(get(registry.get("shop"), "k")).isNull();
  }

  @Test
  void reopen_keepsCachesKeysSettingsAndData() throws IOException {
    open();
    CacheSettings settings = new CacheSettings(64 * MB, EvictionPolicy.VOLATILE_TTL, 1800, true);
    Tenant shop = registry.create("shop", settings);
    String primary = shop.primaryKey().text();
    registry.regenerate("shop", KeySlot.SECONDARY);
    String secondary = shop.secondaryKey().text();
    long createdAt = shop.createdAt();
    set(shop, "k", "v");

    reopen();

    Tenant reopened = registry.get("shop");
    assertThat(reopened.primaryKey().text()).isEqualTo(primary);
    assertThat(reopened.secondaryKey().text()).isEqualTo(secondary);
    assertThat(reopened.settings()).isEqualTo(settings);
    assertThat(reopened.createdAt()).isEqualTo(createdAt);
    assertThat(get(reopened, "k")).isEqualTo("v");
  }

  @Test
  void reopen_afterDefaultWasDeleted_doesNotRecreateIt() throws IOException {
    open();
    registry.create("shop", CacheSettings.defaults(true));
    registry.delete(TenantRegistry.DEFAULT);

    reopen();

    assertThat(registry.all()).extracting(Tenant::name).containsExactly("shop");
  }

  @Test
  void definitions_areReadableByTheOwnerOnly() throws IOException {
    open();
    registry.create("shop", CacheSettings.defaults(true));

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("caches.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void open_definitionsWithoutSettings_getTheDefaults() throws IOException {
    Files.writeString(
        dataDir.resolve("caches.json"),
        "[{\"name\":\"old\",\"createdAt\":1,\"primaryKey\":\"old-primary-0123456789abcdef\","
            + "\"secondaryKey\":\"old-secondary-0123456789abcdef\"}]");

    open();

    assertThat(registry.all()).extracting(Tenant::name).containsExactly("old");
    assertThat(registry.get("old").settings()).isEqualTo(CacheSettings.defaults(true));
  }

  @Test
  void update_persistenceOn_snapshotsTheDataSoItSurvivesARestart() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(false));
    set(shop, "before", "1");
    assertThat(shop.persistent()).isFalse();

    registry.update("shop", s -> s.withPersistence(true));
    set(shop, "after", "2");

    assertThat(shop.persistent()).isTrue();
    reopen();
    Tenant reopened = registry.get("shop");
    assertThat(get(reopened, "before")).isEqualTo("1");
    assertThat(get(reopened, "after")).isEqualTo("2");
  }

  @Test
  void update_persistenceOff_deletesTheStoredData() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));
    set(shop, "k", "v");

    registry.update("shop", s -> s.withPersistence(false));

    assertThat(shop.persistent()).isFalse();
    assertThat(get(shop, "k")).isEqualTo("v");
    assertThat(dataDir.resolve("caches/shop")).doesNotExist();
    reopen();
    assertThat(registry.get("shop").keyspace().size()).isZero();
  }

  @Test
  void update_persistenceOnWithoutAppendonly_isRefused() throws IOException {
    open(false);
    registry.create("shop", CacheSettings.defaults(false));

    assertThatThrownBy(() -> registry.update("shop", s -> s.withPersistence(true)))
        .isInstanceOf(TenantException.class)
        .hasMessageContaining("appendonly");
    assertThat(registry.get("shop").settings().persistence()).isFalse();
  }

  @Test
  void activityRecorder_samplesEveryCacheWithItsConnections() throws IOException {
    open();
    Tenant shop = registry.create("shop", CacheSettings.defaults(true));
    set(shop, "k", "v");
    shop.stats().hits.add(3);

    new ActivityRecorder(registry).sampleAll();

    CacheSample sample = shop.activity().history().get(0);
    assertThat(sample.keys()).isEqualTo(1);
    assertThat(sample.hits()).isEqualTo(3);
    assertThat(sample.connectedClients()).isEqualTo(2);
    assertThat(sample.usedMemory()).isPositive();
    assertThat(registry.get("default").activity().history().get(0).connectedClients()).isZero();
  }
}
