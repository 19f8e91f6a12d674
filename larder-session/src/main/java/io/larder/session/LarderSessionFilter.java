package io.larder.session;

import io.larder.client.LarderClient;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the web application's HTTP sessions in a Larder cache (or any Redis-compatible server), so
 * that every instance of the application sees the same sessions.
 *
 * <p>Nothing to register: the jar's {@code META-INF/web-fragment.xml} maps this filter to every
 * request ({@code /*}, all dispatcher types), ordered before the application's own filters, and a
 * single setting is enough: {@code larder.url=redis://CACHE:KEY@HOST:PORT}, as a context parameter
 * in {@code web.xml}, in {@code larder.properties} on the class path, or as the environment
 * variable {@code LARDER_URL}. See {@link SessionConfig} for the other settings. A filter added by
 * code can be given its settings directly ({@link #LarderSessionFilter(SessionConfig)}).
 *
 * <p>For each request it wraps the request, so that {@code getSession}, {@code changeSessionId} and
 * the requested-id methods work on sessions in the cache, and the response, so that the session is
 * saved before the response is committed. A request that needs its session while the cache cannot
 * be reached gets {@code 503 Service Unavailable} at once (see {@link
 * SessionUnavailableException}).
 */
public final class LarderSessionFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(LarderSessionFilter.class);
  private static final String WRAPPED = LarderSessionFilter.class.getName() + ".WRAPPED";
  private static final int EXCLUSIVE_CONNECTIONS = 64;

  private final SessionConfig given;
  private final List<EventListener> givenListeners;
  private SessionProvider provider;

  /** A filter that reads its settings when the container starts it (the web-fragment's way). */
  public LarderSessionFilter() {
    this.given = null;
    this.givenListeners = List.of();
  }

  /** A filter with these settings, for registration by code ({@code ServletContext.addFilter}). */
  public LarderSessionFilter(SessionConfig config) {
    this(config, List.of());
  }

  /**
   * A filter with these settings that also calls these session listeners, for frameworks that
   * register listeners by code (the container tells only {@code @WebListener} and {@code web.xml}
   * listeners to this module's initializer). Each listener is called for the interfaces among
   * {@link jakarta.servlet.http.HttpSessionListener}, {@link
   * jakarta.servlet.http.HttpSessionAttributeListener} and {@link
   * jakarta.servlet.http.HttpSessionIdListener} that it implements.
   */
  public LarderSessionFilter(SessionConfig config, Collection<? extends EventListener> listeners) {
    this.given = Objects.requireNonNull(config, "config");
    this.givenListeners = List.copyOf(listeners);
  }

  /**
   * Resolves the settings and connects to the cache (in the background: the application starts even
   * while the cache is down).
   *
   * @throws ServletException if a setting is missing or invalid, naming it
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    ServletContext context = filterConfig.getServletContext();
    SessionConfig config;
    try {
      if (given != null) {
        config = given;
      } else {
        ConfigResolver settings = settings(filterConfig, context, System.getenv());
        if (settings.value(ConfigResolver.URL) == null
            && registeredByCodeToo(context, filterConfig.getFilterName())) {
          // A framework (Spring Boot's starter, in a war) registered a configured filter; this
          // one, from the web-fragment, has no settings of its own and must not stop the start.
          LOG.info(
              "Larder sessions: another LarderSessionFilter is registered; this one stands by");
          return;
        }
        config = settings.resolve();
      }
    } catch (IllegalArgumentException e) {
      throw new ServletException("Larder sessions: " + e.getMessage(), e);
    }
    // Exclusive mode takes a pooled connection per lock attempt; a servlet container runs many
    // requests at once, so the SDK's default pool of 8 would make requests queue (and fail after
    // the pool's wait) under load rather than wait for the session lock itself.
    LarderClient client =
        LarderClient.builder()
            .url(config.url())
            .exclusiveConnections(EXCLUSIVE_CONNECTIONS)
            .build();
    SessionListeners listeners = ListenerDiscovery.listenersOf(context);
    givenListeners.forEach(listeners::add);
    provider = new SessionProvider(config, client, context, listeners, System::currentTimeMillis);
    LOG.info("Larder sessions for {}: {}", context.getContextPath(), config);
  }

  /** Filter parameters, then context parameters, then {@code larder.properties}, then env. */
  private static ConfigResolver settings(
      FilterConfig filterConfig, ServletContext context, Map<String, String> env) {
    Properties file = properties(context);
    List<Function<String, String>> sources =
        List.of(
            filterConfig::getInitParameter,
            context::getInitParameter,
            file::getProperty,
            ConfigResolver.environment(env));
    return new ConfigResolver(sources);
  }

  /** Whether a Larder session filter other than this one is registered in the context. */
  private static boolean registeredByCodeToo(ServletContext context, String ownName) {
    return context.getFilterRegistrations().entrySet().stream()
        .anyMatch(
            registration ->
                !registration.getKey().equals(ownName)
                    && LarderSessionFilter.class
                        .getName()
                        .equals(registration.getValue().getClassName()));
  }

  private static Properties properties(ServletContext context) {
    Properties properties = new Properties();
    ClassLoader loader = context.getClassLoader();
    if (loader == null) {
      loader = LarderSessionFilter.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream("larder.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read larder.properties", e);
    }
    return properties;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (provider == null
        || !(req instanceof HttpServletRequest http)
        || !(res instanceof HttpServletResponse httpResponse)
        || req.getAttribute(WRAPPED) != null) {
      // standing by, not HTTP, or a forward/include/error dispatch of a wrapped request
      chain.doFilter(req, res);
      return;
    }
    SessionResponse response = new SessionResponse(httpResponse);
    SessionRequest request = new SessionRequest(http, response, provider);
    response.beforeCommit(request::save);
    req.setAttribute(WRAPPED, Boolean.TRUE);
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      SessionUnavailableException unavailable = unavailableIn(e);
      if (unavailable == null) {
        finishQuietly(request);
        throw e;
      }
      request.releaseLock();
      unavailable(response, unavailable);
      return;
    }
    if (request.isAsyncStarted()) {
      request.getAsyncContext().addListener(new Finisher(request));
      return;
    }
    try {
      request.finish();
    } catch (SessionUnavailableException e) {
      unavailable(response, e);
    }
  }

  private static SessionUnavailableException unavailableIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SessionUnavailableException unavailable) {
        return unavailable;
      }
      if (t instanceof ServletException servlet
          && servlet.getRootCause() != null
          && servlet.getRootCause() != t.getCause()) {
        SessionUnavailableException inRoot = unavailableIn(servlet.getRootCause());
        if (inRoot != null) {
          return inRoot;
        }
      }
    }
    return null;
  }

  /** 503 if the response can still say so; the failure is logged either way. */
  private static void unavailable(SessionResponse response, SessionUnavailableException e)
      throws IOException {
    response.skipSave();
    LOG.warn("Session unavailable: {}", e.getMessage());
    if (!response.isCommitted()) {
      response.reset();
      response.setHeader("Retry-After", "1");
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Session store unavailable");
    }
  }

  /** The request failed on its own: still save what it did and release the lock, quietly. */
  private static void finishQuietly(SessionRequest request) {
    try {
      request.finish();
    } catch (RuntimeException e) {
      LOG.warn("Cannot save the session of a failed request: {}", e.getMessage());
    }
  }

  @Override
  public void destroy() {
    if (provider != null) {
      provider.close();
      provider = null;
    }
  }

  /** Ends the session work of an asynchronous request when it completes. */
  private static final class Finisher implements AsyncListener {
    private final SessionRequest request;

    Finisher(SessionRequest request) {
      this.request = request;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      finishQuietly(request);
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }
}
