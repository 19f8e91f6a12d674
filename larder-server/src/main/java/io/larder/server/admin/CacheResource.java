package io.larder.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.larder.server.tenant.CacheSettings;
import io.larder.server.tenant.KeySlot;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantRegistry;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The caches of the REST API: {@code /api/caches}, {@code /api/caches/{name}}, {@code
 * /api/caches/{name}/metrics}, {@code /api/caches/{name}/keys} and {@code
 * /api/caches/{name}/keys/{primary|secondary}/regenerate}.
 *
 * <p>In bodies, a setting given as null means its default (for {@code defaultTtl}: no default
 * expiry), in a PATCH as in a POST; a setting left out of a PATCH keeps its value. Unknown fields
 * are refused, so a misspelt setting is not silently ignored.
 */
final class CacheResource {
  private static final List<String> CREATE_FIELDS =
      List.of("name", "memory", "eviction", "defaultTtl", "persistence");
  private static final Set<String> UPDATE_FIELDS =
      Set.of("memory", "eviction", "defaultTtl", "persistence");

  private final TenantRegistry tenants;
  private final CacheView view;

  CacheResource(TenantRegistry tenants, CacheView view) {
    this.tenants = tenants;
    this.view = view;
  }

  ApiResponse list() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    var caches = body.putArray("caches");
    for (Tenant tenant : tenants.all()) {
      caches.add(view.cache(tenant));
    }
    return ApiResponse.ok(body);
  }

  ApiResponse show(String name) {
    return ApiResponse.ok(view.cache(tenants.require(name)));
  }

  ApiResponse create(JsonNode body) {
    checkFields(body, CREATE_FIELDS);
    JsonNode name = body.get("name");
    if (name == null || name.isNull()) {
      throw ApiException.badRequest("name is required");
    }
    if (!name.isTextual()) {
      throw ApiException.badRequest("name " + name + " is not allowed: it must be a string");
    }
    CacheSettings settings = apply(CacheSettings.defaults(tenants.persistenceAvailable()), body);
    Tenant tenant = tenants.create(name.asText(), settings);
    return ApiResponse.created(view.cache(tenant), "/api/caches/" + tenant.name());
  }

  ApiResponse update(String name, JsonNode body) {
    if (body.has("name")) {
      throw ApiException.badRequest("name cannot be changed; create a new cache instead");
    }
    checkFields(body, UPDATE_FIELDS);
    tenants.require(name);
    Tenant tenant = tenants.update(name, current -> apply(current, body));
    return ApiResponse.ok(view.cache(tenant));
  }

  ApiResponse delete(String name) {
    tenants.delete(name);
    return ApiResponse.noContent();
  }

  ApiResponse metrics(String name) {
    return ApiResponse.ok(view.metrics(tenants.require(name)));
  }

  ApiResponse keys(String name) {
    return ApiResponse.ok(view.keys(tenants.require(name)));
  }

  ApiResponse regenerate(String name, String slotLabel) {
    KeySlot slot = KeySlot.fromLabel(slotLabel);
    if (slot == null) {
      throw ApiException.notFound(
          "there is no key '" + slotLabel + "': a cache has a primary and a secondary key");
    }
    return ApiResponse.ok(view.keys(tenants.regenerate(name, slot)));
  }

  /** The settings current with the fields of body applied (null: the default). */
  private CacheSettings apply(CacheSettings current, JsonNode body) {
    CacheSettings defaults = CacheSettings.defaults(tenants.persistenceAvailable());
    CacheSettings settings = current;
    JsonNode memory = body.get("memory");
    if (memory != null) {
      settings =
          settings.withMemoryQuota(
              memory.isNull() ? defaults.memoryQuota() : SettingValues.memory(memory));
    }
    JsonNode eviction = body.get("eviction");
    if (eviction != null) {
      settings =
          settings.withEviction(
              eviction.isNull() ? defaults.eviction() : SettingValues.eviction(eviction));
    }
    JsonNode ttl = body.get("defaultTtl");
    if (ttl != null) {
      settings =
          settings.withDefaultTtlSeconds(ttl.isNull() ? 0 : SettingValues.defaultTtlSeconds(ttl));
    }
    JsonNode persistence = body.get("persistence");
    if (persistence != null) {
      settings =
          settings.withPersistence(
              persistence.isNull()
                  ? defaults.persistence()
                  : SettingValues.persistence(persistence));
    }
    return settings;
  }

  private static void checkFields(JsonNode body, java.util.Collection<String> allowed) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!allowed.contains(field)) {
        throw ApiException.badRequest(
            "unknown field '" + field + "'; allowed: " + String.join(", ", ordered(allowed)));
      }
    }
  }

  private static List<String> ordered(java.util.Collection<String> fields) {
    return CREATE_FIELDS.stream().filter(fields::contains).toList();
  }
}
