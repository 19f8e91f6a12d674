/**
 * The Redis serialization protocol: framing client commands ({@link
 * io.larder.server.resp.RespParser}) and encoding replies in RESP2 or RESP3 ({@link
 * io.larder.server.resp.RespWriter}).
 *
 * <p>Depends on Netty's buffers only; knows nothing of commands or storage.
 */
package io.larder.server.resp;
