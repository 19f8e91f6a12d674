/**
 * The Larder server: {@link io.larder.server.LarderServer} wires storage, persistence, caches and
 * the network; {@link io.larder.server.Main} is the command line.
 */
package io.larder.server;
