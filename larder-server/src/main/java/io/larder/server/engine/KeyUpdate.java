package io.larder.server.engine;

/** An atomic read-modify-write of one key; see {@link Keyspace#update}. */
@FunctionalInterface
public interface KeyUpdate<R> {
  R apply(Mutation entry);
}
