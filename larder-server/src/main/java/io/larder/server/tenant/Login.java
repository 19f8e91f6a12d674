package io.larder.server.tenant;

/**
 * A successful authentication: the cache, the key slot and the very key that matched.
 *
 * <p>A login races with regeneration and deletion, which close the connections that used the old
 * key. The connection records the login first and then calls {@link #stillValid}; regeneration
 * replaces the key first and then looks for connections. Whichever runs second sees the other's
 * change, so no connection keeps using a key that was replaced.
 */
public record Login(Tenant tenant, KeySlot slot, AccessKey key) {
  /** True while the cache exists and the key in slot is still the one that matched. */
  public boolean stillValid() {
    return tenant.live() && tenant.key(slot) == key;
  }
}
