package io.larder.examples.sessiondemo;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** A session listener bean, as applications declare them; records what it is told. */
@Component
class E2eSessionEvents implements HttpSessionListener {
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    EVENTS.add("created " + event.getSession().getId());
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    EVENTS.add(
        "destroyed "
            + event.getSession().getId()
            + " user="
            + event.getSession().getAttribute("user"));
  }
}
