package io.larder.session;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of the session provider: where the cache is, and how sessions behave. Immutable;
 * built by {@link #builder()} or resolved by {@link LarderSessionFilter} from the web application's
 * context parameters, {@code larder.properties} on its class path and {@code LARDER_*} environment
 * variables, in that order of precedence.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code larder.url}</td><td>(required)</td><td>the cache's endpoint,
 *       {@code redis://CACHE:KEY@HOST:PORT}</td></tr>
 *   <tr><td>{@code larder.session.application-name}</td><td>{@code default}</td><td>prefix of the
 *       session keys; applications with the same name share sessions</td></tr>
 *   <tr><td>{@code larder.session.timeout}</td><td>the web application's session timeout, else
 *       {@code 30m}</td><td>how long an unused session lives</td></tr>
 *   <tr><td>{@code larder.session.concurrency}</td><td>{@code none}</td><td>{@code none} or
 *       {@code exclusive}</td></tr>
 *   <tr><td>{@code larder.session.lock-wait}</td><td>{@code 5s}</td><td>how long an exclusive
 *       request waits for the session's lock</td></tr>
 *   <tr><td>{@code larder.session.lock-timeout}</td><td>{@code 60s}</td><td>how long a lock lasts
 *       if its request never releases it</td></tr>
 *   <tr><td>{@code larder.session.read-only-patterns}</td><td>(none)</td><td>requests that
 *       neither lock nor write: {@code [METHOD] URL-pattern}, comma-separated</td></tr>
 *   <tr><td>{@code larder.session.cookie.name}</td><td>{@code SESSION}</td><td></td></tr>
 *   <tr><td>{@code larder.session.cookie.path}</td><td>the context path, or {@code /}</td>
 *       <td></td></tr>
 *   <tr><td>{@code larder.session.cookie.domain}</td><td>(none: the request's host)</td>
 *       <td></td></tr>
 *   <tr><td>{@code larder.session.cookie.same-site}</td><td>{@code Lax}</td><td>{@code Strict},
 *       {@code Lax} or {@code None}</td></tr>
 *   <tr><td>{@code larder.session.cookie.secure}</td><td>{@code auto}</td><td>{@code auto}
 *       (on HTTPS requests), {@code true} or {@code false}</td></tr>
 *   <tr><td>{@code larder.session.header-name}</td><td>(none: the cookie)</td><td>a header
 *       that carries session ids instead of the cookie, for API clients, e.g. {@code
 *       X-Auth-Token}</td></tr>
 *   <tr><td>{@code larder.session.codec}</td><td>{@code jdk}</td><td>{@code jdk} or
 *       {@code json}</td></tr>
 *   <tr><td>{@code larder.session.allowlist}</td><td>(none)</td><td>the application's classes
 *       that may be stored, e.g. {@code com.shop.**}</td></tr>
 *   <tr><td>{@code larder.session.on-failure}</td><td>{@code fail}</td><td>{@code fail} (503) or
 *       {@code degrade} (local sessions)</td></tr>
 * </table>
 */
public final class SessionConfig {
  /** RFC 9110's token: what cookie and header names are made of. */
  private static final Pattern HTTP_TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  /** How requests of one session are kept from overwriting each other's changes. */
  public enum Concurrency {
    /** Requests run side by side; each attribute's last writer wins. */
    NONE,
    /** One request at a time per session, by a lock in the cache; others wait for it. */
    EXCLUSIVE
  }

  /** What requests get while the cache cannot be reached. */
  public enum OnFailure {
    /** {@code 503 Service Unavailable}, at once. */
    FAIL,
    /** Sessions kept in this instance's memory, with a warning, until the cache is back. */
    DEGRADE
  }

  /** Whether the session cookie is marked {@code Secure}. */
  public enum CookieSecure {
    /** When the request came over HTTPS ({@code request.isSecure()}). */
    AUTO,
    ALWAYS,
    NEVER;

    /**
     * The setting's value as written in configuration: {@code auto}, {@code true} or {@code false}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static CookieSecure of(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "auto" -> AUTO;
        case "true" -> ALWAYS;
        case "false" -> NEVER;
        default -> throw new IllegalArgumentException("expected auto, true or false");
      };
    }
  }

  /** The attribute codec. */
  public enum CodecKind {
    /** JDK serialization behind the allowlist. */
    JDK,
    /** JSON (Jackson) of allowlisted classes, with the class name stored beside it. */
    JSON
  }

  private final String url;
  private final String applicationName;
  private final Duration timeout;
  private final Concurrency concurrency;
  private final Duration lockWait;
  private final Duration lockTimeout;
  private final List<String> readOnlyPatterns;
  private final String cookieName;
  private final String cookiePath;
  private final String cookieDomain;
  private final String cookieSameSite;
  private final CookieSecure cookieSecure;
  private final String headerName;
  private final CodecKind codec;
  private final List<String> allowlist;
  private final OnFailure onFailure;

  private SessionConfig(Builder b) {
    this.url = b.url;
    this.applicationName = b.applicationName;
    this.timeout = b.timeout;
    this.concurrency = b.concurrency;
    this.lockWait = b.lockWait;
    this.lockTimeout = b.lockTimeout;
    this.readOnlyPatterns = List.copyOf(b.readOnlyPatterns);
    this.cookieName = b.cookieName;
    this.cookiePath = b.cookiePath;
    this.cookieDomain = b.cookieDomain;
    this.cookieSameSite = b.cookieSameSite;
    this.cookieSecure = b.cookieSecure;
    this.headerName = b.headerName;
    this.codec = b.codec;
    this.allowlist = List.copyOf(b.allowlist);
    this.onFailure = b.onFailure;
  }

  /** A builder with every default; only the URL must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cache's endpoint URL (it holds the access key: never log it). */
  public String url() {
    return url;
  }

  public String applicationName() {
    return applicationName;
  }

  /** The timeout of new sessions, or null for the web application's own (else 30 minutes). */
  public Duration timeout() {
    return timeout;
  }

  public Concurrency concurrency() {
    return concurrency;
  }

  public Duration lockWait() {
    return lockWait;
  }

  public Duration lockTimeout() {
    return lockTimeout;
  }

  public List<String> readOnlyPatterns() {
    return readOnlyPatterns;
  }

  public String cookieName() {
    return cookieName;
  }

  /** The cookie's path, or null for the context path ({@code /} for the root context). */
  public String cookiePath() {
    return cookiePath;
  }

  /** The cookie's domain, or null for none (the cookie goes back to the request's host only). */
  public String cookieDomain() {
    return cookieDomain;
  }

  public String cookieSameSite() {
    return cookieSameSite;
  }

  public CookieSecure cookieSecure() {
    return cookieSecure;
  }

  /** The header that carries session ids instead of the cookie, or null for the cookie. */
  public String headerName() {
    return headerName;
  }

  public CodecKind codec() {
    return codec;
  }

  public List<String> allowlist() {
    return allowlist;
  }

  public OnFailure onFailure() {
    return onFailure;
  }

  /** The settings without the URL's key. */
  @Override
  public String toString() {
    return "SessionConfig[url="
        + url.replaceAll("//([^:@/]*):[^@]*@", "//$1:***@")
        + ", applicationName="
        + applicationName
        + ", timeout="
        + timeout
        + ", concurrency="
        + concurrency
        + ", headerName="
        + headerName
        + ", codec="
        + codec
        + ", allowlist="
        + allowlist
        + ", onFailure="
        + onFailure
        + "]";
  }

  /** Builds a {@link SessionConfig}; each method checks its value at once. */
  public static final class Builder {
    private String url;
    private String applicationName = "default";
    private Duration timeout;
    private Concurrency concurrency = Concurrency.NONE;
    private Duration lockWait = Duration.ofSeconds(5);
    private Duration lockTimeout = Duration.ofSeconds(60);
    private List<String> readOnlyPatterns = List.of();
    private String cookieName = "SESSION";
    private String cookiePath;
    private String cookieDomain;
    private String cookieSameSite = "Lax";
    private CookieSecure cookieSecure = CookieSecure.AUTO;
    private String headerName;
    private CodecKind codec = CodecKind.JDK;
    private List<String> allowlist = List.of();
    private OnFailure onFailure = OnFailure.FAIL;

    private Builder() {}

    /** The cache's endpoint, {@code redis://CACHE:KEY@HOST:PORT} or {@code rediss://...}. */
    public Builder url(String url) {
      required(url, "larder.url");
      if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
        throw new IllegalArgumentException(
            "larder.url must be a redis:// or rediss:// URL, e.g. redis://CACHE:KEY@host:6380");
      }
      this.url = url;
      return this;
    }

    /** The key prefix: letters, digits, {@code . _ -}; default {@code default}. */
    public Builder applicationName(String applicationName) {
      required(applicationName, "larder.session.application-name");
      if (!applicationName.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException(
            "larder.session.application-name must be 1 to 100 letters, digits, '.', '_' or '-',"
                + " was '"
                + applicationName
                + "'");
      }
      this.applicationName = applicationName;
      return this;
    }

    /** The timeout of new sessions, at least a second; null for the web application's own. */
    public Builder timeout(Duration timeout) {
      if (timeout != null && timeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "larder.session.timeout must be at least 1s, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder concurrency(Concurrency concurrency) {
      this.concurrency = required(concurrency, "larder.session.concurrency");
      return this;
    }

    /** How long a request waits for the lock in {@code exclusive} mode; zero for one try. */
    public Builder lockWait(Duration lockWait) {
      required(lockWait, "larder.session.lock-wait");
      if (lockWait.isNegative()) {
        throw new IllegalArgumentException(
            "larder.session.lock-wait must not be negative, was " + lockWait);
      }
      this.lockWait = lockWait;
      return this;
    }

    /** How long a lock lasts if its request never releases it (a crash); at least a second. */
    public Builder lockTimeout(Duration lockTimeout) {
      required(lockTimeout, "larder.session.lock-timeout");
      if (lockTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException(
            "larder.session.lock-timeout must be at least 1s, was " + lockTimeout);
      }
      this.lockTimeout = lockTimeout;
      return this;
    }

    /** Read-only request patterns, checked by {@link ReadOnlyRequests#parse}. */
    public Builder readOnlyPatterns(List<String> readOnlyPatterns) {
      ReadOnlyRequests.parse(readOnlyPatterns);
      this.readOnlyPatterns = List.copyOf(readOnlyPatterns);
      return this;
    }

    /** The cookie's name: an RFC 6265 token; default {@code SESSION}. */
    public Builder cookieName(String cookieName) {
      required(cookieName, "larder.session.cookie.name");
      if (!HTTP_TOKEN.matcher(cookieName).matches()) {
        throw new IllegalArgumentException(
            "larder.session.cookie.name must be a cookie token (letters, digits, -_.), was '"
                + cookieName
                + "'");
      }
      this.cookieName = cookieName;
      return this;
    }

    /** The cookie's path, starting with {@code /}; null for the context path. */
    public Builder cookiePath(String cookiePath) {
      if (cookiePath != null && (!cookiePath.startsWith("/") || cookiePath.matches(".*[;\\s].*"))) {
        throw new IllegalArgumentException(
            "larder.session.cookie.path must start with '/' and hold no ';' or spaces, was '"
                + cookiePath
                + "'");
      }
      this.cookiePath = cookiePath;
      return this;
    }

    /** The cookie's domain; null for none. */
    public Builder cookieDomain(String cookieDomain) {
      if (cookieDomain != null && !cookieDomain.matches("\\.?[A-Za-z0-9.-]+")) {
        throw new IllegalArgumentException(
            "larder.session.cookie.domain must be a host or domain name, was '"
                + cookieDomain
                + "'");
      }
      this.cookieDomain = cookieDomain;
      return this;
    }

    /** {@code Strict}, {@code Lax} or {@code None} (any case); default {@code Lax}. */
    public Builder cookieSameSite(String sameSite) {
      required(sameSite, "larder.session.cookie.same-site");
      String canonical =
          switch (sameSite.toLowerCase(java.util.Locale.ROOT)) {
            case "strict" -> "Strict";
            case "lax" -> "Lax";
            case "none" -> "None";
            default ->
                throw new IllegalArgumentException(
                    "larder.session.cookie.same-site must be Strict, Lax or None, was '"
                        + sameSite
                        + "'");
          };
      this.cookieSameSite = canonical;
      return this;
    }

    public Builder cookieSecure(CookieSecure cookieSecure) {
      this.cookieSecure = required(cookieSecure, "larder.session.cookie.secure");
      return this;
    }

    /**
     * Session ids in this request/response header instead of a cookie (for API clients), e.g.
     * {@code X-Auth-Token}; null for the cookie.
     */
    public Builder headerName(String headerName) {
      if (headerName != null && !HTTP_TOKEN.matcher(headerName).matches()) {
        throw new IllegalArgumentException(
            "larder.session.header-name must be a header name (letters, digits, -), was '"
                + headerName
                + "'");
      }
      this.headerName = headerName;
      return this;
    }

    public Builder codec(CodecKind codec) {
      this.codec = required(codec, "larder.session.codec");
      return this;
    }

    /**
     * The application's classes attributes may hold, as class ({@code com.shop.Cart}), package
     * ({@code com.shop.*}) or package-tree ({@code com.shop.**}) patterns. The JDK's value types
     * are always allowed.
     */
    public Builder allowlist(List<String> allowlist) {
      io.larder.client.Codecs.allowlist(allowlist.toArray(String[]::new)); // checks the patterns
      this.allowlist = List.copyOf(allowlist);
      return this;
    }

    public Builder onFailure(OnFailure onFailure) {
      this.onFailure = required(onFailure, "larder.session.on-failure");
      return this;
    }

    /** A setting that cannot be left out, with an error naming it rather than a bare NPE. */
    private static <T> T required(T value, String setting) {
      if (value == null) {
        throw new IllegalArgumentException(setting + " must be set");
      }
      return value;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException if no URL was given
     */
    public SessionConfig build() {
      if (url == null) {
        throw new IllegalArgumentException(
            "larder.url is not set: give the cache's endpoint, e.g."
                + " larder.url=redis://CACHE:KEY@host:6380 (context-param, larder.properties or"
                + " env LARDER_URL)");
      }
      if ("None".equals(cookieSameSite) && cookieSecure == CookieSecure.NEVER) {
        throw new IllegalArgumentException(
            "larder.session.cookie.same-site=None needs a Secure cookie (browsers drop it"
                + " otherwise), but larder.session.cookie.secure=false");
      }
      return new SessionConfig(this);
    }
  }
}
