package io.larder.session;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A session listener of the test application, registered the usual way ({@code @WebListener}),
 * recording every event as text, prefixed with the session's id.
 */
@WebListener
public final class RecordingListener
    implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {
  static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();

  static List<String> of(String id) {
    return EVENTS.stream()
        .filter(e -> e.startsWith(id + " "))
        .map(e -> e.substring(id.length() + 1))
        .toList();
  }

  @Override
  public void sessionCreated(HttpSessionEvent se) {
    EVENTS.add(se.getSession().getId() + " created");
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent se) {
    EVENTS.add(se.getSession().getId() + " destroyed user=" + se.getSession().getAttribute("user"));
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent se, String oldSessionId) {
    EVENTS.add(oldSessionId + " id changed to " + se.getSession().getId());
  }

  @Override
  public void attributeAdded(HttpSessionBindingEvent event) {
    EVENTS.add(event.getSession().getId() + " added " + event.getName() + "=" + event.getValue());
  }

  @Override
  public void attributeReplaced(HttpSessionBindingEvent event) {
    EVENTS.add(
        event.getSession().getId() + " replaced " + event.getName() + "=" + event.getValue());
  }

  @Override
  public void attributeRemoved(HttpSessionBindingEvent event) {
    EVENTS.add(event.getSession().getId() + " removed " + event.getName() + "=" + event.getValue());
  }
}
