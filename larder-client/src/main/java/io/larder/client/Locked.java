package io.larder.client;

/**
 * A value read under a lock, with the handle that proves the lock is held; pass the handle to
 * {@link LarderCache#putAndUnlock} or {@link LarderCache#unlock}.
 *
 * @param value the value, or {@code null} if the key has no entry (the lock is held all the same)
 * @param handle the lock's handle
 * @param <V> the type of the value
 */
public record Locked<V>(V value, LockHandle handle) {}
