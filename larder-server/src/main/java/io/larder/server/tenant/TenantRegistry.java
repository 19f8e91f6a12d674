package io.larder.server.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Engine;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.KeyspaceListener;
import io.larder.server.persist.AppendOnlyStore;
import io.larder.server.persist.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named caches of this server (DESIGN.md D2): their definitions, kept in {@code caches.json} in
 * the data directory with owner-only permissions (it holds the access keys), and their open
 * keyspaces. On first start it creates the cache {@code default}.
 */
public final class TenantRegistry implements AutoCloseable {
  public static final String DEFAULT = "default";
  private static final String DEFINITIONS = "caches.json";

  private final Path dataDir;
  private final Engine engine;
  private final Durability durability;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final Map<String, AppendOnlyStore> stores = new ConcurrentHashMap<>();

  /** Compared against when the cache name is unknown, so the reply takes the same time. */
  private final AccessKey decoy = AccessKey.generate();

  /**
   * @param durability where caches journal their changes, or null when persistence is off
   */
  public TenantRegistry(Path dataDir, Engine engine, Durability durability) {
    this.dataDir = dataDir;
    this.engine = engine;
    this.durability = durability;
  }

  /**
   * Loads every cache defined in the data directory, creating {@code default} if there is none.
   *
   * @param defaultKey the primary key to give {@code default} (from {@code LARDER_DEFAULT_KEY}), or
   *     null to keep the stored one or generate one
   */
  public void open(AccessKey defaultKey) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(DEFINITIONS);
    List<TenantDefinition> definitions = new ArrayList<>();
    if (Files.exists(file)) {
      definitions.addAll(List.of(json.readValue(file.toFile(), TenantDefinition[].class)));
    }
    boolean changed = false;
    if (definitions.stream().noneMatch(d -> d.name().equals(DEFAULT))) {
      definitions.add(TenantDefinition.create(DEFAULT, System.currentTimeMillis()));
      changed = true;
    }
    for (TenantDefinition definition : definitions) {
      if (definition.name().equals(DEFAULT)
          && defaultKey != null
          && !defaultKey.text().equals(definition.primaryKey())) {
        definition = definition.withPrimaryKey(defaultKey.text());
        changed = true;
      }
      openTenant(definition);
    }
    if (changed) {
      save();
    }
  }

  public Tenant get(String name) {
    return tenants.get(name);
  }

  public Collection<Tenant> all() {
    return List.copyOf(tenants.values());
  }

  /** The cache that user may enter with password, or null. Timing does not reveal which failed. */
  public Tenant authenticate(String user, byte[] password) {
    Tenant tenant = tenants.get(user);
    if (tenant == null) {
      decoy.matches(password);
      return null;
    }
    return tenant.accepts(password) ? tenant : null;
  }

  private void openTenant(TenantDefinition definition) throws IOException {
    InfinispanKeyspace keyspace = engine.openKeyspace(definition.name());
    if (durability != null) {
      keyspace.beginLoading();
      AppendOnlyStore store =
          AppendOnlyStore.open(
              dataDir.resolve("caches").resolve(definition.name()),
              durability.fsyncPolicy(),
              keyspace);
      keyspace.finishLoading();
      keyspace.journalTo(store.log());
      durability.track(store, keyspace);
      stores.put(definition.name(), store);
    }
    Tenant tenant =
        new Tenant(
            definition.name(),
            definition.createdAt(),
            AccessKey.of(definition.primaryKey()),
            AccessKey.of(definition.secondaryKey()),
            keyspace);
    keyspace.listenTo(
        new KeyspaceListener() {
          @Override
          public void expired(ByteKey key) {
            tenant.stats().expiredKeys.increment();
          }
        });
    tenants.put(definition.name(), tenant);
  }

  private synchronized void save() throws IOException {
    List<TenantDefinition> definitions = new ArrayList<>();
    for (Tenant tenant : tenants.values()) {
      definitions.add(
          new TenantDefinition(
              tenant.name(),
              tenant.createdAt(),
              tenant.primaryKey().text(),
              tenant.secondaryKey().text()));
    }
    byte[] content = json.writeValueAsBytes(definitions);
    Path temporary = dataDir.resolve(DEFINITIONS + ".tmp");
    SecretFiles.write(temporary, new String(content, StandardCharsets.UTF_8));
    Files.move(
        temporary,
        dataDir.resolve(DEFINITIONS),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    tenants.clear();
    stores.clear();
  }
}
