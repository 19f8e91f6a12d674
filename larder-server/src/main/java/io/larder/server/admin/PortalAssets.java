package io.larder.server.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The portal's static files, from {@code io/larder/server/portal/} in the server jar: {@code /} is
 * {@code index.html}. Only names of lowercase letters, digits and hyphens in folders, with a known
 * extension, are looked up, so no request reaches any other resource of the jar.
 */
final class PortalAssets {
  private static final String ROOT = "/io/larder/server/portal/";
  private static final Pattern NAME =
      Pattern.compile("([a-z0-9-]+/)*[a-z0-9-]+\\.(html|js|css|svg|png|ico)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  // Only files found are kept (a missing name maps to nothing), so probing names costs no memory.
  private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

  /** Sends the file the request names, or throws 404/405. */
  void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Exchanges.allow(method, "GET", "HEAD");
    String path = exchange.getRequestURI().getRawPath();
    String name = path.equals("/") ? "index.html" : path.substring(1);
    byte[] bytes = NAME.matcher(name).matches() ? load(name) : null;
    if (bytes == null) {
      throw ApiException.notFound("there is nothing at " + path + "; the portal is at /");
    }
    // Small files that change with the server: always revalidated, never stale after an upgrade.
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    String extension = name.substring(name.lastIndexOf('.') + 1);
    Exchanges.sendBytes(exchange, 200, TYPES.get(extension), bytes);
  }

  private byte[] load(String name) {
    return loaded.computeIfAbsent(
        name,
        n -> {
          try (InputStream in = PortalAssets.class.getResourceAsStream(ROOT + n)) {
            return in == null ? null : in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
