package io.larder.server.tenant;

import java.util.Map;

/**
 * The client connections of caches, as the network layer knows them. The registry closes them when
 * a key they used is regenerated or their cache is deleted; it does not depend on the network
 * layer, which implements this.
 */
public interface TenantConnections {
  /**
   * Closes every connection authenticated to tenant with the key in slot, or with either key when
   * slot is null.
   */
  void close(Tenant tenant, KeySlot slot);

  /** How many connections are authenticated to tenant. */
  int count(Tenant tenant);

  /** How many connections are authenticated to each cache (absent: none), in one pass. */
  Map<Tenant, Integer> countByTenant();

  /** No connections at all (a registry used without a network layer, as in unit tests). */
  TenantConnections NONE =
      new TenantConnections() {
        @Override
        public void close(Tenant tenant, KeySlot slot) {}

        @Override
        public int count(Tenant tenant) {
          return 0;
        }

        @Override
        public Map<Tenant, Integer> countByTenant() {
          return Map.of();
        }
      };
}
