package io.larder.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admin API's answers as text: pretty JSON for {@code --json}, otherwise a table of caches, a
 * cache's fields, or its keys. Fields the answer lacks print as {@code -}, so an older or newer
 * server still gives readable output.
 */
final class CacheOutput {
  private static final String NONE = "-";

  private final ObjectWriter prettyJson;

  CacheOutput(ObjectMapper json) {
    // Two-space indent, "key": value, arrays one element per line: what jq prints.
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    this.prettyJson = json.writer(printer);
  }

  String json(JsonNode answer) {
    try {
      return prettyJson.writeValueAsString(answer) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree just parsed always writes
    }
  }

  /** {@code cache list}: one row per cache. */
  String list(JsonNode answer) {
    JsonNode caches = answer.path("caches");
    if (caches.isEmpty()) {
      return "No caches. Create one with: ./larder cache create NAME\n";
    }
    TableFormatter table =
        new TableFormatter("NAME", "STATUS", "KEYS", "MEMORY", "OPS/S", "CLIENTS", "ENDPOINT");
    for (JsonNode cache : caches) {
      JsonNode stats = cache.path("stats");
      table.row(
          text(cache, "name"),
          text(cache, "status"),
          number(stats, "keys"),
          bytes(stats, "usedMemory") + "/" + quota(cache),
          opsPerSecond(stats),
          number(stats, "connectedClients"),
          text(cache, "endpoint"));
    }
    return table.render();
  }

  /** {@code cache show}: every field, the connection string's key masked unless asked. */
  String show(JsonNode cache, boolean showKeys) {
    JsonNode stats = cache.path("stats");
    String connection = text(cache, "connectionString");
    if (!showKeys) {
      connection = KeyMask.connectionString(connection) + "  (--show-keys to reveal)";
    }
    return fields(
        "Name", text(cache, "name"),
        "Status", text(cache, "status"),
        "Created", text(cache, "createdAt"),
        "Endpoint", text(cache, "endpoint"),
        "Connection string", connection,
        "TLS", yesNo(cache, "tls"),
        "Memory", bytes(stats, "usedMemory") + " used of " + quota(cache),
        "Eviction", text(cache, "eviction"),
        "Default TTL", defaultTtl(cache),
        "Persistence", yesNo(cache, "persistence"),
        "Keys", number(stats, "keys"),
        "Ops/s", opsPerSecond(stats),
        "Hits", number(stats, "hits"),
        "Misses", number(stats, "misses"),
        "Clients", number(stats, "connectedClients"),
        "Evicted keys", number(stats, "evictedKeys"),
        "Expired keys", number(stats, "expiredKeys"));
  }

  /** {@code cache keys} and {@code cache regenerate}: both keys in full, and their URLs. */
  String keys(JsonNode keys) {
    return fields(
        "Primary key", text(keys, "primary"),
        "Secondary key", text(keys, "secondary"),
        "Primary connection string", text(keys, "primaryConnectionString"),
        "Secondary connection string", text(keys, "secondaryConnectionString"));
  }

  /** Label-value pairs, values aligned: {@code "Name: shop"}. */
  private static String fields(String... labelsAndValues) {
    int width = 0;
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      width = Math.max(width, labelsAndValues[i].length() + 1);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      String label = labelsAndValues[i] + ":";
      lines.add(label + " ".repeat(width - label.length() + 2) + labelsAndValues[i + 1]);
    }
    return String.join("\n", lines) + "\n";
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : NONE;
  }

  private static String number(JsonNode node, String field) {
    return node.path(field).isNumber() ? Long.toString(node.get(field).asLong()) : NONE;
  }

  private static String bytes(JsonNode node, String field) {
    return node.path(field).isNumber() ? HumanUnits.bytes(node.get(field).asLong()) : NONE;
  }

  private static String quota(JsonNode cache) {
    JsonNode quota = cache.path("memoryQuota");
    if (!quota.isNumber()) {
      return quota.isNull() ? "no limit" : NONE;
    }
    return quota.asLong() > 0 ? HumanUnits.bytes(quota.asLong()) : "no limit";
  }

  private static String defaultTtl(JsonNode cache) {
    JsonNode ttl = cache.path("defaultTtlSeconds");
    if (ttl.isNull() || (ttl.isNumber() && ttl.asLong() <= 0)) {
      return "none";
    }
    return ttl.isNumber() ? HumanUnits.seconds(ttl.asLong()) : NONE;
  }

  private static String opsPerSecond(JsonNode stats) {
    JsonNode ops = stats.path("opsPerSecond");
    return ops.isNumber() ? String.format(Locale.ROOT, "%.1f", ops.asDouble()) : NONE;
  }

  private static String yesNo(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isBoolean() ? (value.asBoolean() ? "yes" : "no") : NONE;
  }
}
