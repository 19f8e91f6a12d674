package io.larder.server.admin;

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
 * The admin port (DESIGN.md D5): the management REST API under {@code /api/}, the web portal's
 * files at {@code /} and its sign-in at {@code /portal/session}, on the JDK's HTTP server with two
 * worker threads: this port is for operators and tools, not for traffic.
 *
 * <p>Every {@code /api/**} request needs {@code Authorization: Bearer <admin token>} or a portal
 * session cookie (see {@link AdminAuth}), except {@code GET /api/health} and {@code GET
 * /api/openapi.json}, which reveal nothing. Errors are RFC 9457 problem details ({@code
 * application/problem+json}) whose {@code detail} says what to change. API responses are never
 * cached ({@code Cache-Control: no-store}): they carry access keys. Every response carries the
 * security headers of {@link Exchanges}.
 *
 * <p>Routes: see {@code openapi.json} next to this class, which the tests hold to this code.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final String PREFIX = "/api/";

  /** Handles one request: returns the answer to send, or null when it sent one itself. */
  @FunctionalInterface
  private interface Route {
    ApiResponse handle(HttpExchange exchange) throws IOException;
  }

  private final String bind;
  private final int port;
  private final AdminAuth auth;
  private final CacheResource caches;
  private final EntryResource entries;
  private final PortalSessionResource portalSession;
  private final PortalAssets assets = new PortalAssets();
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
    this.auth = new AdminAuth(token, new AdminSessions());
    this.caches =
        new CacheResource(tenants, new CacheView(tenants, RespEndpoint.of(bind, respPort)));
    this.entries = new EntryResource(tenants);
    this.portalSession = new PortalSessionResource(auth);
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
    server.createContext(PREFIX, exchange -> handle(exchange, this::routeApi));
    server.createContext("/portal/", exchange -> handle(exchange, portalSession::handle));
    server.createContext(
        "/",
        exchange ->
            handle(
                exchange,
                e -> {
                  assets.handle(e);
                  return null;
                }));
    server.start();
    InetSocketAddress address = server.getAddress();
    LOG.debug("admin API listening on {}", address);
    return address;
  }

  private void handle(HttpExchange exchange, Route route) {
    try (exchange) {
      Exchanges.securityHeaders(exchange);
      ApiResponse response;
      try {
        response = route.handle(exchange);
      } catch (ApiException e) {
        if (e.allow() != null) {
          exchange.getResponseHeaders().set("Allow", e.allow());
        }
        if (e.retryAfterSeconds() > 0) {
          exchange.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        Exchanges.sendProblem(exchange, e.status(), e.getMessage());
        return;
      } catch (TenantException e) {
        int status =
            switch (e.reason()) {
              case INVALID -> 400;
              case NOT_FOUND -> 404;
              case CONFLICT -> 409;
            };
        Exchanges.sendProblem(exchange, status, e.getMessage());
        return;
      } catch (RuntimeException e) {
        LOG.error(
            "admin API: {} {} failed",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            e);
        Exchanges.sendProblem(exchange, 500, "the server failed to do this; its log says why");
        return;
      }
      if (response != null) {
        Exchanges.send(exchange, response);
      }
    } catch (IOException e) {
      LOG.debug("admin API: the client went away", e);
    }
  }

  private ApiResponse routeApi(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/api/health")) {
      allow(method, "GET");
      ObjectNode body = Exchanges.json().createObjectNode().put("status", "ok");
      return ApiResponse.ok(body);
    }
    if (path.equals("/api/openapi.json")) {
      allow(method, "GET");
      return ApiResponse.ok(Exchanges.json().readTree(openApi));
    }
    auth.authorize(exchange);
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    if (parts[0].equals("caches")) {
      switch (parts.length) {
        case 1:
          if (allow(method, "GET", "POST").equals("GET")) {
            return caches.list();
          }
          return caches.create(Exchanges.readBody(exchange));
        case 2:
          return switch (allow(method, "GET", "PATCH", "DELETE")) {
            case "GET" -> caches.show(parts[1]);
            case "PATCH" -> caches.update(parts[1], Exchanges.readBody(exchange));
            default -> caches.delete(parts[1]);
          };
        case 3:
          switch (parts[2]) {
            case "keys":
              allow(method, "GET");
              return caches.keys(parts[1]);
            case "metrics":
              allow(method, "GET");
              return caches.metrics(parts[1]);
            case "entries":
              allow(method, "GET");
              return entries.list(parts[1], Exchanges.query(exchange));
            default:
              break;
          }
          break;
        case 4:
          if (parts[2].equals("entries")) {
            if (allow(method, "GET", "DELETE").equals("GET")) {
              return entries.show(parts[1], parts[3]);
            }
            return entries.delete(parts[1], parts[3]);
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

  private static String allow(String method, String... allowed) {
    return Exchanges.allow(method, allowed);
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
