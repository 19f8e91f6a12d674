package io.larder.examples.sessiondemo;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The cart page and its actions. Everything it remembers is in the session: the cart, a visit
 * counter, and which instance served the previous request, so the page shows the session moving
 * between instances.
 */
@RestController
public class CartController {
  static final String CART = "cart";
  static final String VISITS = "visits";
  static final String LAST_INSTANCE = "lastInstance";

  private final String instance;

  public CartController(@Value("${demo.instance:${server.port:8080}}") String instance) {
    this.instance = instance;
  }

  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  public String page(HttpSession session) {
    Cart cart = cartOf(session);
    String previous = servedBy(session);
    Integer visits = (Integer) session.getAttribute(VISITS);
    int now = visits == null ? 1 : visits + 1;
    session.setAttribute(VISITS, now);
    return CartPage.render(instance, previous, now, cart);
  }

  /** The cart as JSON, for scripts and load tests; it reads the session and counts no visit. */
  @GetMapping("/api/cart")
  public Map<String, Object> cart(HttpSession session) {
    Cart cart = cartOf(session);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instance", instance);
    body.put("previousInstance", servedBy(session));
    body.put("items", cart.getItems());
    return body;
  }

  @PostMapping("/cart/add")
  public RedirectView add(@RequestParam String item, HttpSession session) {
    servedBy(session);
    String name = item.strip();
    if (!name.isEmpty() && name.length() <= 100) {
      Cart cart = cartOf(session);
      cart.add(name);
      session.setAttribute(CART, cart); // tells the session it changed (Larder would notice anyway)
    }
    return new RedirectView("/");
  }

  @PostMapping("/cart/remove")
  public RedirectView remove(@RequestParam String item, HttpSession session) {
    servedBy(session);
    Cart cart = cartOf(session);
    cart.remove(item);
    session.setAttribute(CART, cart);
    return new RedirectView("/");
  }

  /** Empties the cart by ending the session: every instance sees it gone. */
  @PostMapping("/cart/checkout")
  public RedirectView checkout(HttpSession session) {
    session.invalidate();
    return new RedirectView("/");
  }

  private static Cart cartOf(HttpSession session) {
    Cart cart = (Cart) session.getAttribute(CART);
    return cart != null ? cart : new Cart();
  }

  /**
   * The instance that served the session's previous request; records this one (a write only when
   * the session moved, so that reading the cart does not write the session).
   */
  private String servedBy(HttpSession session) {
    String previous = (String) session.getAttribute(LAST_INSTANCE);
    if (!instance.equals(previous)) {
      session.setAttribute(LAST_INSTANCE, instance);
    }
    return previous;
  }
}
