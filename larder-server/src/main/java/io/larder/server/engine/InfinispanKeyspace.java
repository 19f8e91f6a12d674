package io.larder.server.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.infinispan.AdvancedCache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;

/**
 * A {@link Keyspace} on one local Infinispan cache.
 *
 * <p>Infinispan holds the entries and reclaims expired ones (each entry is stored with its
 * remaining lifespan, so its reaper frees memory of keys nobody reads again). Expiry decisions are
 * still made here, against the absolute {@code expireAt} inside each value, so a TTL read back is
 * exact.
 *
 * <p>Atomicity: a write to a key runs under that key's stripe lock, and the journal record is
 * written inside the same lock, so records of one key are logged in the order the writes took
 * effect. Multi-key commands take the keyspace-wide write lock, every single-key write a read lock,
 * and so does a read of several keys ({@link #shared}), which therefore never sees a multi-key
 * command half applied; a read of one key takes no keyspace lock at all. A hash changes in place,
 * so an update of one also holds the monitor of its {@link HashFields} ({@link
 * HashFields#atomically}), which every read of those fields takes: a read of one hash sees a
 * command that changes several of its fields whole or not at all. The records of a multi-key
 * command (or of a whole EXEC) are journaled as one group, so a replay after a crash applies them
 * all or none.
 *
 * <p>WATCH: a committed write, an eviction and a flush mark the {@link KeyWatch}es of the keys they
 * touch ({@link WatchedKeys}); while nobody watches, that costs each write one volatile read.
 *
 * <p>Memory: {@link #usedMemory} is the estimate {@link MemoryAccount} keeps (key and value bytes
 * plus fixed per-entry overheads; an estimate of Java heap, not the JVM's figure). Under an
 * evicting policy the thread that made a write evicts, right after the write has committed and
 * after it has let go of every keyspace lock, until usage is at most the quota; a multi-key
 * operation ({@link #exclusive}) evicts once, when it ends. Evicting outside the locks means an
 * eviction never waits for a lock while holding one, so it cannot deadlock with writers; evictions
 * are serialized by one eviction lock. Hence the slack: at any instant {@code usedMemory() <= quota
 * + S}, where S is the sum of what the writes in flight (committed, their thread not yet done
 * evicting) have added, at most one value (or one multi-key command's values) per thread writing.
 * Commands run on the network event loops, so that is at most {@code io-threads} values at once;
 * with one client writing, usage is within the quota whenever a command has returned. Under {@code
 * noeviction} (and once nothing qualifies for eviction under {@code volatile-*}) commands that need
 * memory are refused once usage is over the quota, so the same bound holds, S being the commands
 * admitted before usage crossed it. Eviction is not applied while a journal is replayed; the first
 * write after that evicts what no longer fits.
 *
 * <p>Eviction policy, LRU clock and sampling: see {@link EvictionSampler} and {@link StoredValue}.
 * Evicted keys go through the same removal path as DEL: journaled as deletions (so they stay gone
 * after a restart, as Redis propagates DEL for evictions) and reported to {@link
 * KeyspaceListener#evicted}.
 *
 * <p>Default expiry ({@link MemoryLimits#defaultTtlMillis}): every write that leaves a key without
 * an expiry gives it {@code now + defaultTtl}, and journals that expiry. That covers new keys,
 * writes that clear an expiry (a plain SET) and PERSIST, which in such a cache resets the key's
 * expiry to the default instead of making it persistent: in a cache with a default expiry every key
 * expires. Writes that keep a key's expiry (HSET, APPEND, INCR, SET KEEPTTL) leave it as it was.
 * Keys already stored when the default is configured keep their expiry, or lack of one, until their
 * next write.
 */
public final class InfinispanKeyspace implements Keyspace {
  private static final int STRIPES = 1024;
  private static final int RANDOM_KEY_WINDOW = 1024;

  private final AdvancedCache<ByteKey, StoredValue> cache;
  private final AccessClock accessClock;
  private final Object[] stripes = new Object[STRIPES];
  private final ReentrantReadWriteLock multiKeyLock = new ReentrantReadWriteLock();
  private final MemoryAccount memory = new MemoryAccount();
  private final ReentrantLock evictionLock = new ReentrantLock();
  private final EvictionSampler sampler;
  private final WatchedKeys watched = new WatchedKeys(this::now);
  private volatile MemoryLimits limits = MemoryLimits.DEFAULT;
  private volatile Journal journal = Journal.NONE;
  private volatile KeyspaceListener listener = KeyspaceListener.NONE;

