package io.larder.examples.sessiondemo;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The items in a visitor's cart, with their quantities. Kept in the session as a whole; it is
 * {@link Serializable} (for the default codec) and a bean with {@code getItems}/{@code setItems}
 * (for {@code larder.session.codec=json}), and its package is on {@code larder.session.allowlist},
 * so Larder may store and read it.
 */
public class Cart implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, Integer> items = new LinkedHashMap<>();

  public void add(String item) {
    items.merge(item, 1, Integer::sum);
  }

  public void remove(String item) {
    items.remove(item);
  }

  public Map<String, Integer> getItems() {
    return Collections.unmodifiableMap(items);
  }

  public void setItems(Map<String, Integer> items) {
    this.items.clear();
    this.items.putAll(items);
  }

  int count() {
    return items.values().stream().mapToInt(Integer::intValue).sum();
  }
}
