package io.larder.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.larder.server.tenant.TenantException;
import io.larder.server.tenant.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management REST API on the admin port (DESIGN.md D5), on the JDK's HTTP server with two
 * worker threads: the API is for operators and tools, not for traffic.
 *
 * <p>Every {@code /api/**} request needs {@code Authorization: Bearer <admin token>}, except {@code
 * GET /api/health} and {@code GET /api/openapi.json}, which reveal nothing. Errors are RFC 9457
 * problem details ({@code application/problem+json}) whose {@code detail} says what to change.
 * Responses are never cached ({@code Cache-Control: no-store}): they carry access keys.
 *
 * <p>Routes: see {@code openapi.json} next to this class, which the tests hold to this code.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final String PREFIX = "/api/";
  private static final int MAX_BODY = 64 * 1024;
  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";

  private final String bind;
  private final int port;
  private final AdminToken token;
  private final CacheResource caches;
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] openApi;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param bind the address to listen on
   * @param port the admin port (0: any free port)
   * @param respPort the real RESP port, which cache JSON shows
   */
  public AdminServer(
      String bind, int port, AdminToken token, TenantRegistry tenants, int respPort) {
    this.bind = bind;
    this.port = port;
    this.token = token;
    this.caches =
        new CacheResource(tenants, new CacheView(tenants, RespEndpoint.of(bind, respPort)));
    this.openApi = loadOpenApi();
  }

  /** Binds and starts serving; returns the bound address (the port is real when 0 was asked). */
  public InetSocketAddress start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 64);
    AtomicInteger threads = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            runnable -> {
              Thread thread = new Thread(runnable, "larder-admin-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.start();
    InetSocketAddress address = server.getAddress();
    LOG.debug("admin API listening on {}", address);
    return address;
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      ApiResponse response;
      try {
        response = route(exchange);
      } catch (ApiException e) {
        if (e.allow() != null) {
          exchange.getResponseHeaders().set("Allow", e.allow());
        }
        sendProblem(exchange, e.status(), e.getMessage());
        return;
      } catch (TenantException e) {
        int status =
            switch (e.reason()) {
              case INVALID -> 400;
              case NOT_FOUND -> 404;
              case CONFLICT -> 409;
            };
        sendProblem(exchange, status, e.getMessage());
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "admin API: {} {} failed",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            e);
        sendProblem(exchange, 500, "the server failed to do this; its log says why");
        return;
      }
      send(exchange, response);
    } catch (IOException e) {
      LOG.debug("admin API: the client went away", e);
    }
  }

  private ApiResponse route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/api/health")) {
      allow(method, "GET");
      ObjectNode body = json.createObjectNode().put("status", "ok");
      return ApiResponse.ok(body);
    }
    if (path.equals("/api/openapi.json")) {
      allow(method, "GET");
      return ApiResponse.ok(json.readTree(openApi));
    }
    authorize(exchange);
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    if (parts[0].equals("caches")) {
      switch (parts.length) {
        case 1:
          if (allow(method, "GET", "POST").equals("GET")) {
            return caches.list();
          }
          return caches.create(readBody(exchange));
        case 2:
          return switch (allow(method, "GET", "PATCH", "DELETE")) {
            case "GET" -> caches.show(parts[1]);
            case "PATCH" -> caches.update(parts[1], readBody(exchange));
            default -> caches.delete(parts[1]);
          };
        case 3:
          if (parts[2].equals("keys")) {
            allow(method, "GET");
            return caches.keys(parts[1]);
          }
          break;
        case 5:
          if (parts[2].equals("keys") && parts[4].equals("regenerate")) {
            allow(method, "POST");
            return caches.regenerate(parts[1], parts[3]);
          }
          break;
        default:
          break;
      }
    }
    throw ApiException.notFound("there is nothing at " + path + "; see /api/openapi.json");
  }

  /** Returns method if it is one of allowed; otherwise answers 405. */
  private static String allow(String method, String... allowed) {
    for (String candidate : allowed) {
      if (candidate.equals(method)) {
        return method;
      }
    }
    throw ApiException.methodNotAllowed(method, String.join(", ", allowed));
  }

  private void authorize(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized(
          "this needs the admin token: send the header 'Authorization: Bearer <token>' (the token"
              + " is in admin.token in the data directory, or set by LARDER_ADMIN_TOKEN)");
    }
    if (!token.matches(header.substring(7).trim())) {
      throw ApiException.unauthorized("the admin token is wrong");
    }
  }

  /** The body as a JSON object; 400, 413 or 415 when it is not one. */
  private JsonNode readBody(HttpExchange exchange) throws IOException {
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
      body = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return body;
  }

  private void send(HttpExchange exchange, ApiResponse response) throws IOException {
    if (response.location() != null) {
      exchange.getResponseHeaders().set("Location", response.location());
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = json.writeValueAsBytes(response.body());
    exchange.getResponseHeaders().set("Content-Type", JSON);
    exchange.sendResponseHeaders(response.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void sendProblem(HttpExchange exchange, int status, String detail) throws IOException {
    if (status == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    }
    ObjectNode problem = json.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title(status));
    problem.put("status", status);
    problem.put("detail", detail);
    byte[] bytes = json.writeValueAsBytes(problem);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Content-Type", PROBLEM_JSON);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      default -> "Internal Server Error";
    };
  }

  private static byte[] loadOpenApi() {
    try (InputStream in = AdminServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the server's resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops serving; requests in progress are cut off. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
