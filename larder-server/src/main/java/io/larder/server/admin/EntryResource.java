package io.larder.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.larder.server.command.GlobPattern;
import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import io.larder.server.tenant.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The key browser's API: {@code /api/caches/{name}/entries} (a page of keys with their type and
 * TTL) and {@code /api/caches/{name}/entries/{key}} (one key's value, or deleting it).
 *
 * <p>Everything here is bounded: a page holds at most {@link #MAX_COUNT} keys, a value or field is
 * shown up to {@link #PREVIEW_BYTES} bytes, and a hash shows fields until {@link #PREVIEW_BYTES}
 * bytes or {@link #MAX_FIELDS} fields have been shown. Reading uses {@link Keyspace#peek}, so
 * browsing neither touches the keys' LRU clocks nor counts as hits or misses.
 *
 * <p>Keys are binary-safe: each key comes with its {@code ref}, its bytes percent-encoded, which is
 * what the {@code {key}} path segment takes.
 */
final class EntryResource {
  static final int DEFAULT_COUNT = 50;
  static final int MAX_COUNT = 1000;
  static final int PREVIEW_BYTES = 64 * 1024;
  static final int MAX_FIELDS = 1000;
  private static final int KEY_PREVIEW_BYTES = 1024;
  private static final int MAX_PATTERN_BYTES = 1024;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TenantRegistry tenants;

  EntryResource(TenantRegistry tenants) {
    this.tenants = tenants;
  }

  ApiResponse list(String cache, Map<String, String> query) {
    Keyspace keyspace = tenants.require(cache).keyspace();
    String pattern = query.getOrDefault("pattern", "*");
    if (pattern.isEmpty()) {
      pattern = "*";
    }
    byte[] patternBytes = pattern.getBytes(StandardCharsets.UTF_8);
    if (patternBytes.length > MAX_PATTERN_BYTES) {
      throw ApiException.badRequest("pattern is longer than " + MAX_PATTERN_BYTES + " bytes");
    }
    int count = count(query.get("count"));
    String cursor = query.getOrDefault("cursor", EntryPage.START);
    EntryPage page = EntryPage.select(keyspace.keys(), GlobPattern.of(patternBytes), cursor, count);

    ObjectNode body = NODES.objectNode();
    body.put("cursor", page.cursor());
    ArrayNode entries = body.putArray("entries");
    for (ByteKey key : page.keys()) {
      StoredValue value = keyspace.peek(key);
      if (value != null) {
        entries.add(describe(keyspace, key, value));
      }
    }
    return ApiResponse.ok(body);
  }

  ApiResponse show(String cache, String ref) {
    Keyspace keyspace = tenants.require(cache).keyspace();
    ByteKey key = new ByteKey(PercentEncoding.decode(ref));
    StoredValue value = keyspace.peek(key);
    if (value == null) {
      throw noSuchKey(cache, key);
    }
    ObjectNode body = describe(keyspace, key, value);
    if (value instanceof StringValue string) {
      body.set("value", BytePreview.of(string.bytes(), PREVIEW_BYTES));
    } else if (value instanceof HashValue hash) {
      body.put("length", hash.fields().size());
      putFields(body, hash);
    }
    return ApiResponse.ok(body);
  }

  ApiResponse delete(String cache, String ref) {
    Keyspace keyspace = tenants.require(cache).keyspace();
    ByteKey key = new ByteKey(PercentEncoding.decode(ref));
    boolean deleted =
        keyspace.update(
            key,
            entry -> {
              if (entry.current() == null) {
                return false;
              }
              entry.delete();
              return true;
            });
    if (!deleted) {
      throw noSuchKey(cache, key);
    }
    return ApiResponse.noContent();
  }

  private static ObjectNode describe(Keyspace keyspace, ByteKey key, StoredValue value) {
    ObjectNode entry = NODES.objectNode();
    ObjectNode shown = BytePreview.of(key.bytes(), KEY_PREVIEW_BYTES);
    entry.set("key", shown.get("text"));
    entry.set("binary", shown.get("binary"));
    entry.put("ref", PercentEncoding.encode(key.bytes()));
    entry.put("type", value.typeName());
    entry.put("ttlSeconds", ttlSeconds(keyspace, value));
    return entry;
  }

  /** Seconds left (rounded up, as a key about to expire still has some), or -1 for no expiry. */
  private static long ttlSeconds(Keyspace keyspace, StoredValue value) {
    if (!value.hasExpiry()) {
      return -1;
    }
    long millis = Math.max(0, value.expireAt() - keyspace.now());
    return (millis + 999) / 1000;
  }

  private static void putFields(ObjectNode body, HashValue hash) {
    ArrayNode fields = body.putArray("fields");
    long[] budget = {PREVIEW_BYTES};
    boolean[] truncated = {false};
    // scan visits a bounded number of fields of a large hash, never copying the whole hash
    long next =
        hash.fields()
            .scan(
                0,
                MAX_FIELDS,
                (field, value) -> {
                  if (fields.size() >= MAX_FIELDS || budget[0] <= 0) {
                    truncated[0] = true;
                    return;
                  }
                  int limit = (int) Math.min(budget[0], PREVIEW_BYTES);
                  ObjectNode pair = fields.addObject();
                  pair.set("field", BytePreview.of(field, limit));
                  pair.set("value", BytePreview.of(value, limit));
                  budget[0] -= Math.min(field.length, limit) + Math.min(value.length, limit);
                });
    body.put("truncated", truncated[0] || next != 0);
  }

  private static int count(String given) {
    if (given == null || given.isEmpty()) {
      return DEFAULT_COUNT;
    }
    try {
      int count = Integer.parseInt(given);
      if (count >= 1 && count <= MAX_COUNT) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "count '" + given + "' is not allowed: use a number from 1 to " + MAX_COUNT);
  }

  private static ApiException noSuchKey(String cache, ByteKey key) {
    return ApiException.notFound(
        "cache '"
            + cache
            + "' has no key '"
            + BytePreview.escaped(key.bytes(), Math.min(key.length(), KEY_PREVIEW_BYTES))
            + "'");
  }
}
