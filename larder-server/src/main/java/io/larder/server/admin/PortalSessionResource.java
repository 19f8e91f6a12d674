package io.larder.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /portal/session}: the portal's sign-in ({@code POST} with {@code {"token": ...}}), the
 * current session ({@code GET}, which gives a reloaded page its CSRF token back) and sign-out
 * ({@code DELETE}). Sign-in sets the session cookie; sign-out clears it.
 */
final class PortalSessionResource {
  static final String PATH = "/portal/session";

  private final AdminAuth auth;

  PortalSessionResource(AdminAuth auth) {
    this.auth = auth;
  }

  ApiResponse handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getRawPath().equals(PATH)) {
      throw ApiException.notFound("there is nothing at " + exchange.getRequestURI().getRawPath());
    }
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    return switch (Exchanges.allow(method, "GET", "POST", "DELETE")) {
      case "POST" -> signIn(exchange);
      case "DELETE" -> signOut(exchange);
      default -> current(exchange);
    };
  }

  private ApiResponse signIn(HttpExchange exchange) throws IOException {
    AdminAuth.checkSameOrigin(exchange);
    JsonNode body = Exchanges.readBody(exchange);
    JsonNode given = body.get("token");
    if (given == null || !given.isTextual() || given.asText().isBlank()) {
      throw ApiException.badRequest("token is required: the admin token, as a string");
    }
    if (!auth.checkToken(exchange, given.asText().trim())) {
      throw ApiException.unauthorized("the admin token is wrong");
    }
    AdminSessions.Session session = auth.sessions().create();
    exchange.getResponseHeaders().add("Set-Cookie", AdminAuth.cookie(exchange, session.id()));
    return ApiResponse.ok(describe(session));
  }

  private ApiResponse current(HttpExchange exchange) {
    AdminSessions.Session session = auth.session(exchange);
    if (session == null) {
      throw ApiException.unauthorized("not signed in");
    }
    return ApiResponse.ok(describe(session));
  }

  private ApiResponse signOut(HttpExchange exchange) {
    AdminSessions.Session session = auth.session(exchange);
    if (session != null) {
      AdminAuth.checkCsrf(exchange, session);
      auth.sessions().remove(session.id());
    }
    exchange.getResponseHeaders().add("Set-Cookie", AdminAuth.cookie(exchange, ""));
    return ApiResponse.noContent();
  }

  private static ObjectNode describe(AdminSessions.Session session) {
    ObjectNode body = Exchanges.json().createObjectNode();
    body.put("csrfToken", session.csrfToken());
    body.put("idleTimeoutSeconds", AdminSessions.IDLE_TIMEOUT_MILLIS / 1000);
    return body;
  }
}
