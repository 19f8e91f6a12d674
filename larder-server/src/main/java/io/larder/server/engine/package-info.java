/**
 * The storage engine: the {@link io.larder.server.engine.Keyspace} boundary that commands use, its
 * value types, and its implementation on embedded Infinispan, including each keyspace's memory
 * account, quota, eviction policies and default expiry ({@link
 * io.larder.server.engine.MemoryLimits}).
 *
 * <p>Depends on Infinispan only; knows nothing of the network, commands or tenants.
 */
package io.larder.server.engine;
