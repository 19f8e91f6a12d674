/**
 * Pub/sub, isolated per cache (DESIGN.md D2): each cache's channels and pattern subscriptions
 * ({@link io.larder.server.pubsub.Channels}), the subscriptions of one connection ({@link
 * io.larder.server.pubsub.Subscriptions}), messages encoded once for every subscriber ({@link
 * io.larder.server.pubsub.Message}), and keyspace notifications ({@link
 * io.larder.server.pubsub.KeyspaceNotifier}).
 *
 * <p>Depends on the engine's key type and listener only; knows nothing of Netty, commands or
 * tenants. The network layer implements {@link io.larder.server.pubsub.Subscriber}.
 */
package io.larder.server.pubsub;
