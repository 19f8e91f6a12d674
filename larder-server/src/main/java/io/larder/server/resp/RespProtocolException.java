package io.larder.server.resp;

/**
 * Input that is not RESP. The message is what Redis says after {@code "ERR Protocol error: "}; the
 * connection that sent it is answered and closed.
 */
public final class RespProtocolException extends RuntimeException {
  public RespProtocolException(String message) {
    super(message, null, false, false);
  }
}
