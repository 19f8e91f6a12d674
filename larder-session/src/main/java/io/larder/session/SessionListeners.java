package io.larder.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application's session listeners, called as a container calls them for its own sessions. A
 * listener that throws is logged and the others still run, as Tomcat and Jetty do: an event is a
 * notification, and one faulty listener must not break a request or another listener.
 */
final class SessionListeners {
  private static final Logger LOG = LoggerFactory.getLogger(SessionListeners.class);

  private final List<HttpSessionListener> lifecycle = new CopyOnWriteArrayList<>();
  private final List<HttpSessionAttributeListener> attributes = new CopyOnWriteArrayList<>();
  private final List<HttpSessionIdListener> ids = new CopyOnWriteArrayList<>();

  /** Adds a listener to each of the lists whose interface it implements; false if none. */
  boolean add(EventListener listener) {
    boolean any = false;
    if (listener instanceof HttpSessionListener l) {
      lifecycle.add(l);
      any = true;
    }
    if (listener instanceof HttpSessionAttributeListener l) {
      attributes.add(l);
      any = true;
    }
    if (listener instanceof HttpSessionIdListener l) {
      ids.add(l);
      any = true;
    }
    return any;
  }

  /**
   * Whether expired sessions must be reported: the application has session or attribute listeners
   * (values' own binding listeners are told about expiry then too, not otherwise).
   */
  boolean wantsExpiryEvents() {
    return !lifecycle.isEmpty() || !attributes.isEmpty();
  }

  void created(HttpSession session) {
    HttpSessionEvent event = new HttpSessionEvent(session);
    each(lifecycle, l -> l.sessionCreated(event), "sessionCreated");
  }

  /** Destroyed listeners run in reverse order of registration, as the Servlet spec asks. */
  void destroyed(HttpSession session) {
    HttpSessionEvent event = new HttpSessionEvent(session);
    List<HttpSessionListener> reversed = new ArrayList<>(lifecycle);
    Collections.reverse(reversed);
    each(reversed, l -> l.sessionDestroyed(event), "sessionDestroyed");
  }

  void idChanged(HttpSession session, String oldId) {
    HttpSessionEvent event = new HttpSessionEvent(session);
    each(ids, l -> l.sessionIdChanged(event, oldId), "sessionIdChanged");
  }

  /** After an attribute was set: unbinds the value it replaced, then the attribute events. */
  void set(HttpSession session, String name, Object value, Object old) {
    if (old != null && old != value && old instanceof HttpSessionBindingListener unbound) {
      notify(
          () -> unbound.valueUnbound(new HttpSessionBindingEvent(session, name, old)),
          "valueUnbound");
    }
    if (old == null) {
      HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, value);
      each(attributes, l -> l.attributeAdded(event), "attributeAdded");
    } else {
      HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, old);
      each(attributes, l -> l.attributeReplaced(event), "attributeReplaced");
    }
  }

  /** Before a value is set: {@code valueBound} if it wants it (and is not set already). */
  void binding(HttpSession session, String name, Object value, Object old) {
    if (value != old && value instanceof HttpSessionBindingListener bound) {
      notify(
          () -> bound.valueBound(new HttpSessionBindingEvent(session, name, value)), "valueBound");
    }
  }

  /** After an attribute was removed. */
  void removed(HttpSession session, String name, Object old) {
    if (old instanceof HttpSessionBindingListener unbound) {
      notify(
          () -> unbound.valueUnbound(new HttpSessionBindingEvent(session, name, old)),
          "valueUnbound");
    }
    HttpSessionBindingEvent event = new HttpSessionBindingEvent(session, name, old);
    each(attributes, l -> l.attributeRemoved(event), "attributeRemoved");
  }

  private static <L> void each(List<L> listeners, Consumer<L> call, String what) {
    for (L listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.error("{} of {} failed", what, listener.getClass().getName(), e);
      }
    }
  }

  private static void notify(Runnable call, String what) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("{} failed", what, e);
    }
  }
}
