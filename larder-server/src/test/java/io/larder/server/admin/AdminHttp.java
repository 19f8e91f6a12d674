package io.larder.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plain HTTP calls to a test server's admin port, with any headers, for the portal's tests. */
final class AdminHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A response with its body parsed when it is JSON. */
  record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String body() {
      return raw.body();
    }
  }

  private final TestServer server;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private AdminHttp(TestServer server) {
    this.server = server;
  }

  static AdminHttp to(TestServer server) {
    return new AdminHttp(server);
  }

  AdminHttp header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  AdminHttp bearer() {
    return header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN);
  }

  String origin() {
    return "http://127.0.0.1:" + server.server().adminPort();
  }

  Reply get(String path) {
    return call("GET", path, null);
  }

  Reply call(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(origin() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode parsed =
          type.contains("json") && !response.body().isEmpty()
              ? JSON.readTree(response.body())
              : null;
      return new Reply(response.statusCode(), parsed, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
