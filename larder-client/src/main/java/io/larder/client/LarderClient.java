package io.larder.client;

import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;

/**
 * A connection to one cache of a Larder server, or to any Redis-compatible server: the entry point
 * of the client. Thread-safe; make one per cache endpoint and application, share it, and close it
 * when the application stops.
 *
 * <pre>{@code
 * try (LarderClient client = LarderClient.create("redis://shop:KEY@cache.internal:6380")) {
 *   LarderCache<Cart> carts = client.cache("cart", Codecs.json(Cart.class));
 *   carts.put("42", cart, Duration.ofMinutes(30));
 *   Cart again = carts.get("42");
 * }
 * }</pre>
 *
 * <p>The URL is the one the server's dashboard shows: {@code redis://CACHE:KEY@HOST:PORT}, or
 * {@code rediss://} for TLS (with the JVM's trust store). A cache is a Redis ACL user, so the same
 * URL works for Redis with a user and password; {@code redis://:PASSWORD@HOST} or {@code
 * redis://PASSWORD@HOST} authenticates as {@code default}; without a port, 6379 (the Redis URL
 * convention).
 *
 * <p>Everything is bounded by default: connecting takes at most 2 s, a command 2 s, and get, put,
 * remove and touch are retried twice after a failure of the connection, after pauses of up to 100
 * ms and 200 ms. The client is built on Lettuce; {@link #connection()} gives the Lettuce connection
 * for commands this API does not cover.
 */
public final class LarderClient implements AutoCloseable {
  private final Settings settings;
  private final Connections connections;

  private LarderClient(Settings settings) {
    this.settings = settings;
    this.connections = new Connections(settings);
  }

  /**
   * A client for the endpoint in {@code url}, with the default timeouts and retries. Returns at
   * once: the connection opens in the background, and operations wait for it.
   *
   * @throws IllegalArgumentException if the URL is not a {@code redis://} or {@code rediss://} URL
   */
  public static LarderClient create(String url) {
    return builder().url(url).build();
  }

  /** A builder, for settings beyond the URL or for an endpoint given in parts. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A typed view of the cache whose keys all start with {@code prefix + ":"}, keeping different
   * kinds of entries (or applications sharing a cache) apart.
   */
  public <V> LarderCache<V> cache(String prefix, Codec<V> codec) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("prefix must not be empty; use cache(codec) for none");
    }
    return newCache(prefix + ":", codec);
  }

  /** A typed view of the cache with keys used as they are. */
  public <V> LarderCache<V> cache(Codec<V> codec) {
    return newCache("", codec);
  }

  private <V> LarderCache<V> newCache(String prefix, Codec<V> codec) {
    Objects.requireNonNull(codec, "codec");
    return new BlockingCache<>(new RemoteCache<>(prefix, codec, connections));
  }

  /**
   * The shared Lettuce connection (binary keys and values), for commands this API does not cover;
   * waits for it to open if it is not open yet. It is pipelined and used by all threads: do not
   * close it, and do not use {@code MULTI}, {@code WATCH} or blocking commands on it. The client
   * replaces a connection on which a command timed out, so ask for it at each use rather than
   * keeping it.
   *
   * @throws LarderConnectionException if it cannot be opened
   */
  public StatefulRedisConnection<byte[], byte[]> connection() {
    try {
      return connections.shared().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LarderException("interrupted while connecting", e);
    } catch (ExecutionException e) {
      throw new Failures(settings.endpoint()).translate(e);
    }
  }

  /** Closes the connections; operations under way fail, later ones too. */
  @Override
  public void close() {
    connections.close();
  }

  /** The endpoint and cache, without the key. */
  @Override
  public String toString() {
    return "LarderClient[" + settings.safeUrl() + "]";
  }

  /** Settings for a {@link LarderClient}; every one has a default but the endpoint's key. */
  public static final class Builder {
    private String host = "localhost";
    private int port = 6380;
    private String cache = "default";
    private String key;
    private boolean tls;
    private int database;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration commandTimeout = Duration.ofSeconds(2);
    private int retries = 2;
    private Duration retryBackoff = Duration.ofMillis(100);
    private int exclusiveConnections = 8;

    private Builder() {}

    /**
     * Host, port, cache, key and TLS from a {@code redis://} or {@code rediss://} URL (see {@link
     * LarderClient}); a database number may follow as the path ({@code /0}).
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a URL: " + e.getMessage());
      }
      String scheme = uri.getScheme();
      if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
        throw new IllegalArgumentException(
            "expected a redis:// or rediss:// URL, got scheme '" + scheme + "'");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("the URL has no host");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the URL has query or fragment parts; give other settings to the builder");
      }
      tls = "rediss".equals(scheme);
      host = uri.getHost().replaceAll("^\\[|]$", "");
      port = uri.getPort() == -1 ? 6379 : uri.getPort();
      database = databaseOf(uri.getRawPath());
      cache = "default";
      key = null;
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
          key = decode(userInfo);
        } else {
          if (colon > 0) {
            cache = decode(userInfo.substring(0, colon));
          }
          key = decode(userInfo.substring(colon + 1));
        }
      }
      return this;
    }

    private static int databaseOf(String path) {
      if (path == null || path.isEmpty() || path.equals("/")) {
        return 0;
      }
      try {
        return Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the URL's path is not a database number: " + path);
      }
    }

    private static String decode(String part) {
      return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The server's host name or address; default {@code localhost}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The server's RESP port; default 6380 (Larder's). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The cache's name (for Redis: the ACL user); default {@code default}. */
    public Builder cache(String cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** The cache's access key (for Redis: the password); none for a server without AUTH. */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    /** Whether to connect with TLS, checking the server's certificate; default false. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** The most time connecting (and authenticating) may take; default 2 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** The most time one command may wait for its reply, reconnection included; default 2 s. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = positive(commandTimeout, "commandTimeout");
      return this;
    }

    /**
     * How many more times an idempotent operation (get, put, remove, touch, getVersioned) is tried
     * after its connection failed or timed out; default 2, 0 for none.
     */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative, was " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * The pause before the first retry; it doubles for each further one, up to 2 s, and is jittered
     * between half and all of that. Default 100 ms.
     */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = positive(retryBackoff, "retryBackoff");
      return this;
    }

    /**
     * How many connections, besides the shared one, may be open for operations that need one to
     * themselves (add, compare-and-put, lock, unlock); default 8. An operation that finds all busy
     * waits up to the command timeout.
     */
    public Builder exclusiveConnections(int exclusiveConnections) {
      if (exclusiveConnections < 1) {
        throw new IllegalArgumentException(
            "exclusiveConnections must be at least 1, was " + exclusiveConnections);
      }
      this.exclusiveConnections = exclusiveConnections;
      return this;
    }

    /**
     * The client; it starts connecting in the background.
     *
     * @throws IllegalArgumentException if the host is empty or the port out of range
     */
    public LarderClient build() {
      return new LarderClient(settings());
    }

    Settings settings() {
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
      }
      return new Settings(
          host,
          port,
          cache,
          key,
          tls,
          database,
          connectTimeout,
          commandTimeout,
          retries,
          retryBackoff,
          exclusiveConnections);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
