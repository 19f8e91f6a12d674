package io.larder.session;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The {@link HttpSession} an application gets from a request wrapped by {@link
 * LarderSessionFilter}: a view of one session's {@link SessionState} for that request, firing the
 * application's listeners as the Servlet specification asks.
 *
 * <p>Each request has its own instance; requests of the same session on this or other instances
 * share the session through the cache, not through this object. Methods that the specification says
 * fail on an invalidated session throw {@link IllegalStateException}.
 */
final class LarderHttpSession implements HttpSession {
  private final SessionState state;
  private final SessionRequest owner; // null for an expired session told to the listeners
  private final ServletContext context;
  private final SessionListeners listeners;

  LarderHttpSession(
      SessionState state,
      SessionRequest owner,
      ServletContext context,
      SessionListeners listeners) {
    this.state = state;
    this.owner = owner;
    this.context = context;
    this.listeners = listeners;
  }

  SessionState state() {
    return state;
  }

  @Override
  public long getCreationTime() {
    checkValid("getCreationTime");
    return state.created();
  }

  @Override
  public String getId() {
    return state.id();
  }

  /**
   * When the client last sent a request with this session, as last recorded (see {@link
   * SessionState}).
   */
  @Override
  public long getLastAccessedTime() {
    checkValid("getLastAccessedTime");
    return state.accessed();
  }

  @Override
  public ServletContext getServletContext() {
    return context;
  }

  /** Takes effect for the whole session, on every instance, from this request's save on. */
  @Override
  public void setMaxInactiveInterval(int interval) {
    state.timeoutSeconds(interval);
  }

  @Override
  public int getMaxInactiveInterval() {
    return state.timeoutSeconds();
  }

  @Override
  public Object getAttribute(String name) {
    checkValid("getAttribute");
    return state.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    checkValid("getAttributeNames");
    return Collections.enumeration(state.names());
  }

  /**
   * Sets an attribute; a null value removes it.
   *
   * @throws IllegalArgumentException if the codec cannot store the value, naming the attribute and
   *     its class
   */
  @Override
  public void setAttribute(String name, Object value) {
    Objects.requireNonNull(name, "name");
    checkValid("setAttribute");
    if (value == null) {
      removeAttribute(name);
      return;
    }
    Object old = state.peek(name);
    listeners.binding(this, name, value, old);
    state.set(name, value);
    listeners.set(this, name, value, old);
  }

  @Override
  public void removeAttribute(String name) {
    checkValid("removeAttribute");
    if (!state.names().contains(name)) {
      return;
    }
    Object old = state.remove(name);
    listeners.removed(this, name, old);
  }

  /**
   * Deletes the session from the cache at once, so that no instance finds it any more, then tells
   * the listeners and unbinds the attributes.
   */
  @Override
  public void invalidate() {
    checkValid("invalidate");
    if (owner == null) {
      throw new IllegalStateException("invalidate: the session expired and is being destroyed");
    }
    owner.invalidate(this);
  }

  /** Called by the request once the session is gone from the cache. */
  void destroyed() {
    listeners.destroyed(this);
    for (String name : state.names()) {
      Object old = state.remove(name);
      listeners.removed(this, name, old);
    }
    state.invalidate();
  }

  /** The session was deleted by another request (seen by a failed change of id): no events. */
  void destroyedElsewhere() {
    state.invalidate();
  }

  /** True until the client has sent back the id: for a session created by this request. */
  @Override
  public boolean isNew() {
    checkValid("isNew");
    return owner != null && owner.createdHere(this);
  }

  private void checkValid(String method) {
    if (state.invalid()) {
      throw new IllegalStateException(method + ": the session has been invalidated");
    }
  }

  @Override
  public String toString() {
    return "LarderHttpSession[" + SessionIds.forLog(state.id()) + "]";
  }
}
