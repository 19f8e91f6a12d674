package io.larder.server.tenant;

/**
 * A change to the caches that cannot be made; the message says why in words fit for the user (the
 * admin API returns it as the problem detail).
 */
public final class TenantException extends RuntimeException {
  /** Why the change was refused; the admin API maps it to 400, 404 or 409. */
  public enum Reason {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Reason reason;

  public TenantException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static TenantException invalid(String message) {
    return new TenantException(Reason.INVALID, message);
  }

  static TenantException notFound(String name) {
    return new TenantException(Reason.NOT_FOUND, "there is no cache named '" + name + "'");
  }
}
