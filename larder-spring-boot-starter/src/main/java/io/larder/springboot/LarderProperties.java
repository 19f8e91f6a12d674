package io.larder.springboot;

import io.larder.session.SessionConfig.CodecKind;
import io.larder.session.SessionConfig.Concurrency;
import io.larder.session.SessionConfig.OnFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code larder.*} settings of a Spring Boot application. The same names, values and defaults
 * as the servlet module's context parameters (see {@link io.larder.session.SessionConfig}); Spring
 * Boot's relaxed binding also reads them from the environment ({@code LARDER_URL}, {@code
 * LARDER_SESSION_TIMEOUT}, ...).
 */
@ConfigurationProperties(prefix = "larder")
public class LarderProperties {
  /**
   * The cache's endpoint with its access key, e.g. {@code redis://CACHE:KEY@host:6380}. Required
   * while Larder sessions are enabled.
   */
  private String url;

  private final Session session = new Session();

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Session getSession() {
    return session;
  }

  /** {@code larder.session.*}: how sessions are stored and behave. */
  public static class Session {
    /** Whether HttpSession is kept in Larder; false leaves sessions to the servlet container. */
    private boolean enabled = true;

    /**
     * Prefix of the session keys in the cache. Applications with the same name share sessions;
     * different names keep them apart in one cache.
     */
    private String applicationName = "default";

    /**
     * How long an unused session lives. Unset: the servlet container's session timeout
     * (server.servlet.session.timeout, 30m by default).
     */
    private Duration timeout;

    /**
     * How concurrent requests of one session are kept apart: none (each attribute's last writer
     * wins) or exclusive (one request at a time, by a lock in the cache).
     */
    private Concurrency concurrency = Concurrency.NONE;

    /** How long a request waits for the session's lock in exclusive mode. */
    private Duration lockWait = Duration.ofSeconds(5);

    /** How long a lock lasts if its request never releases it (the instance crashed). */
    private Duration lockTimeout = Duration.ofSeconds(60);

    /**
     * Requests that neither lock nor write the session: "[METHOD] URL-pattern", e.g. "GET
     * /products/*" or "/static/*".
     */
    private List<String> readOnlyPatterns = new ArrayList<>();

    /**
     * How attribute values are stored: jdk (Java serialization behind the allowlist) or json
     * (Jackson).
     */
    private CodecKind codec = CodecKind.JDK;

    /**
     * The application's classes that may be stored in sessions, as class names or package patterns
     * (com.shop.Cart, com.shop.*, com.shop.**). JDK value types are always allowed.
     */
    private List<String> allowlist = new ArrayList<>();

    /**
     * What requests get while the cache cannot be reached: fail (503 at once) or degrade (sessions
     * in this instance's memory, with a warning).
     */
    private OnFailure onFailure = OnFailure.FAIL;

    /**
     * A request and response header that carries session ids instead of the cookie, for API
     * clients, e.g. X-Auth-Token. Unset: the cookie.
     */
    private String headerName;

    private final Cookie cookie = new Cookie();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getApplicationName() {
      return applicationName;
    }

    public void setApplicationName(String applicationName) {
      this.applicationName = applicationName;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Concurrency getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(Concurrency concurrency) {
      this.concurrency = concurrency;
    }

    public Duration getLockWait() {
      return lockWait;
    }

    public void setLockWait(Duration lockWait) {
      this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
      return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
      this.lockTimeout = lockTimeout;
    }

    public List<String> getReadOnlyPatterns() {
      return readOnlyPatterns;
    }

    public void setReadOnlyPatterns(List<String> readOnlyPatterns) {
      this.readOnlyPatterns = readOnlyPatterns;
    }

    public CodecKind getCodec() {
      return codec;
    }

    public void setCodec(CodecKind codec) {
      this.codec = codec;
    }

    public List<String> getAllowlist() {
      return allowlist;
    }

    public void setAllowlist(List<String> allowlist) {
      this.allowlist = allowlist;
    }

    public OnFailure getOnFailure() {
      return onFailure;
    }

    public void setOnFailure(OnFailure onFailure) {
      this.onFailure = onFailure;
    }

    public String getHeaderName() {
      return headerName;
    }

    public void setHeaderName(String headerName) {
      this.headerName = headerName;
    }

    public Cookie getCookie() {
      return cookie;
    }
  }

  /** {@code larder.session.cookie.*}: the session cookie. */
  public static class Cookie {
    /** The cookie's name. */
    private String name = "SESSION";

    /** The cookie's path. Unset: the application's context path. */
    private String path;

    /** The cookie's domain. Unset: none, so the cookie goes back to the request's host only. */
    private String domain;

    /** The cookie's SameSite attribute: Strict, Lax or None (None needs a Secure cookie). */
    private String sameSite = "Lax";

    /** Whether the cookie is marked Secure: auto (on HTTPS requests), true or false. */
    private String secure = "auto";

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public String getDomain() {
      return domain;
    }

    public void setDomain(String domain) {
      this.domain = domain;
    }

    public String getSameSite() {
      return sameSite;
    }

    public void setSameSite(String sameSite) {
      this.sameSite = sameSite;
    }

    public String getSecure() {
      return secure;
    }

    public void setSecure(String secure) {
      this.secure = secure;
    }
  }
}
