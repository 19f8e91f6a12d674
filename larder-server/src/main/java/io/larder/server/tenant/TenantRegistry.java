package io.larder.server.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Engine;
import io.larder.server.engine.InfinispanKeyspace;
import io.larder.server.engine.Journal;
import io.larder.server.engine.KeyspaceListener;
import io.larder.server.persist.AppendOnlyStore;
import io.larder.server.persist.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named caches of this server (DESIGN.md D2): their definitions, kept in {@code caches.json} in
 * the data directory with owner-only permissions (it holds the access keys), and their open
 * keyspaces and append-only stores.
 *
 * <p>On a fresh data directory (no {@code caches.json}) it creates the cache {@code default}. That
 * cache is otherwise like any other: it may be deleted, and is then not recreated by a restart.
 *
 * <p>Changes (create, update, delete, regenerate) are serialized by one lock and written to {@code
 * caches.json} (atomically replaced) before they take effect, so a change that could not be saved
 * does not happen. Authentication takes no lock. Regeneration and deletion close the connections
 * that used the replaced key or the deleted cache; see {@link Login} for why a concurrent AUTH
 * cannot slip through.
 *
 * <p>Persistence of a cache can be switched at run time. Switching it on opens an empty store in
 * the cache's directory ({@code caches/NAME}), journals to it from then on, and writes a snapshot
 * of the current data (a compaction), so the store holds everything. Switching it off deletes the
 * store. It needs the server's {@code appendonly}; without it, no cache persists and turning
 * persistence on is refused.
 */
