package io.larder.client;

/**
 * Base of everything the Larder client throws: the operation did not complete as asked.
 *
 * <p>Subclasses say why: {@link LarderConnectionException} (the server could not be reached or did
 * not answer in time), {@link LockTimeoutException} (a lock stayed taken for longer than the wait
 * limit), {@link CodecException} (a value could not be turned into bytes or back). A plain {@code
 * LarderException} is the server refusing a command, e.g. one it does not support.
 */
public class LarderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LarderException(String message) {
    super(message);
  }

  public LarderException(String message, Throwable cause) {
    super(message, cause);
  }
}
