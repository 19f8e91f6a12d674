package io.larder.session;

import io.larder.session.SessionConfig.CookieSecure;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The session cookie: read from requests, written to responses.
 *
 * <p>The {@code Set-Cookie} header is written here rather than by the container's cookie processor,
 * so that every container sends the same attributes: {@code Path} (the context path by default),
 * {@code Domain} if configured, {@code HttpOnly} always (scripts never need the session id), {@code
 * SameSite} ({@code Lax} by default) and {@code Secure} on HTTPS requests (or as configured). No
 * {@code Max-Age}: the cookie lives as long as the browser session, and the server decides when the
 * session ends.
 */
final class SessionCookies implements SessionIdTransport {
  private final String name;
  private final String path;
  private final String domain;
  private final String sameSite;
  private final CookieSecure secure;

  SessionCookies(SessionConfig config) {
    this.name = config.cookieName();
    this.path = config.cookiePath();
    this.domain = config.cookieDomain();
    this.sameSite = config.cookieSameSite();
    this.secure = config.cookieSecure();
  }

  String name() {
    return name;
  }

  /**
   * The session id the request sent: the first cookie of that name with the form of an id (browsers
   * send the cookie of the most specific path first), or null.
   */
  @Override
  public String requestedId(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName()) && SessionIds.isWellFormed(cookie.getValue())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  @Override
  public void write(HttpServletRequest request, HttpServletResponse response, String id) {
    response.addHeader("Set-Cookie", header(request, id, false));
  }

  /** Tells the browser to forget the cookie (after an invalidation). */
  @Override
  public void expire(HttpServletRequest request, HttpServletResponse response) {
    response.addHeader("Set-Cookie", header(request, "", true));
  }

  @Override
  public boolean usesCookies() {
    return true;
  }

  String header(HttpServletRequest request, String value, boolean expired) {
    StringBuilder header = new StringBuilder(128).append(name).append('=').append(value);
    header.append("; Path=").append(pathFor(request));
    if (domain != null) {
      header.append("; Domain=").append(domain);
    }
    if (expired) {
      header.append("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    }
    if (secure == CookieSecure.ALWAYS
        || (secure == CookieSecure.AUTO && request.isSecure())
        || "None".equals(sameSite)) {
      header.append("; Secure");
    }
    header.append("; HttpOnly");
    header.append("; SameSite=").append(sameSite);
    return header.toString();
  }

  private String pathFor(HttpServletRequest request) {
    if (path != null) {
      return path;
    }
    String contextPath = request.getContextPath();
    return contextPath == null || contextPath.isEmpty() ? "/" : contextPath;
  }
}
