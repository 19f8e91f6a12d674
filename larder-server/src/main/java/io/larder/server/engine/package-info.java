/**
 * The storage engine: the {@link io.larder.server.engine.Keyspace} boundary that commands use, its
 * value types, and its implementation on embedded Infinispan.
 *
 * <p>Depends on Infinispan only; knows nothing of the network, commands or tenants.
 */
package io.larder.server.engine;