public final class TenantRegistry implements AutoCloseable {
  public static final String DEFAULT = "default";
  private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);
  private static final String DEFINITIONS = "caches.json";
  private static final String CACHE_DIRECTORIES = "caches";

  private final Path dataDir;
  private final Engine engine;
  private final Durability durability;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, OpenCache> caches = new ConcurrentHashMap<>();
  private final AuthThrottle authThrottle = new AuthThrottle();
  private volatile TenantConnections connections = TenantConnections.NONE;

  /** What is in caches.json; replaced (never changed in place) under the lock. */
  private Map<String, TenantDefinition> saved = new TreeMap<>();

  /** Compared against when the cache name is unknown, so the reply takes the same time. */
  private final AccessKey decoy = AccessKey.generate();

  /** A cache and what serves it. */
  private static final class OpenCache {
    final Tenant tenant;
    final InfinispanKeyspace keyspace;
    AppendOnlyStore store; // guarded by the registry; null when not persistent

    OpenCache(Tenant tenant, InfinispanKeyspace keyspace) {
      this.tenant = tenant;
      this.keyspace = keyspace;
    }
  }

  /**
   * @param durability where caches journal their changes, or null when persistence is off
   */
  public TenantRegistry(Path dataDir, Engine engine, Durability durability) {
    this.dataDir = dataDir;
    this.engine = engine;
    this.durability = durability;
  }

  /**
   * Loads every cache defined in the data directory; on a fresh data directory, creates {@code
   * default}.
   *
   * @param defaultKey the primary key to give {@code default} (from {@code LARDER_DEFAULT_KEY}), or
   *     null to keep the stored one or generate one. It replaces the stored primary key at every
   *     start, so it pins the key; it is ignored when {@code default} was deleted.
   */
  public synchronized void open(AccessKey defaultKey) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(DEFINITIONS);
    Map<String, TenantDefinition> definitions = new TreeMap<>();
    boolean changed = false;
    if (Files.exists(file)) {
      for (TenantDefinition definition : json.readValue(file.toFile(), TenantDefinition[].class)) {
        definitions.put(definition.name(), definition);
      }
    } else {
      definitions.put(
          DEFAULT,
          TenantDefinition.create(
              DEFAULT, System.currentTimeMillis(), CacheSettings.defaults(persistenceAvailable())));
      changed = true;
    }
    TenantDefinition defaultCache = definitions.get(DEFAULT);
    if (defaultCache != null
        && defaultKey != null
        && !defaultKey.text().equals(defaultCache.primaryKey())) {
      definitions.put(DEFAULT, defaultCache.withPrimaryKey(defaultKey.text()));
      changed = true;
    }
    for (TenantDefinition definition : definitions.values()) {
      OpenCache cache = openCache(definition, definition.settings(persistenceAvailable()));
      caches.put(definition.name(), cache);
    }
    if (changed) {
      save(definitions);
    }
    saved = definitions;
  }

  /**
   * Where the registry finds the connections of caches, to close them on regeneration and deletion
   * and to count them.
   */
  public void connections(TenantConnections connections) {
    this.connections = connections;
  }

  /** The cache called name, or null. */
  public Tenant get(String name) {
    OpenCache cache = caches.get(name);
    return cache == null ? null : cache.tenant;
  }

  /** The cache called name; throws a NOT_FOUND {@link TenantException} if there is none. */
  public Tenant require(String name) {
    return open(name).tenant;
  }

  /** Every cache, sorted by name. */
  public List<Tenant> all() {
    return caches.values().stream()
        .map(cache -> cache.tenant)
        .sorted(Comparator.comparing(Tenant::name))
        .toList();
  }

  /** Whether caches can persist at all (the server runs with appendonly). */
  public boolean persistenceAvailable() {
    return durability != null;
  }

  /** Connections authenticated to tenant now. */
  public int connectedClients(Tenant tenant) {
    return connections.count(tenant);
  }

  /** Connections authenticated to each cache now (absent: none), counted in one pass. */
  public Map<Tenant, Integer> connectedClientsByTenant() {
    return connections.countByTenant();
  }

  /** The policy that slows down guessing of keys; see {@link AuthThrottle}. */
  public AuthThrottle authThrottle() {
    return authThrottle;
  }

  /**
   * The login that user may make with password, or null. Timing does not reveal which failed: an
   * unknown cache costs the same comparisons as a wrong key.
   */
  public Login authenticate(String user, byte[] password) {
    OpenCache cache = caches.get(user);
    if (cache == null) {
      decoy.matches(password);
      decoy.matches(password);
      return null;
    }
    return cache.tenant.login(password);
  }

  /**
   * Creates a cache with new keys and an empty keyspace.
   *
   * @throws TenantException INVALID for a bad name or settings, CONFLICT if the name is taken
   */
  public synchronized Tenant create(String name, CacheSettings settings) {
    CacheName.check(name);
    if (caches.containsKey(name)) {
      throw new TenantException(
          TenantException.Reason.CONFLICT, "a cache named '" + name + "' already exists");
    }
    checkPersistence(settings.persistence());
    TenantDefinition definition =
        TenantDefinition.create(name, System.currentTimeMillis(), settings);
    Map<String, TenantDefinition> definitions = new TreeMap<>(saved);
    definitions.put(name, definition);
    OpenCache cache;
    try {
      deleteRecursively(directoryOf(name)); // leftovers of a cache of that name are not its data
      cache = openCache(definition, settings);
    } catch (IOException e) {
      try {
        engine.dropKeyspace(name);
      } catch (RuntimeException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw new UncheckedIOException("cannot create the storage of cache " + name, e);
    }
    try {
      save(definitions);
    } catch (IOException e) {
      close(cache);
      throw new UncheckedIOException("cannot save " + DEFINITIONS, e);
    }
    saved = definitions;
    caches.put(name, cache);
    LOG.info("Created cache {}", name);
    return cache.tenant;
  }

  /**
   * Changes the settings of a cache: change gets the current settings and returns the new ones (it
   * may throw a {@link TenantException} for a bad value).
   *
   * @throws TenantException NOT_FOUND, or INVALID for bad settings
   */
  public synchronized Tenant update(String name, UnaryOperator<CacheSettings> change) {
    OpenCache cache = open(name);
    Tenant tenant = cache.tenant;
    CacheSettings before = tenant.settings();
    CacheSettings after = change.apply(before);
    if (after.persistence() && !before.persistence()) {
      checkPersistence(true);
    }
    Map<String, TenantDefinition> definitions = new TreeMap<>(saved);
    definitions.put(name, TenantDefinition.of(tenant, after));
    try {
      save(definitions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + DEFINITIONS, e);
    }
    saved = definitions;
    if (!after.memoryLimits().equals(before.memoryLimits())) {
      cache.keyspace.configure(after.memoryLimits());
    }
    tenant.settings(after);
    boolean persist = after.persistence() && persistenceAvailable();
    try {
      if (persist && cache.store == null) {
        startPersisting(cache, true);
      } else if (!persist && cache.store != null) {
        stopPersisting(cache);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot switch persistence of cache " + name + " (the setting is saved)", e);
    }
    LOG.info("Changed the settings of cache {}", name);
    return tenant;
  }

  /**
   * Deletes a cache: closes its connections, drops its keyspace (freeing its memory) and deletes
   * its files.
   *
   * @throws TenantException NOT_FOUND
   */
  public synchronized void delete(String name) {
    OpenCache cache = open(name);
    Map<String, TenantDefinition> definitions = new TreeMap<>(saved);
    definitions.remove(name);
    try {
      save(definitions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + DEFINITIONS, e);
    }
    saved = definitions;
    caches.remove(name);
    cache.tenant.markDeleted(); // before looking for connections; see Login
    connections.close(cache.tenant, null);
    close(cache);
    try {
      deleteRecursively(directoryOf(name));
    } catch (IOException e) {
      LOG.error("cannot delete the files of deleted cache {}", name, e);
    }
    LOG.info("Deleted cache {}", name);
  }

  /**
   * Replaces one key of a cache with a new random one and closes the connections that used it. The
   * other key keeps working.
   *
   * @throws TenantException NOT_FOUND
   */
  public synchronized Tenant regenerate(String name, KeySlot slot) {
    OpenCache cache = open(name);
    Tenant tenant = cache.tenant;
    AccessKey fresh = AccessKey.generate();
    TenantDefinition current = TenantDefinition.of(tenant, tenant.settings());
    TenantDefinition next =
        slot == KeySlot.PRIMARY
            ? current.withPrimaryKey(fresh.text())
            : current.withSecondaryKey(fresh.text());
    Map<String, TenantDefinition> definitions = new TreeMap<>(saved);
    definitions.put(name, next);
    try {
      save(definitions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + DEFINITIONS, e);
    }
    saved = definitions;
    tenant.key(slot, fresh); // before looking for connections; see Login
    connections.close(tenant, slot);
    LOG.info("Regenerated the {} key of cache {}", slot.label(), name);
    return tenant;
  }

  private OpenCache open(String name) {
    OpenCache cache = name == null ? null : caches.get(name);
    if (cache == null) {
      throw TenantException.notFound(name);
    }
    return cache;
  }

  private void checkPersistence(boolean wanted) {
    if (wanted && !persistenceAvailable()) {
      throw TenantException.invalid(
          "persistence cannot be turned on: the server runs with appendonly off");
    }
  }

  /** Opens the keyspace of a definition, replaying its store when it persists. */
  private OpenCache openCache(TenantDefinition definition, CacheSettings settings)
      throws IOException {
    InfinispanKeyspace keyspace = engine.openKeyspace(definition.name());
    Tenant tenant =
        new Tenant(
            definition.name(),
            definition.createdAt(),
            AccessKey.of(definition.primaryKey()),
            AccessKey.of(definition.secondaryKey()),
            settings,
            keyspace);
    OpenCache cache = new OpenCache(tenant, keyspace);
    if (settings.persistence() && persistenceAvailable()) {
      startPersisting(cache, false);
    }
    keyspace.listenTo(
        new KeyspaceListener() {
          @Override
          public void evicted(ByteKey key) {
            tenant.stats().evictedKeys.increment();
            tenant.pubsub().notifier().evicted(key);
          }

          @Override
          public void expired(ByteKey key) {
            tenant.stats().expiredKeys.increment();
            tenant.pubsub().notifier().expired(key);
          }

          @Override
          public boolean observesChanges() {
            return tenant.pubsub().notifier().observesChanges();
          }

          @Override
          public void changed(ByteKey key, String event) {
            tenant.pubsub().notifier().changed(key, event);
          }
        });
    // After loading, and once evictions are counted: the limits (default expiry included) apply
    // to new writes, not to replay.
    keyspace.configure(settings.memoryLimits());
    return cache;
  }

  /**
   * Opens the cache's store and journals to it.
   *
   * @param snapshot write the current data to the store (persistence switched on at run time);
   *     otherwise replay the store into the keyspace (start-up)
   */
  private void startPersisting(OpenCache cache, boolean snapshot) throws IOException {
    Path directory = directoryOf(cache.tenant.name());
    InfinispanKeyspace keyspace = cache.keyspace;
    AppendOnlyStore store;
    if (snapshot) {
      deleteRecursively(directory);
      store = AppendOnlyStore.open(directory, durability.fsyncPolicy(), keyspace);
    } else {
      keyspace.beginLoading();
      store = AppendOnlyStore.open(directory, durability.fsyncPolicy(), keyspace);
      keyspace.finishLoading();
    }
    keyspace.journalTo(store.log());
    durability.track(store, keyspace);
    cache.store = store;
    cache.tenant.persistent(true);
    if (snapshot) {
      // Writes made before journalTo are in the keyspace, those after in the log; the compaction
      // snapshots the keyspace after switching logs, so the store ends up holding both.
      try {
        durability.rewrite(store);
      } catch (IOException | RuntimeException e) {
        stopPersisting(cache);
        throw e;
      }
    }
  }

  /** Stops journaling and deletes the store. */
  private void stopPersisting(OpenCache cache) {
    AppendOnlyStore store = cache.store;
    cache.store = null;
    cache.tenant.persistent(false);
    cache.keyspace.journalTo(Journal.NONE);
    durability.untrack(store);
    // Writes take the keyspace's shared lock while they journal: once this exclusive section ran,
    // none is writing to the store. Writing out what they appended leaves nothing for a reply
    // flusher that still holds the store's log to write.
    cache.keyspace.exclusive(() -> null);
    try {
      store.log().writeToOs();
    } catch (UncheckedIOException e) {
      LOG.debug("writing the log of {} before deleting it failed", store.directory(), e);
    }
    try {
      store.delete();
    } catch (IOException e) {
      LOG.error("cannot delete the append-only log in {}", store.directory(), e);
    }
  }

  /** Stops persisting (deleting the store) and drops the keyspace. */
  private void close(OpenCache cache) {
    if (cache.store != null) {
      stopPersisting(cache);
    }
    engine.dropKeyspace(cache.tenant.name());
  }

  private Path directoryOf(String name) {
    return dataDir.resolve(CACHE_DIRECTORIES).resolve(name);
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private void save(Map<String, TenantDefinition> definitions) throws IOException {
    byte[] content = json.writeValueAsBytes(definitions.values());
    Path temporary = dataDir.resolve(DEFINITIONS + ".tmp");
    SecretFiles.write(temporary, new String(content, StandardCharsets.UTF_8));
    Files.move(
        temporary,
        dataDir.resolve(DEFINITIONS),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Forgets the caches; their stores are closed by the {@link Durability}, memory by the engine.
   */
  @Override
  public void close() {
    caches.clear();
  }
}
