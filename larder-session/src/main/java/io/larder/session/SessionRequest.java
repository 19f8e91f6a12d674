package io.larder.session;

import io.larder.client.LockHandle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * A request whose sessions live in the cache: {@link #getSession} finds the session of the
 * request's cookie there (one read, on first use, never for requests that do not ask), creates new
 * ones with a cookie, and {@link #changeSessionId} moves a session to a new id atomically.
 *
 * <p>The request's work on its session ends with {@link #finish}: the save of what changed (if the
 * response did not trigger it already, see {@link SessionResponse}), then the release of the
 * session's lock in {@code exclusive} mode.
 */
final class SessionRequest extends HttpServletRequestWrapper {
  private final SessionProvider provider;
  private final SessionResponse response;
  private final long start;
  private final boolean readOnly;

  private boolean lookedUp;
  private String requestedId;
  private boolean requestedIdRead;
  private LarderHttpSession session;
  private LarderHttpSession created;
  private LockHandle lock;

  SessionRequest(HttpServletRequest request, SessionResponse response, SessionProvider provider) {
    super(request);
    this.provider = provider;
    this.response = response;
    this.start = provider.now();
    this.readOnly = provider.isReadOnly(request);
  }

  @Override
  public HttpSession getSession() {
    return getSession(true);
  }

  @Override
  public synchronized HttpSession getSession(boolean create) {
    if (session != null && !session.state().invalid()) {
      return session;
    }
    if (!lookedUp) {
      lookedUp = true;
      session = lookUp();
      if (session != null) {
        return session;
      }
    }
    if (!create) {
      return null;
    }
    if (response.isCommitted()) {
      throw new IllegalStateException(
          "cannot create a session after the response has been committed");
    }
    SessionState state =
        SessionState.created(SessionIds.next(), provider.timeoutSeconds(), provider.codec(), start);
    session = provider.wrap(state, this);
    created = session;
    provider.ids().write(this, response, state.id());
    provider.listeners().created(session);
    return session;
  }

  private LarderHttpSession lookUp() {
    String id = getRequestedSessionId();
    if (id == null) {
      return null;
    }
    if (provider.isExclusive() && !readOnly) {
      lock = provider.lock(id);
    }
    StoredSession stored;
    try {
      stored = provider.load(id);
    } catch (RuntimeException e) {
      releaseLock();
      throw e;
    }
    if (stored == null) {
      releaseLock();
      return null;
    }
    return provider.wrap(SessionState.loaded(stored, provider.codec(), start), this);
  }

  /**
   * Moves the session to a new id, keeping its attributes: atomically in the cache (RENAMENX), so
   * that the session exists under exactly one of the two ids at any moment, never both. Racing an
   * invalidation, one of the two wins: if the session was deleted first, this fails with {@link
   * IllegalStateException} and the request has no session.
   */
  @Override
  public synchronized String changeSessionId() {
    HttpSession current = getSession(false);
    if (current == null) {
      throw new IllegalStateException("changeSessionId: the request has no session");
    }
    SessionState state = session.state();
    String oldId = state.id();
    String newId = SessionIds.next();
    if (state.persisted() && !provider.rename(oldId, newId)) {
      session.destroyedElsewhere();
      session = null;
      throw new IllegalStateException(
          "changeSessionId: the session was invalidated or expired meanwhile");
    }
    state.changeId(newId);
    provider.ids().write(this, response, newId);
    provider.listeners().idChanged(session, oldId);
    return newId;
  }

  @Override
  public String getRequestedSessionId() {
    if (!requestedIdRead) {
      requestedIdRead = true;
      requestedId = provider.ids().requestedId((HttpServletRequest) getRequest());
    }
    return requestedId;
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    String requested = getRequestedSessionId();
    if (requested == null) {
      return false;
    }
    HttpSession current = getSession(false);
    return current != null && requested.equals(current.getId());
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    return provider.ids().usesCookies() && getRequestedSessionId() != null;
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    return false;
  }

  boolean createdHere(LarderHttpSession candidate) {
    return candidate == created;
  }

  /** The session's invalidate: gone from the cache first, then the listeners and the cookie. */
  synchronized void invalidate(LarderHttpSession target) {
    SessionState state = target.state();
    if (state.persisted()) {
      provider.delete(state.id());
    }
    target.destroyed();
    if (!response.isCommitted()) {
      provider.ids().expire(this, response);
    }
  }

  /** Saves what changed, unless the request is read-only (new sessions are saved all the same). */
  synchronized void save() {
    if (session == null) {
      return;
    }
    SessionState state = session.state();
    if (state.invalid() || (readOnly && state.persisted())) {
      return;
    }
    SessionWrite write = state.changes();
    if (!write.isEmpty()) {
      provider.save(write);
      state.written(write);
    }
  }

  /** The end of the request's work with its session: save, then release the lock. */
  synchronized void finish() {
    try {
      save();
    } finally {
      releaseLock();
    }
  }

  synchronized void releaseLock() {
    if (lock != null) {
      LockHandle held = lock;
      lock = null;
      provider.unlock(held);
    }
  }
}
