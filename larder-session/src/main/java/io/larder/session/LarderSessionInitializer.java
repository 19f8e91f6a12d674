package io.larder.session;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the application's session listeners while it starts, so that {@link LarderSessionFilter}
 * can call them for sessions in the cache: a container calls its listeners only for its own
 * sessions, and the Servlet API has no way to list the listeners it registered.
 *
 * <p>The container hands this initializer every class of the application that implements a session
 * listener interface ({@link HandlesTypes}). Of those, the ones the application registers as the
 * container would, {@code @WebListener} classes and {@code <listener-class>}es of {@code
 * WEB-INF/web.xml}, get an instance of their own from {@link ServletContext#createListener} (which
 * does the container's injection). That instance is not the container's: a listener that keeps
 * state in instance fields and reads it elsewhere should keep it in a static field or a context
 * attribute instead. Listeners added by code ({@code ServletContext.addListener}) are not found.
 */
@HandlesTypes({
  HttpSessionListener.class,
  HttpSessionAttributeListener.class,
  HttpSessionIdListener.class
})
public final class LarderSessionInitializer implements ServletContainerInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(LarderSessionInitializer.class);
  private static final Pattern LISTENER_CLASS =
      Pattern.compile("<listener-class>\\s*([^<\\s]+)\\s*</listener-class>");

  @Override
  public void onStartup(Set<Class<?>> candidates, ServletContext context) throws ServletException {
    SessionListeners listeners = new SessionListeners();
    if (candidates != null) {
      Set<String> declared = declaredInWebXml(context);
      for (Class<?> type : candidates) {
        if (type.isInterface()
            || Modifier.isAbstract(type.getModifiers())
            || !(type.isAnnotationPresent(WebListener.class)
                || declared.contains(type.getName()))) {
          continue;
        }
        try {
          listeners.add(context.createListener(type.asSubclass(java.util.EventListener.class)));
        } catch (ServletException | RuntimeException e) {
          LOG.error("Cannot create session listener {}; it will not be called", type.getName(), e);
        }
      }
    }
    context.setAttribute(ListenerDiscovery.ATTRIBUTE, listeners);
  }

  private static Set<String> declaredInWebXml(ServletContext context) {
    Set<String> names = new HashSet<>();
    try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
      if (in != null) {
        Matcher m = LISTENER_CLASS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot read WEB-INF/web.xml for session listeners: {}", e.getMessage());
    }
    return names;
  }
}