  /** While the journal is replayed: expiry is not applied, so records replay as they were made. */
  private volatile boolean loading;

  public InfinispanKeyspace(AdvancedCache<ByteKey, StoredValue> cache) {
    this(cache, AccessClock.SHARED);
  }

  /** A keyspace whose keys' access times come from accessClock (tests move it by hand). */
  InfinispanKeyspace(AdvancedCache<ByteKey, StoredValue> cache, AccessClock accessClock) {
    this.cache = cache;
    this.accessClock = accessClock;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    this.sampler = new EvictionSampler(() -> cache.getDataContainer().iteratorIncludingExpired());
    cache.addListener(new ExpiryWatcher());
  }

  /**
   * Applies a cache's memory rules from now on. A quota lowered below the current usage evicts at
   * once under an evicting policy; under {@code noeviction} writes that need memory are refused
   * until deletions bring usage back under it.
   */
  public void configure(MemoryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    freeMemoryIfNeeded();
  }

  @Override
  public MemoryLimits limits() {
    return limits;
  }

  /** Tells listener about keys reclaimed by expiry from now on. */
  public void listenTo(KeyspaceListener listener) {
    this.listener = listener;
  }

  /** Reclaimed entries leave the memory account here, whether found by a read or the reaper. */
  @Listener(sync = true, observation = Listener.Observation.POST)
  final class ExpiryWatcher {
    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<ByteKey, StoredValue> event) {
      StoredValue value = event.getValue();
      if (value != null) {
        memory.removed(event.getKey(), value, value.weight());
      }
      listener.expired(event.getKey());
    }
  }

  /**
   * Removes a value a read found past its expiry, and reports the expiry, before the reaper gets to
   * it (as Redis expires keys lazily). Removing only that very value makes the report happen once:
   * if the reaper (or Infinispan's own check) took the entry first, this removes nothing and the
   * reaper reports it; a value written since is not touched.
   */
  private void reclaimExpired(ByteKey key, StoredValue value) {
    if (cache.remove(key, value)) {
      memory.removed(key, value, value.weight());
      listener.expired(key);
    }
  }

  /** From now on, record changes in journal (set once, after the journal has been replayed). */
  public void journalTo(Journal journal) {
    this.journal = journal;
  }

  /**
   * Enters loading mode for replaying a journal. Until {@link #finishLoading}, values are stored
   * without lifespan and returned even when past their expiry: a record is replayed on the state it
   * was made on (a field added to a hash whose TTL has run out during the downtime must land in
   * that hash, not create a new one without TTL).
   */
  public void beginLoading() {
    loading = true;
  }

  /** Leaves loading mode: drops keys that expired meanwhile and gives the rest their lifespan. */
  public void finishLoading() {
    loading = false;
    long now = now();
    for (ByteKey key : List.copyOf(cache.keySet())) {
      StoredValue value = cache.get(key);
      if (value != null && value.hasExpiry()) {
        store(key, value, value, value.weight());
      }
    }
  }

  @Override
  public long now() {
    return System.currentTimeMillis();
  }

  /** The hottest path: one cache lookup, no lock, no allocation; stamps the access time. */
  @Override
  public StoredValue get(ByteKey key) {
    StoredValue value = peek(key);
    if (value != null) {
      value.touch(accessClock.now());
    }
    return value;
  }

  @Override
  public StoredValue peek(ByteKey key) {
    StoredValue value = cache.get(key);
    // The clock is read only for keys that have an expiry: most reads need no time at all.
    if (value != null && value.hasExpiry() && !loading && value.expireAt() <= now()) {
      reclaimExpired(key, value);
      return null;
    }
    return value;
  }

  @Override
  public void put(ByteKey key, StoredValue written) {
    long defaultTtl = limits.defaultTtlMillis();
    StoredValue value =
        defaultTtl > 0 && !written.hasExpiry() && !loading
            ? written.withExpireAt(now() + defaultTtl)
            : written;
    long grown;
    multiKeyLock.readLock().lock();
    try {
      synchronized (stripeOf(key)) {
        KeyspaceListener observer = listener;
        boolean observed = observer.observesChanges();
        boolean created = observed && peek(key) == null;
        grown = store(key, value, null, 0);
        journal.set(key, value);
        watched.touched(key);
        if (observed) {
          if (created) {
            observer.changed(key, KeyspaceListener.NEW);
          }
          observer.changed(key, KeyspaceListener.SET);
          if (value.hasExpiry()) {
            observer.changed(key, KeyspaceListener.EXPIRE);
          }
        }
      }
    } finally {
      multiKeyLock.readLock().unlock();
    }
    if (grown > 0) {
      freeMemoryIfNeeded();
    }
  }

  @Override
  public <R> R update(ByteKey key, KeyUpdate<R> update) {
    R result;
    long grown;
    multiKeyLock.readLock().lock();
    try {
      synchronized (stripeOf(key)) {
        StoredValue current = get(key);
        KeyMutation mutation = new KeyMutation(key, current);
        // A hash changes in place: readers, who take no key lock, must not see it half changed.
        result =
            current instanceof HashValue hash
                ? hash.fields().atomically(() -> update.apply(mutation))
                : update.apply(mutation);
        grown = mutation.commit();
      }
    } finally {
      multiKeyLock.readLock().unlock();
    }
    if (grown > 0) {
      freeMemoryIfNeeded();
    }
    return result;
  }

  @Override
  public <R> R exclusive(Supplier<R> operation) {
    R result;
    multiKeyLock.writeLock().lock();
    try {
      Journal group = journal;
      group.beginGroup();
      try {
        result = operation.get();
      } finally {
        group.endGroup();
      }
    } finally {
      multiKeyLock.writeLock().unlock();
    }
    freeMemoryIfNeeded();
    return result;
  }

  /**
   * The read lock, the one single-key writes take too: it costs a multi-key read what one SET pays,
   * and holds off only exclusive sections. (The write lock's holder may take it, so a read inside
   * EXEC runs.)
   */
  @Override
  public <R> R shared(Supplier<R> read) {
    multiKeyLock.readLock().lock();
    try {
      return read.get();
    } finally {
      multiKeyLock.readLock().unlock();
    }
  }

  @Override
  public void watch(ByteKey key, KeyWatch watch) {
    // Under the key's lock, as a write: see WatchedKeys for why that orders it with writes.
    multiKeyLock.readLock().lock();
    try {
      synchronized (stripeOf(key)) {
        StoredValue value = peek(key);
        if (watched.add(key, watch)) {
          watch.watching(watched, key, value == null ? StoredValue.NO_EXPIRY : value.expireAt());
        }
      }
    } finally {
      multiKeyLock.readLock().unlock();
    }
  }

  /**
   * Evicts by the policy until usage is within the quota. Returns false when usage stays over it:
   * under {@code noeviction}, when nothing qualifies for eviction, or when the calling thread holds
   * a keyspace lock (inside {@link #exclusive} or an update; the outermost call evicts when it
   * ends).
   */
  @Override
  public boolean freeMemoryIfNeeded() {
    MemoryLimits current = limits;
    if (memory.bytes() <= current.quotaBytes()) {
      return true;
    }
    if (current.policy() == EvictionPolicy.NOEVICTION || loading || holdsKeyspaceLock()) {
      return false;
    }
    evictionLock.lock();
    try {
      return evictDownTo(current);
    } finally {
      evictionLock.unlock();
    }
  }

  private boolean holdsKeyspaceLock() {
    return multiKeyLock.getReadHoldCount() > 0 || multiKeyLock.isWriteLockedByCurrentThread();
  }

  private boolean evictDownTo(MemoryLimits current) {
    EvictionPolicy policy = current.policy();
    long missed = 0;
    while (memory.bytes() > current.quotaBytes()) {
      if (policy.volatileOnly() && memory.volatileKeys() <= 0) {
        return false;
      }
      long keyCount = size();
      Map.Entry<ByteKey, StoredValue> victim = sampler.next(policy, now(), keyCount);
      if (victim == null) {
        return false;
      }
      if (evict(victim.getKey(), victim.getValue())) {
        missed = 0;
      } else if (++missed > keyCount + EvictionSampler.SAMPLE_SIZE) {
        return false; // every victim changed under us for a whole lap: give up for now
      }
    }
    return true;
  }

  /**
   * Removes key if it still holds sampled (it may have been written since it was sampled): through
   * the same path as DEL, journaled, counted as evicted, or as expired when it was past its expiry.
   */
  private boolean evict(ByteKey key, StoredValue sampled) {
    multiKeyLock.readLock().lock();
    try {
      synchronized (stripeOf(key)) {
        if (cache.get(key) != sampled) {
          return false;
        }
        boolean expired = sampled.isExpiredAt(now());
        if (remove(key, null, 0) == null) {
          return false; // Infinispan expired it meanwhile and has accounted for it
        }
        journal.delete(key);
        watched.touched(key);
        KeyspaceListener observer = listener;
        if (expired) {
          observer.expired(key);
        } else {
          observer.evicted(key);
        }
        return true;
      }
    } finally {
      multiKeyLock.readLock().unlock();
    }
  }

  @Override
  public long size() {
    return cache.getDataContainer().sizeIncludingExpired();
  }

  @Override
  public long countWithExpiry() {
    long now = now();
    return cache.values().stream().filter(v -> v.hasExpiry() && !v.isExpiredAt(now)).count();
  }

  @Override
  public void clear() {
    exclusive(
        () -> {
          watched.flushing(key -> peek(key) != null);
          cache.clear();
          memory.reset();
          journal.clear();
          return null;
        });
  }

  @Override
  public List<ByteKey> keys() {
    long now = now();
    List<ByteKey> keys = new ArrayList<>();
    cache
        .entrySet()
        .forEach(
            entry -> {
              if (!entry.getValue().isExpiredAt(now)) {
                keys.add(entry.getKey());
              }
            });
    return keys;
  }

  @Override
  public ByteKey randomKey() {
    // Infinispan offers no random access; skipping a random distance into a bounded window keeps
    // this O(1) in the keyspace size at the price of favouring the iteration order's first keys.
    for (int attempt = 0; attempt < 8; attempt++) {
      long size = size();
      if (size == 0) {
        return null;
      }
      int skip = ThreadLocalRandom.current().nextInt((int) Math.min(size, RANDOM_KEY_WINDOW));
      Iterator<ByteKey> keys = cache.keySet().iterator();
      ByteKey candidate = null;
      for (int i = 0; i <= skip && keys.hasNext(); i++) {
        candidate = keys.next();
      }
      if (candidate != null && peek(candidate) != null) {
        return candidate;
      }
    }
    List<ByteKey> live = keys();
    return live.isEmpty() ? null : live.get(ThreadLocalRandom.current().nextInt(live.size()));
  }

  @Override
  public long usedMemory() {
    return memory.bytes();
  }

  private Object stripeOf(ByteKey key) {
    int h = key.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  /**
   * Writes value, or removes the key when value is already past its expiry, and stamps its access
   * time. Memory is accounted by what the cache reports it replaced (an entry Infinispan found
   * expired is reported to {@link ExpiryWatcher} instead). {@code mutated} is a value changed in
   * place by this update (a hash), whose weight before the change is {@code mutatedWeight}. Returns
   * by how much usage grew.
   */
  private long store(ByteKey key, StoredValue value, StoredValue mutated, long mutatedWeight) {
    long lifespan = -1;
    if (value.hasExpiry() && !loading) {
      lifespan = value.expireAt() - now();
      if (lifespan <= 0) {
        remove(key, mutated, mutatedWeight);
        return 0;
      }
    }
    value.touch(accessClock.now());
    StoredValue previous = cache.put(key, value, lifespan, TimeUnit.MILLISECONDS);
    return memory.replaced(key, value, previous, weightOf(previous, mutated, mutatedWeight));
  }

  /** Removes key; returns what the cache held (null when absent or found expired). */
  private StoredValue remove(ByteKey key, StoredValue mutated, long mutatedWeight) {
    StoredValue previous = cache.remove(key);
    memory.removed(key, previous, weightOf(previous, mutated, mutatedWeight));
    return previous;
  }

  private static long weightOf(StoredValue previous, StoredValue mutated, long mutatedWeight) {
    if (previous == null) {
      return 0;
    }
    return previous == mutated ? mutatedWeight : previous.weight();
  }

  /**
   * The changes one update makes. They reach the cache and the journal together at commit, so an
   * update that throws before committing journals nothing it did not apply. (Hash fields change in
   * place as they are set, so handlers validate everything before their first change.)
   */
  private final class KeyMutation implements Mutation {
    private final ByteKey key;
    private final StoredValue original;
    private final long originalWeight;
    private StoredValue current;
    private boolean dirty;
    private List<Consumer<Journal>> records;
    private final KeyspaceListener observer = listener;

    /** What this update did, for the listener; null unless it observes changes. */
    private List<String> events;

    KeyMutation(ByteKey key, StoredValue original) {
      this.key = key;
      this.original = original;
      this.originalWeight = original == null ? 0 : original.weight();
      this.current = original;
      if (observer.observesChanges()) {
        events = new ArrayList<>(2);
      }
    }

    @Override
    public ByteKey key() {
      return key;
    }

    @Override
    public StoredValue current() {
      return current;
    }

    @Override
    public void set(StoredValue value) {
      boolean newExpiry =
          value.hasExpiry() && (current == null || current.expireAt() != value.expireAt());
      current = value;
      dirty = true;
      record(journal -> journal.set(key, value));
      event(KeyspaceListener.SET);
      if (newExpiry) {
        event(KeyspaceListener.EXPIRE);
      }
    }

    @Override
    public void delete() {
      if (current != null) {
        current = null;
        dirty = true;
        record(journal -> journal.delete(key));
        event(KeyspaceListener.DEL);
      }
    }

    @Override
    public boolean setField(byte[] field, byte[] value) {
      HashValue hash = (HashValue) current;
      if (hash == null) {
        hash = new HashValue(new HashFields(), StoredValue.NO_EXPIRY);
        current = hash;
      }
      dirty = true;
      record(journal -> journal.setField(key, field, value));
      event(KeyspaceListener.HSET);
      return hash.fields().put(field, value);
    }

    @Override
    public boolean deleteField(byte[] field) {
      if (!(current instanceof HashValue hash) || !hash.fields().remove(field)) {
        return false;
      }
      dirty = true;
      record(journal -> journal.deleteField(key, field));
      event(KeyspaceListener.HDEL);
      if (hash.fields().size() == 0) {
        current = null;
        event(KeyspaceListener.DEL);
      }
      return true;
    }

    @Override
    public void expireAt(long expireAt) {
      if (current != null && current.expireAt() != expireAt) {
        current = current.withExpireAt(expireAt);
        dirty = true;
        record(journal -> journal.expireAt(key, expireAt));
        event(
            expireAt == StoredValue.NO_EXPIRY ? KeyspaceListener.PERSIST : KeyspaceListener.EXPIRE);
      }
    }

    /** Notes an event for the listener; repeats in a row count once (HSET of many fields). */
    private void event(String name) {
      if (events != null && (events.isEmpty() || !events.get(events.size() - 1).equals(name))) {
        events.add(name);
      }
    }

    private void record(Consumer<Journal> change) {
      if (journal != Journal.NONE) {
        if (records == null) {
          records = new ArrayList<>(2);
        }
        records.add(change);
      }
    }

    /** Applies the changes and journals them; returns by how much usage grew. */
    long commit() {
      if (!dirty) {
        return 0;
      }
      long defaultTtl = limits.defaultTtlMillis();
      if (current != null && defaultTtl > 0 && !current.hasExpiry() && !loading) {
        expireAt(now() + defaultTtl);
      }
      long grown = 0;
      if (current == null) {
        remove(key, original, originalWeight);
      } else {
        grown = store(key, current, original, originalWeight);
      }
      if (records != null) {
        Journal target = journal;
        records.forEach(change -> change.accept(target));
      }
      watched.touched(key);
      if (events != null && !events.isEmpty()) {
        if (original == null && current != null) {
          observer.changed(key, KeyspaceListener.NEW);
        }
        events.forEach(event -> observer.changed(key, event));
      }
      return grown;
    }
  }
}
