/**
 * Commands: the registry of {@link io.larder.server.command.CommandSpec}s, the {@link
 * io.larder.server.command.Dispatcher} that checks arity and authentication once for all, the
 * per-connection {@link io.larder.server.command.ClientSession}, and one class per command family
 * ({@code StringCommands}, {@code HashCommands}, {@code KeyCommands} …).
 *
 * <p>Depends on the engine (through {@link io.larder.server.engine.Keyspace} only), tenants and the
 * RESP writer; knows nothing of Netty channels.
 */
package io.larder.server.command;
