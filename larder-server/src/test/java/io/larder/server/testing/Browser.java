package io.larder.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A minimal browser for end-to-end tests of web applications: one cookie jar for every server on
 * 127.0.0.1 it talks to (cookies ignore ports, as browsers' do), redirects not followed, and the
 * raw {@code Set-Cookie} headers of each response kept for inspection. Safe for one thread at a
 * time.
 */
public final class Browser {
  /** A response: its status, body, {@code Set-Cookie} headers and {@code Location}, if any. */
  public record Page(int status, String body, List<String> setCookies, String location) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** GET {@code http://127.0.0.1:PORT/pathAndQuery} with the cookie jar. */
  public Page get(int port, String pathAndQuery) {
    return send(request(port, pathAndQuery).GET());
  }

  /** POST an {@code application/x-www-form-urlencoded} form, with the cookie jar. */
  public Page post(int port, String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        request(port, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The body of a GET. */
  public String body(int port, String pathAndQuery) {
    return get(port, pathAndQuery).body();
  }

  /** The value of a cookie in the jar, or null. */
  public String cookie(String name) {
    return cookies.get(name);
  }

  /** Puts a cookie into the jar, as if a server had set it. */
  public void setCookie(String name, String value) {
    cookies.put(name, value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(int port, String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20));
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    return request;
  }

  private Page send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<String> setCookies = response.headers().allValues("Set-Cookie");
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      String name = pair.substring(0, eq).trim();
      if (setCookie.contains("Max-Age=0")) {
        cookies.remove(name);
      } else {
        cookies.put(name, pair.substring(eq + 1).trim());
      }
    }
    return new Page(
        response.statusCode(),
        response.body(),
        setCookies,
        response.headers().firstValue("Location").orElse(null));
  }
}
