package io.larder.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every answer of the admin port shares: the security headers, JSON and problem-details
 * bodies, reading a JSON body, cookies and query parameters.
 *
 * <p>The security headers go on every response, API and portal alike: a browser must never run,
 * frame or sniff anything from this port except the portal's own files.
 */
final class Exchanges {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  static final int MAX_BODY = 64 * 1024;
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Exchanges() {}

  static ObjectMapper json() {
    return MAPPER;
  }

  static void securityHeaders(HttpExchange exchange) {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
  }

  static void send(HttpExchange exchange, ApiResponse response) throws IOException {
    if (response.location() != null) {
      exchange.getResponseHeaders().set("Location", response.location());
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    sendBytes(exchange, response.status(), JSON, MAPPER.writeValueAsBytes(response.body()));
  }

  static void sendProblem(HttpExchange exchange, int status, String detail) throws IOException {
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    ObjectNode problem = MAPPER.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title(status));
    problem.put("status", status);
    problem.put("detail", detail);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    sendBytes(exchange, status, PROBLEM_JSON, MAPPER.writeValueAsBytes(problem));
  }

  /** Sends bytes; a HEAD request gets the headers only. */
  static void sendBytes(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      default -> "Internal Server Error";
    };
  }

  /** The body as a JSON object; 400, 413 or 415 when it is not one. */
  static JsonNode readBody(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiException(415, "the body must be JSON (Content-Type: application/json)");
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new ApiException(413, "the body is larger than " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      throw ApiException.badRequest("the body is empty; it must be a JSON object");
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return body;
  }

  /** Every value of the cookie called name in the request (a browser may send several). */
  static List<String> cookies(HttpExchange exchange, String name) {
    List<String> values = new ArrayList<>();
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return values;
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          values.add(pair.substring(eq + 1).trim());
        }
      }
    }
    return values;
  }

  /** The query's parameters, percent-decoded as UTF-8 ({@code +} is a space); first value wins. */
  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.putIfAbsent(
          PercentEncoding.decodeText(name.replace('+', ' ')),
          PercentEncoding.decodeText(value.replace('+', ' ')));
    }
    return params;
  }

  /** Returns method if it is one of allowed; otherwise answers 405. */
  static String allow(String method, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(method)) {
        return method;
      }
    }
    throw ApiException.methodNotAllowed(method, String.join(", ", allowed));
  }
}
