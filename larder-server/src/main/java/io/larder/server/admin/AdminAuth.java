package io.larder.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.larder.server.tenant.AuthThrottle;
import java.net.URI;
import java.util.Locale;

/**
 * Who may call the admin API: a caller with the admin token ({@code Authorization: Bearer}), or a
 * browser signed in to the portal (a session cookie).
 *
 * <p>A browser sends its cookie with any request, including ones a hostile page makes it send, so a
 * state-changing request authenticated by cookie must also carry the session's CSRF token in the
 * {@code X-CSRF-Token} header, which only the portal's own script knows, and must not come from
 * another origin. The cookie is {@code SameSite=Strict} as well; the token is the defence that does
 * not depend on the browser. Bearer calls need no CSRF token: no browser adds that header on its
 * own.
 */
final class AdminAuth {
  static final String SESSION_COOKIE = "larder_admin";
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** The throttle's name for what is guessed (it counts per address and name). */
  private static final String GUESSED = "admin-token";

  private final AdminToken token;
  private final AdminSessions sessions;
  private final AuthThrottle throttle = new AuthThrottle();

  AdminAuth(AdminToken token, AdminSessions sessions) {
    this.token = token;
    this.sessions = sessions;
  }

  /**
   * Whether candidate is the admin token, counting failures of the request's address; 429 while the
   * address is throttled.
   */
  boolean checkToken(HttpExchange exchange, String candidate) {
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    long wait = throttle.penaltyLeft(address, GUESSED);
    if (wait > 0) {
      throttle.failed(address, GUESSED);
      throw ApiException.tooManyRequests(
          "too many wrong admin tokens from this address; try again in "
              + (wait + 999) / 1000
              + " s",
          (wait + 999) / 1000);
    }
    if (token.matches(candidate)) {
      throttle.succeeded(address, GUESSED);
      return true;
    }
    throttle.failed(address, GUESSED);
    return false;
  }

  AdminSessions sessions() {
    return sessions;
  }

  /** Admits the request, or throws 401 (no or wrong credentials) or 403 (CSRF check failed). */
  void authorize(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw unauthorized();
      }
      if (!checkToken(exchange, header.substring(7).trim())) {
        throw ApiException.unauthorized("the admin token is wrong");
      }
      return;
    }
    boolean hadCookie = !Exchanges.cookies(exchange, SESSION_COOKIE).isEmpty();
    AdminSessions.Session session = session(exchange);
    if (session == null) {
      if (hadCookie) {
        throw ApiException.unauthorized("the portal session has ended; sign in again");
      }
      throw unauthorized();
    }
    if (!isSafe(exchange.getRequestMethod())) {
      checkCsrf(exchange, session);
    }
  }

  /** The live session the request's cookie names, or null. */
  AdminSessions.Session session(HttpExchange exchange) {
    for (String id : Exchanges.cookies(exchange, SESSION_COOKIE)) {
      AdminSessions.Session session = sessions.find(id);
      if (session != null) {
        return session;
      }
    }
    return null;
  }

  /** Refuses a request from another origin, or without the session's CSRF token. */
  static void checkCsrf(HttpExchange exchange, AdminSessions.Session session) {
    checkSameOrigin(exchange);
    if (!session.csrfMatches(exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
      throw new ApiException(
          403,
          "a change made with the portal's session cookie needs the header "
              + CSRF_HEADER
              + " with the token given at sign-in");
    }
  }

  /**
   * Refuses a request a browser says came from another site: {@code Sec-Fetch-Site} other than
   * same-origin or none, or an {@code Origin} whose host is not the one asked.
   */
  static void checkSameOrigin(HttpExchange exchange) {
    String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new ApiException(403, "requests from other sites are refused");
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (origin == null) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      throw new ApiException(403, "requests from other sites are refused");
    }
    String originHost =
        uri.getHost() == null ? "" : uri.getPort() < 0 ? uri.getHost() : uri.getRawAuthority();
    if (host == null || !originHost.equalsIgnoreCase(host)) {
      throw new ApiException(403, "requests from other sites are refused");
    }
  }

  /** The Set-Cookie value that signs this browser in (or, with an empty id, out). */
  static String cookie(HttpExchange exchange, String id) {
    StringBuilder cookie = new StringBuilder(SESSION_COOKIE).append('=').append(id);
    cookie.append("; Path=/; HttpOnly; SameSite=Strict");
    if (id.isEmpty()) {
      cookie.append("; Max-Age=0");
    }
    if (exchange instanceof HttpsExchange) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }

  private static boolean isSafe(String method) {
    String m = method.toUpperCase(Locale.ROOT);
    return m.equals("GET") || m.equals("HEAD");
  }

  private static ApiException unauthorized() {
    return ApiException.unauthorized(
        "this needs the admin token: send the header 'Authorization: Bearer <token>' (the token"
            + " is in admin.token in the data directory, or set by LARDER_ADMIN_TOKEN), or sign in"
            + " to the portal");
  }
}
