package io.larder.examples.sessiondemo;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.util.Map;

/** The cart page's HTML; every value from the session or the visitor is escaped. */
final class CartPage {
  private CartPage() {}

  static String render(String instance, String previous, int visits, Cart cart) {
    StringBuilder html = new StringBuilder(2048);
    html.append(
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Larder session demo</title>
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
              .instance { font-size: 1.4rem; font-weight: 600; }
              .moved { color: #b45309; }
              table { border-collapse: collapse; } td { padding: .2rem .8rem .2rem 0; }
              form.inline { display: inline; }
            </style></head><body>
            <h1>Larder session demo</h1>
            """)
        .append("<p class=\"instance\">Served by instance <span id=\"instance\">")
        .append(htmlEscape(instance))
        .append("</span></p>\n");
    if (previous == null) {
      html.append("<p>A new session.</p>\n");
    } else if (previous.equals(instance)) {
      html.append("<p>The previous request was served here too.</p>\n");
    } else {
      html.append("<p class=\"moved\">The previous request was served by instance ")
          .append(htmlEscape(previous))
          .append(": the session came along.</p>\n");
    }
    html.append("<p>Visits in this session: <span id=\"visits\">")
        .append(visits)
        .append("</span></p>\n<h2>Cart (")
        .append(cart.count())
        .append(")</h2>\n");
    if (cart.getItems().isEmpty()) {
      html.append("<p>Empty.</p>\n");
    } else {
      html.append("<table>\n");
      for (Map.Entry<String, Integer> entry : cart.getItems().entrySet()) {
        String item = htmlEscape(entry.getKey());
        html.append("<tr><td>")
            .append(item)
            .append("</td><td>× ")
            .append(entry.getValue())
            .append("</td><td><form class=\"inline\" method=\"post\" action=\"/cart/remove\">")
            .append("<input type=\"hidden\" name=\"item\" value=\"")
            .append(item)
            .append("\"><button>Remove</button></form></td></tr>\n");
      }
      html.append("</table>\n");
    }
    html.append(
        """
        <form method="post" action="/cart/add">
          <label>Item <input name="item" maxlength="100" required autofocus></label>
          <button>Add to cart</button>
        </form>
        <form method="post" action="/cart/checkout"><button>Check out (ends the session)</button></form>
        </body></html>
        """);
    return html.toString();
  }
}
