package io.larder.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a session's id travels between client and server: in a cookie ({@link SessionCookies}, the
 * default, for browsers) or in a request and response header ({@link SessionHeaders}, for API
 * clients that keep no cookies).
 */
interface SessionIdTransport {
  /** The well-formed session id the request sent, or null. */
  String requestedId(HttpServletRequest request);

  /** Gives the client the session's (new) id. */
  void write(HttpServletRequest request, HttpServletResponse response, String id);

  /** Tells the client that its session has ended. */
  void expire(HttpServletRequest request, HttpServletResponse response);

  /** Whether ids travel in a cookie ({@code isRequestedSessionIdFromCookie}). */
  boolean usesCookies();
}
