package io.larder.session;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The test application: each path does one thing with the session and answers in plain text, so the
 * end-to-end tests drive sessions the way a browser would.
 */
final class AppServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** An application class, allowed by the tests' allowlist. */
  static final class Cart implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<String> items = new ArrayList<>();
  }

  /** A value that wants to know when it enters and leaves a session. */
  static final class Bound implements HttpSessionBindingListener, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void valueBound(HttpSessionBindingEvent event) {
      RecordingListener.EVENTS.add(event.getSession().getId() + " bound " + event.getName());
    }

    @Override
    public void valueUnbound(HttpSessionBindingEvent event) {
      RecordingListener.EVENTS.add(event.getSession().getId() + " unbound " + event.getName());
    }

    @Override
    public String toString() {
      return "BOUND";
    }
  }

  /** {@code /hold} counts this down once it has the session, then waits for {@link #release}. */
  static volatile CountDownLatch holding = new CountDownLatch(1);

  static volatile CountDownLatch release = new CountDownLatch(1);

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String path = request.getPathInfo() == null ? request.getServletPath() : request.getPathInfo();
    String name = request.getParameter("name");
    switch (path) {
      case "/set" -> {
        HttpSession session = request.getSession();
        session.setAttribute(name, request.getParameter("value"));
        response.getWriter().print(session.isNew() ? "new" : "ok");
      }
      case "/get" -> {
        HttpSession session = request.getSession(false);
        response.getWriter().print(session == null ? "no session" : session.getAttribute(name));
      }
      case "/names" -> {
        HttpSession session = request.getSession(false);
        response
            .getWriter()
            .print(
                session == null
                    ? "no session"
                    : String.join(",", Collections.list(session.getAttributeNames())));
      }
      case "/add-item" -> {
        HttpSession session = request.getSession();
        Cart cart = (Cart) session.getAttribute("cart");
        if (cart == null) {
          session.setAttribute("cart", new Cart());
          cart = (Cart) session.getAttribute("cart");
        }
        cart.items.add(request.getParameter("item")); // changed in place, no setAttribute
        response.getWriter().print(cart.items.size());
      }
      case "/items" -> {
        HttpSession session = request.getSession(false);
        Cart cart = session == null ? null : (Cart) session.getAttribute("cart");
        response.getWriter().print(cart == null ? "none" : String.join(",", cart.items));
      }
      case "/invalidate" -> {
        request.getSession().invalidate();
        response.getWriter().print("invalidated");
      }
      case "/change-id" -> response.getWriter().print(request.changeSessionId());
      case "/id" -> {
        HttpSession session = request.getSession(false);
        response.getWriter().print(session == null ? "no session" : session.getId());
      }
      case "/requested" ->
          response
              .getWriter()
              .print(request.getRequestedSessionId() + " " + request.isRequestedSessionIdValid());
      case "/set-unstorable" -> {
        try {
          request.getSession().setAttribute(name, new Object());
          response.getWriter().print("stored?!");
        } catch (IllegalArgumentException e) {
          response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
          response.getWriter().print(e.getMessage());
        }
      }
      case "/set-then-redirect" -> {
        request.getSession().setAttribute(name, request.getParameter("value"));
        response.sendRedirect(request.getContextPath() + "/get?name=" + name);
      }
      case "/set-then-flush" -> {
        request.getSession().setAttribute(name, request.getParameter("value"));
        response.getWriter().print("flushed");
        response.flushBuffer();
      }
      case "/increment" -> {
        HttpSession session = request.getSession();
        Integer n = (Integer) session.getAttribute("n");
        pause(); // widens the read-modify-write window that exclusive mode must close
        session.setAttribute("n", n == null ? 1 : n + 1);
        response.getWriter().print(session.getAttribute("n"));
      }
      case "/bind" -> {
        request.getSession().setAttribute(name, new Bound());
        response.getWriter().print("bound");
      }
      case "/remove" -> {
        request.getSession().removeAttribute(name);
        response.getWriter().print("removed");
      }
      case "/hold" -> {
        request.getSession();
        holding.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        response.getWriter().print("released");
      }
      case "/ro/set" -> {
        request.getSession().setAttribute(name, request.getParameter("value"));
        response.getWriter().print("set in a read-only request");
      }
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
