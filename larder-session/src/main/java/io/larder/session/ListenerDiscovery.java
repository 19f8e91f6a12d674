package io.larder.session;

import jakarta.servlet.ServletContext;

/**
 * Where the filter finds the application's session listeners: the {@link SessionListeners} that the
 * session initializer left in a context attribute while the application started, or none.
 */
final class ListenerDiscovery {
  static final String ATTRIBUTE = SessionListeners.class.getName();

  private ListenerDiscovery() {}

  static SessionListeners listenersOf(ServletContext context) {
    Object found = context.getAttribute(ATTRIBUTE);
    return found instanceof SessionListeners listeners ? listeners : new SessionListeners();
  }
}
