/**
 * The Larder client: connect to a cache from its endpoint URL and key, and use it through a typed,
 * thread-safe API.
 *
 * <p>Public: {@link io.larder.client.LarderClient} (connections, settings), {@link
 * io.larder.client.LarderCache} and {@link io.larder.client.AsyncLarderCache} (the operations),
 * {@link io.larder.client.Codec} and {@link io.larder.client.Codecs} (how values become bytes), the
 * results {@link io.larder.client.Versioned}, {@link io.larder.client.Locked}, {@link
 * io.larder.client.LockHandle}, and the exceptions under {@link io.larder.client.LarderException}.
 * Everything else is package-private implementation.
 *
 * <p>Depends on Lettuce (connections, protocol) and Jackson (the JSON codec) only. Works against
 * Larder or any Redis-compatible server: it uses plain commands, and {@code WATCH}/{@code
 * MULTI}/{@code EXEC} for atomic check-then-write, never scripts.
 */
package io.larder.client;
