/**
 * Server configuration: the settings, their defaults and parsers, and how flags, environment and
 * file combine (DESIGN.md D7). Depends on nothing else in the server but the types it configures.
 */
package io.larder.server.config;
