package io.larder.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Session ids in a header, for API clients: the request sends the id in the header (e.g. {@code
 * X-Auth-Token}), the response carries it when a session starts or its id changes, and an empty
 * value when the session ends (Spring Session's convention, so its clients work unchanged). No
 * cookie is written; values not shaped like an id are ignored.
 */
final class SessionHeaders implements SessionIdTransport {
  private final String name;

  SessionHeaders(String name) {
    this.name = name;
  }

  @Override
  public String requestedId(HttpServletRequest request) {
    String value = request.getHeader(name);
    return value != null && SessionIds.isWellFormed(value.trim()) ? value.trim() : null;
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response, String id) {
    response.setHeader(name, id);
  }

  @Override
  public void expire(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader(name, "");
  }

  @Override
  public boolean usesCookies() {
    return false;
  }
}
