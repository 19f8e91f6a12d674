package io.larder.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin REST API's cache operations, one HTTP request each. Answers come back as the API's
 * JSON; refusals as an {@link AdminException} carrying the problem's {@code detail}.
 */
final class AdminClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private final AdminEndpoint endpoint;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  AdminClient(AdminEndpoint endpoint, ObjectMapper json) {
    this.endpoint = endpoint;
    this.json = json;
  }

  AdminEndpoint endpoint() {
    return endpoint;
  }

  /** {@code POST /api/caches}: the new cache. */
  JsonNode create(ObjectNode settings) throws AdminException {
    return send("POST", "/api/caches", settings);
  }

  /** {@code GET /api/caches}: {@code {"caches": [...]}}. */
  JsonNode list() throws AdminException {
    return send("GET", "/api/caches", null);
  }

  /** {@code GET /api/caches/NAME}. */
  JsonNode show(String name) throws AdminException {
    return send("GET", cachePath(name), null);
  }

  /** {@code DELETE /api/caches/NAME}. */
  void delete(String name) throws AdminException {
    send("DELETE", cachePath(name), null);
  }

  /** {@code GET /api/caches/NAME/keys}. */
  JsonNode keys(String name) throws AdminException {
    return send("GET", cachePath(name) + "/keys", null);
  }

  /** {@code POST /api/caches/NAME/keys/WHICH/regenerate}: the keys after the change. */
  JsonNode regenerate(String name, String which) throws AdminException {
    return send("POST", cachePath(name) + "/keys/" + which + "/regenerate", null);
  }

  private static String cachePath(String name) {
    return "/api/caches/" + PathSegment.encode(name);
  }

  /** Sends a request; returns the answer's JSON, or null for an answer without a body. */
  private JsonNode send(String method, String path, JsonNode body) throws AdminException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint.url() + path))
            .timeout(ANSWER_TIMEOUT)
            .header("Authorization", "Bearer " + endpoint.token())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(AdminException.NO_ANSWER, "interrupted");
    }
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    if (status >= 200 && status < 300) {
      if (answer == null && !response.body().isBlank()) {
        throw new AdminException(
            status, "the admin API at " + endpoint.url() + " answered with something not JSON");
      }
      return answer;
    }
    throw refusal(status, answer);
  }

  private JsonNode parse(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The problem's detail, else its title, else the bare status (a proxy's HTML page, say). */
  private AdminException refusal(int status, JsonNode problem) {
    if (problem != null && problem.path("detail").isTextual()) {
      return new AdminException(status, problem.get("detail").asText());
    }
    if (problem != null && problem.path("title").isTextual()) {
      return new AdminException(status, problem.get("title").asText() + " (HTTP " + status + ")");
    }
    return new AdminException(
        status, "the admin API at " + endpoint.url() + " answered HTTP " + status);
  }

  private AdminException unreachable(IOException e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "no connection within " + CONNECT_TIMEOUT.toSeconds() + "s";
    } else if (e instanceof HttpTimeoutException) {
      return new AdminException(
          AdminException.NO_ANSWER,
          "the admin API at "
              + endpoint.url()
              + " did not answer within "
              + ANSWER_TIMEOUT.toSeconds()
              + "s");
    } else if (e instanceof ConnectException
        && e.getCause() instanceof UnresolvedAddressException) {
      reason = "unknown host";
    } else if (e instanceof ConnectException) {
      reason = "connection refused";
    } else {
      // Connected, but the exchange broke: the server is there, so do not suggest starting it.
      return new AdminException(
          AdminException.NO_ANSWER,
          "no answer from the admin API at "
              + endpoint.url()
              + ": "
              + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    return new AdminException(
        AdminException.NO_ANSWER,
        "cannot reach the Larder admin API at "
            + endpoint.url()
            + " ("
            + reason
            + "). Is the server running? Start it with './larder start',"
            + " or give its address with --url or --admin-port.");
  }

  /** Percent-encoding of one path segment: everything but RFC 3986's unreserved characters. */
  static final class PathSegment {
    private PathSegment() {}

    static String encode(String segment) {
      // "." and ".." would be read as "this" and "parent" path steps, so they are escaped.
      boolean onlyDots = segment.chars().allMatch(c -> c == '.');
      StringBuilder encoded = new StringBuilder();
      for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || c == '-'
            || (c == '.' && !onlyDots)
            || c == '_'
            || c == '~') {
          encoded.append(c);
        } else {
          encoded.append('%').append(String.format("%02X", b & 0xff));
        }
      }
      return encoded.toString();
    }
  }
}
