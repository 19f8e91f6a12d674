package io.larder.client;

import io.lettuce.core.RedisURI;
import java.time.Duration;

/** A client's validated settings, as the builder collected them. */
record Settings(
    String host,
    int port,
    String cache,
    String key,
    boolean tls,
    int database,
    Duration connectTimeout,
    Duration commandTimeout,
    int retries,
    Duration retryBackoff,
    int exclusiveConnections) {

  /** The endpoint for messages: {@code host:port}. */
  String endpoint() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The URL without the key, safe to log. */
  String safeUrl() {
    return (tls ? "rediss://" : "redis://")
        + cache
        + "@"
        + endpoint()
        + (database == 0 ? "" : "/" + database);
  }

  RedisURI uri() {
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(host)
            .withPort(port)
            .withSsl(tls)
            .withDatabase(database)
            .withTimeout(commandTimeout);
    if (key != null) {
      uri.withAuthentication(cache, key);
    }
    return uri.build();
  }
}
