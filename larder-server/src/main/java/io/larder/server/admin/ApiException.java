package io.larder.server.admin;

/** A request the API refuses; becomes a problem-details response with status and detail. */
final class ApiException extends RuntimeException {
  private final int status;
  private final String allow;
  private final long retryAfterSeconds;

  ApiException(int status, String detail) {
    this(status, detail, null, 0);
  }

  private ApiException(int status, String detail, String allow, long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.allow = allow;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  int status() {
    return status;
  }

  /** The methods a 405 answer lists in its Allow header, or null. */
  String allow() {
    return allow;
  }

  /** The Retry-After of a 429 answer in seconds, or 0. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  static ApiException unauthorized(String detail) {
    return new ApiException(401, detail);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  static ApiException methodNotAllowed(String method, String allowed) {
    return new ApiException(405, method + " is not allowed here; allowed: " + allowed, allowed, 0);
  }

  static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(429, detail, null, retryAfterSeconds);
  }
}
