/**
 * Persistence: each cache's changes go to an append-only log of RESP records, handed to the OS
 * before replies are sent and fsynced per {@link io.larder.server.persist.FsyncPolicy}; logs are
 * compacted into snapshots in the background and replayed at start.
 *
 * <p>The promise: a write is acknowledged only after its record reached the OS (under {@code
 * always}, the disk), so killing the process loses no acknowledged write, and a restart after a
 * crash cuts off only a record that was being written when it happened.
 *
 * <p>When the disk fails (full, I/O error), nothing is acknowledged any more: the records that
 * could not be written are kept in memory and retried before every reply and once a second, and
 * until a retry succeeds the replies of the event-loop turns that hit the error are not sent (their
 * connections are closed). {@link io.larder.server.persist.Durability#lastError} reports the state,
 * for refusing writes up front as Redis does with {@code -MISCONF}.
 *
 * <p>Depends on the engine (it implements {@link io.larder.server.engine.Journal}) and the RESP
 * parser (for replay).
 */
package io.larder.server.persist;
