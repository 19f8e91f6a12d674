/**
 * The network transport: the Netty listener and the per-connection handler that frames bytes into
 * commands for the dispatcher and sends replies once per read burst.
 *
 * <p>Depends on the RESP codec and the command dispatcher; holds no command logic.
 */
package io.larder.server.net;
