/**
 * The admin plane (DESIGN.md D5): the admin token, the management REST API ({@link
 * io.larder.server.admin.AdminServer}) with its OpenAPI document ({@code openapi.json} beside this
 * package's classes), and the web portal: its static files (in {@code io/larder/server/portal/}
 * among the resources, plain HTML, CSS and JavaScript modules with no third-party code), its
 * sign-in sessions and the cookie-plus-CSRF authentication it uses to call the same API.
 *
 * <p>Depends on the tenant package (caches, keys, figures), the engine's {@code Keyspace} boundary
 * and value types (the key browser) and the command package's glob matching; nothing in the data
 * plane depends on it.
 */
package io.larder.server.admin;
