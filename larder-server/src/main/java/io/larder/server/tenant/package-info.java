/**
 * Named caches as tenants (DESIGN.md D2): their definitions, settings and access keys,
 * authentication and its throttling, their keyspaces with persistence, and their recent activity.
 *
 * <p>Depends on the engine and persistence packages. It does not know the network layer: it closes
 * and counts connections through {@link io.larder.server.tenant.TenantConnections}, which the
 * command layer implements.
 */
package io.larder.server.tenant;
