/**
 * Persistence: each cache's changes go to an append-only log of RESP records, handed to the OS
 * before replies are sent and fsynced per {@link io.larder.server.persist.FsyncPolicy}; logs are
 * compacted into snapshots in the background and replayed at start.
 *
 * <p>Depends on the engine (it implements {@link io.larder.server.engine.Journal}) and the RESP
 * parser (for replay).
 */
package io.larder.server.persist;
