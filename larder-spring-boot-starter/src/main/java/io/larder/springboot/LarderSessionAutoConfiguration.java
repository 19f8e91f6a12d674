package io.larder.springboot;

import io.larder.session.LarderSessionFilter;
import io.larder.session.SessionConfig;
import io.larder.session.SessionConfig.CookieSecure;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Keeps the application's {@code HttpSession} in Larder: registers {@link LarderSessionFilter} for
 * every request, ahead of Spring Security's filters, with the settings of {@link LarderProperties}
 * and the application's session listener beans.
 *
 * <p>On by default once this starter is on the class path; {@code larder.url} is then required
 * (start-up fails without it, rather than falling back to sessions that only one instance sees).
 * {@code larder.session.enabled=false} leaves sessions to the servlet container. Either bean can be
 * replaced by one of the application's own: a {@link SessionConfig}, or a filter registration named
 * {@value #FILTER_NAME}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({LarderSessionFilter.class, FilterRegistrationBean.class})
@ConditionalOnProperty(
    prefix = "larder.session",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(LarderProperties.class)
public class LarderSessionAutoConfiguration {
  /** The filter registration's bean and filter name. */
  public static final String FILTER_NAME = "larderSessionFilter";

  /**
   * The filter's order: Spring Session's, so that it runs before Spring Security's filter chain
   * ({@code -100}) and everything else that may touch the session.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

  private static final String SPRING_SECURITY_CONTEXT =
      "org.springframework.security.core.context.SecurityContextImpl";

  /**
   * The session settings from {@code larder.*}.
   *
   * @throws IllegalStateException naming the setting, if {@code larder.url} is missing or a value
   *     is not valid
   */
  @Bean
  @ConditionalOnMissingBean
  public SessionConfig larderSessionConfig(LarderProperties properties) {
    LarderProperties.Session session = properties.getSession();
    LarderProperties.Cookie cookie = session.getCookie();
    try {
      if (properties.getUrl() == null || properties.getUrl().isBlank()) {
        throw new IllegalArgumentException(
            "larder.url is not set: give the cache's endpoint, e.g."
                + " larder.url=redis://CACHE:KEY@host:6380 (application.properties or env"
                + " LARDER_URL), or set larder.session.enabled=false for the container's sessions");
      }
      return SessionConfig.builder()
          .url(properties.getUrl().trim())
          .applicationName(session.getApplicationName())
          .timeout(session.getTimeout())
          .concurrency(session.getConcurrency())
          .lockWait(session.getLockWait())
          .lockTimeout(session.getLockTimeout())
          .readOnlyPatterns(session.getReadOnlyPatterns())
          .codec(session.getCodec())
          .allowlist(allowlist(session.getAllowlist()))
          .onFailure(session.getOnFailure())
          .cookieName(cookie.getName())
          .cookiePath(cookie.getPath())
          .cookieDomain(cookie.getDomain())
          .cookieSameSite(cookie.getSameSite())
          .cookieSecure(secure(cookie.getSecure()))
          .headerName(session.getHeaderName())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Larder sessions: " + e.getMessage(), e);
    }
  }

  /**
   * The application's allowlist, plus Spring Security's classes when Spring Security is present: it
   * keeps the signed-in user and the request to return to in the session, and login must work
   * without the application having to know that.
   */
  static List<String> allowlist(List<String> configured) {
    if (!ClassUtils.isPresent(
        SPRING_SECURITY_CONTEXT, LarderSessionAutoConfiguration.class.getClassLoader())) {
      return configured;
    }
    List<String> allowlist = new ArrayList<>(configured);
    allowlist.add("org.springframework.security.**");
    return allowlist;
  }

  private static CookieSecure secure(String value) {
    try {
      return CookieSecure.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "larder.session.cookie.secure='" + value + "' is not valid: " + e.getMessage(), e);
    }
  }

  /**
   * The filter, for all dispatcher types, with every session listener the application has as a bean
   * or as a listener registration (a container calls those only for its own sessions, which this
   * filter replaces).
   */
  @Bean(name = FILTER_NAME)
  @ConditionalOnMissingBean(name = FILTER_NAME)
  public FilterRegistrationBean<LarderSessionFilter> larderSessionFilter(
      SessionConfig config,
      ObjectProvider<HttpSessionListener> lifecycleListeners,
      ObjectProvider<HttpSessionAttributeListener> attributeListeners,
      ObjectProvider<HttpSessionIdListener> idListeners,
      ObjectProvider<ServletListenerRegistrationBean<?>> listenerRegistrations) {
    Set<EventListener> listeners = new LinkedHashSet<>();
    lifecycleListeners.orderedStream().forEach(listeners::add);
    attributeListeners.orderedStream().forEach(listeners::add);
    idListeners.orderedStream().forEach(listeners::add);
    listenerRegistrations.orderedStream().forEach(r -> listeners.add(r.getListener()));
    FilterRegistrationBean<LarderSessionFilter> registration =
        new FilterRegistrationBean<>(new LarderSessionFilter(config, listeners));
    registration.setName(FILTER_NAME);
    registration.setOrder(FILTER_ORDER);
    registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
    registration.addUrlPatterns("/*");
    return registration;
  }
}
