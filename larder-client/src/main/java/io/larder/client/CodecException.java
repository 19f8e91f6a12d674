package io.larder.client;

/**
 * A value could not be encoded for storage, or stored bytes could not be decoded: the value's class
 * is not serializable, is refused by the codec's allowlist, has changed incompatibly, or the bytes
 * are not what the codec expects.
 */
public final class CodecException extends LarderException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
