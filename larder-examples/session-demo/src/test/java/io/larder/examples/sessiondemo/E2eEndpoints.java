package io.larder.examples.sessiondemo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints the end-to-end tests drive, in the demo's test classes only: each does one thing to
 * the session and answers in plain text.
 */
@RestController
class E2eEndpoints {
  /** The session's id, or {@code none}; never creates a session. */
  @GetMapping("/test/id")
  String id(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null ? "none" : session.getId();
  }

  @GetMapping("/test/set")
  String set(
      @RequestParam String name,
      @RequestParam String value,
      @RequestParam(defaultValue = "0") long delayMs,
      HttpSession session)
      throws InterruptedException {
    Thread.sleep(delayMs); // holds the request open, so that two requests overlap
    session.setAttribute(name, value);
    return session.getId();
  }

  /** The attribute's value, {@code null}, or {@code no session}. */
  @GetMapping("/test/get")
  String get(@RequestParam String name, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session == null ? "no session" : String.valueOf(session.getAttribute(name));
  }

  @GetMapping("/test/invalidate")
  String invalidate(HttpSession session) {
    session.invalidate();
    return "invalidated";
  }

  @GetMapping("/test/change-id")
  String changeId(HttpServletRequest request) {
    request.getSession();
    return request.changeSessionId();
  }

  @GetMapping("/test/max-inactive")
  String maxInactive(@RequestParam int seconds, HttpSession session) {
    session.setMaxInactiveInterval(seconds);
    return session.getId();
  }

  @GetMapping("/test/timeout")
  String timeout(HttpSession session) {
    return Integer.toString(session.getMaxInactiveInterval());
  }

  /** Read, pause, write: without a lock, overlapping increments lose updates. */
  @GetMapping("/test/increment")
  String increment(HttpSession session) throws InterruptedException {
    Integer counter = (Integer) session.getAttribute("counter");
    Thread.sleep(5);
    int next = counter == null ? 1 : counter + 1;
    session.setAttribute("counter", next);
    return Integer.toString(next);
  }

  /** Stores a value no codec can store; answers with the error the application gets. */
  @GetMapping("/test/unstorable")
  String unstorable(HttpSession session) {
    try {
      session.setAttribute("connection", new Object());
      return "stored";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** The session events this instance's listener saw, one a line. */
  @GetMapping("/test/events")
  String events() {
    return String.join("\n", E2eSessionEvents.EVENTS);
  }

  /** Only for a signed-in user (see {@link E2eSecurity}). */
  @GetMapping("/test/secure/whoami")
  String whoami(Principal principal) {
    return principal.getName();
  }
}
