package io.larder.server.command;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SCAN: iterates the keyspace in pages, with Redis's contract that every key present for the whole
 * iteration is returned at least once, and a cursor that any connection may continue.
 *
 * <p>The keyspace has no cursor of its own, so the cursor is a point in a fixed order over all
 * possible keys: a key's <em>order</em> is an unsigned 32-bit mix of its hash. A page holds about
 * COUNT keys whose order is at least the cursor, and the next cursor is one past the order of the
 * page's last key, or 0 when no key is left. Keys that share an order value are never split across
 * pages, so the pages of one iteration cover disjoint ranges of orders that together span them all.
 *
 * <p>To find a page without walking the keyspace on every call, the connection keeps a snapshot:
 * the live keys sorted by order, taken when an iteration starts (cursor 0), or when a non-zero
 * cursor arrives on a connection with no snapshot (the iteration began on another connection, or
 * this one started another iteration meanwhile). A key present for the whole iteration is in every
 * snapshot taken during it, whichever connection took it, and lies in exactly one page's range, so
 * it is returned. Since the ranges are disjoint, no key is returned twice in one iteration (Redis
 * may repeat keys). Snapshot keys deleted since are skipped; keys added after the snapshot may or
 * may not be returned, as Redis allows.
 *
 * <p>As in Redis, MATCH and TYPE filter a page after it is chosen, so a page may hold fewer keys
 * than COUNT, even none, with a non-zero cursor.
 *
 * <p>Costs: the first call of an iteration walks and sorts the keyspace, like KEYS; later calls
 * cost a binary search plus the page. A snapshot holds one reference per key for each connection in
 * the middle of an iteration, until the iteration completes, another one starts on that connection,
 * or the connection closes. COUNT only bounds the page within the snapshot, so a huge COUNT
 * allocates nothing beyond the keyspace's size.
 */
final class KeyScan {
  private static final long ORDER_LIMIT = 1L << 32;
  private static final Comparator<ByteKey> BY_ORDER = Comparator.comparingLong(KeyScan::order);

  /** One connection's sorted copy of a keyspace's keys. */
  private record Snapshot(Keyspace keyspace, ByteKey[] keys) {}

  /** Keys {@code [from, to)} of a snapshot form a page; next is the cursor that follows it. */
  record Page(int from, int to, long next) {}

  void scan(Request request) {
    long cursor = ScanOptions.parseCursor(request.arg(1));
    ScanOptions options = ScanOptions.parse(request, 2, true);
    long count = options.count();
    String type = options.type();

    Keyspace keyspace = request.keyspace();
    Snapshot snapshot = snapshotFor(request.client(), keyspace, cursor);
    Page page = page(snapshot.keys(), cursor, count);
    List<ByteKey> found = new ArrayList<>(page.to() - page.from());
    for (int i = page.from(); i < page.to(); i++) {
      ByteKey key = snapshot.keys()[i];
      if (!options.matches(key.bytes())) {
        continue;
      }
      StoredValue value = keyspace.peek(key);
      if (value == null) {
        continue;
      }
      if (type != null) {
        // Redis looks the key up to filter by type, and that lookup counts as a keyspace hit
        request.tenant().stats().lookup(true);
        if (!type.equalsIgnoreCase(value.typeName())) {
          continue;
        }
      }
      found.add(key);
    }
    if (page.next() == 0) {
      request.client().scanState(null);
    }

    request.reply().arrayHeader(2);
    request.reply().bulk(Long.toUnsignedString(page.next()));
    request.reply().arrayHeader(found.size());
    for (ByteKey key : found) {
      request.reply().bulk(key.bytes());
    }
  }

  private static Snapshot snapshotFor(ClientSession client, Keyspace keyspace, long cursor) {
    if (cursor != 0 && client.scanState() instanceof Snapshot kept && kept.keyspace() == keyspace) {
      return kept;
    }
    ByteKey[] keys = keyspace.keys().toArray(new ByteKey[0]);
    Arrays.sort(keys, BY_ORDER);
    Snapshot snapshot = new Snapshot(keyspace, keys);
    client.scanState(snapshot);
    return snapshot;
  }

  /** The page of keys sorted by order that starts at cursor and holds about count keys. */
  static Page page(ByteKey[] sorted, long cursor, long count) {
    int from =
        Long.compareUnsigned(cursor, ORDER_LIMIT) >= 0 ? sorted.length : first(sorted, cursor);
    int to = from + (int) Math.min(count, sorted.length - from);
    while (to > from && to < sorted.length && order(sorted[to]) == order(sorted[to - 1])) {
      to++;
    }
    long next = to == sorted.length ? 0 : order(sorted[to - 1]) + 1;
    return new Page(from, to, next);
  }

  /** Index of the first key whose order is at least cursor (sorted.length if none). */
  private static int first(ByteKey[] sorted, long cursor) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (order(sorted[mid]) < cursor) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** A key's place in the iteration order: its hash, mixed (murmur3's finalizer) and unsigned. */
  static long order(ByteKey key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Integer.toUnsignedLong(h);
  }
}
