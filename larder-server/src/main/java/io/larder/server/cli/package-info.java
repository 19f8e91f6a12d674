/**
 * The {@code larder cache …} command line: a client of the admin REST API (DESIGN.md D5) that
 * creates, lists, shows and deletes caches and shows or regenerates their access keys.
 *
 * <p>{@link io.larder.server.cli.CacheCommandLine} parses the arguments ({@code CliArguments}),
 * finds the server and its admin token ({@code AdminEndpoint}), talks HTTP ({@code AdminClient})
 * and prints the answer as JSON or for people ({@code CacheOutput}). It depends on the JDK's HTTP
 * client, Jackson, and the server's {@code config} package only to locate the server the way the
 * server configured itself; it never touches the server's storage or caches directly.
 */
package io.larder.server.cli;
