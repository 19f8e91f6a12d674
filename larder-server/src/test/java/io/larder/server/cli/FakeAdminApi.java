package io.larder.server.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the admin REST API on a free local port: canned answers by {@code "METHOD
 * /raw/path"}, every request recorded. A request nobody prepared an answer for gets a 404 problem
 * naming it, so a test that sends the wrong request fails on what it printed.
 */
final class FakeAdminApi implements AutoCloseable {
  /** One request as the server saw it; {@code path} is raw (still percent-encoded). */
  record Request(
      String method, String path, String authorization, String contentType, String body) {}

  private record Answer(int status, String contentType, String body) {}

  private static final Answer HANG_UP = new Answer(0, "", "");

  /** A cache as the API describes it; its connection string carries {@code primaryKey}. */
  static String cacheJson(String name, String primaryKey) {
    return """
        {"name":"%1$s","status":"running","createdAt":"2026-11-24T04:50:00Z",\
        "host":"127.0.0.1","port":6380,"tls":false,"endpoint":"redis://127.0.0.1:6380",\
        "connectionString":"redis://%1$s:%2$s@127.0.0.1:6380","memoryQuota":268435456,\
        "eviction":"allkeys-lru","defaultTtlSeconds":1800,"persistence":true,\
        "stats":{"keys":1234,"usedMemory":1572864,"opsPerSecond":12.5,"hits":900,"misses":100,\
        "connectedClients":3,"evictedKeys":7,"expiredKeys":11}}"""
        .formatted(name, primaryKey);
  }

  /** A cache's keys as the API describes them. */
  static String keysJson(String name, String primary, String secondary) {
    return """
        {"primary":"%2$s","secondary":"%3$s",\
        "primaryConnectionString":"redis://%1$s:%2$s@127.0.0.1:6380",\
        "secondaryConnectionString":"redis://%1$s:%3$s@127.0.0.1:6380"}"""
        .formatted(name, primary, secondary);
  }

  /** An RFC 9457 problem, as the API words its refusals. */
  static String problemJson(int status, String title, String detail) {
    return """
        {"type":"about:blank","title":"%s","status":%d,"detail":"%s"}"""
        .formatted(title, status, detail);
  }

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeAdminApi(HttpServer server) {
    this.server = server;
  }

  static FakeAdminApi start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeAdminApi api = new FakeAdminApi(server);
      server.createContext("/", api::handle);
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers {@code "METHOD /path"} with JSON (a problem's media type for statuses from 400). */
  FakeAdminApi answer(String request, int status, String json) {
    String type = status >= 400 ? "application/problem+json" : "application/json";
    return answer(request, status, type, json);
  }

  FakeAdminApi answer(String request, int status, String contentType, String body) {
    answers.put(request, new Answer(status, contentType, body));
    return this;
  }

  /** Closes the connection on {@code "METHOD /path"} without answering, as a crashed handler. */
  FakeAdminApi hangUp(String request) {
    answers.put(request, HANG_UP);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            method,
            path,
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body));
    Answer answer =
        answers.getOrDefault(
            method + " " + path,
            new Answer(
                404,
                "application/problem+json",
                problemJson(404, "Not Found", "no canned answer for " + method + " " + path)));
    if (answer == HANG_UP) {
      exchange.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
