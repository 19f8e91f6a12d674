package io.larder.server.command;

import io.larder.server.tenant.KeySlot;
import io.larder.server.tenant.Tenant;
import io.larder.server.tenant.TenantConnections;
import java.util.HashMap;
import java.util.Map;

/**
 * The connections of caches, found in the {@link ClientRegistry}: what the tenant registry closes
 * when a key is regenerated or a cache deleted.
 */
public final class TenantSessions implements TenantConnections {
  private final ClientRegistry clients;

  public TenantSessions(ClientRegistry clients) {
    this.clients = clients;
  }

  @Override
  public void close(Tenant tenant, KeySlot slot) {
    for (ClientSession client : clients.all()) {
      if (client.tenant() == tenant && (slot == null || client.keySlot() == slot)) {
        client.close();
      }
    }
  }

  @Override
  public int count(Tenant tenant) {
    int count = 0;
    for (ClientSession client : clients.all()) {
      if (client.tenant() == tenant) {
        count++;
      }
    }
    return count;
  }

  @Override
  public Map<Tenant, Integer> countByTenant() {
    Map<Tenant, Integer> counts = new HashMap<>();
    for (ClientSession client : clients.all()) {
      Tenant tenant = client.tenant();
      if (tenant != null) {
        counts.merge(tenant, 1, Integer::sum);
      }
    }
    return counts;
  }
}
