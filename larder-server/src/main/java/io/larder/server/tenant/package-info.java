/**
 * Named caches as tenants (DESIGN.md D2): their definitions and access keys, authentication, and
 * their keyspaces with persistence. Depends on the engine and persistence packages.
 */
package io.larder.server.tenant;
