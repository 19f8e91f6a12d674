/**
 * The admin plane (DESIGN.md D5): the admin token, and the management REST API ({@link
 * io.larder.server.admin.AdminServer}) with its OpenAPI document ({@code openapi.json} beside this
 * package's classes). The portal will be served from here too.
 *
 * <p>Depends on the tenant package (caches, keys, figures) and the engine's setting types; nothing
 * in the data plane depends on it.
 */
package io.larder.server.admin;
