package io.larder.server.admin;

import java.nio.charset.StandardCharsets;

/**
 * Where clients reach the RESP port, as cache JSON shows it.
 *
 * @param host the bind address, or {@code localhost} when the server listens on every address
 *     (there is no one address to show then; an operator behind a proxy or NAT knows the public
 *     name better)
 */
record RespEndpoint(String host, int port, boolean tls) {
  static RespEndpoint of(String bind, int port) {
    boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
    return new RespEndpoint(wildcard ? "localhost" : bind, port, false);
  }

  /** {@code redis://host:port} ({@code rediss} with TLS). */
  String url() {
    return scheme() + "://" + urlHost() + ":" + port;
  }

  /** {@code redis://cache:key@host:port}, with the key escaped where a URL needs it. */
  String connectionString(String cache, String key) {
    return scheme() + "://" + cache + ":" + escape(key) + "@" + urlHost() + ":" + port;
  }

  private String scheme() {
    return tls ? "rediss" : "redis";
  }

  private String urlHost() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /**
   * Percent-encodes everything but RFC 3986's unreserved characters. Generated keys are URL-safe
   * already; a key given by the operator ({@code LARDER_DEFAULT_KEY}) may not be.
   */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
