package io.larder.server.tenant;

import java.util.Locale;

/**
 * Which of a cache's two access keys: each is regenerated alone, so keys rotate without downtime.
 */
public enum KeySlot {
  PRIMARY,
  SECONDARY;

  /** The lowercase name used in URLs and JSON ({@code primary}, {@code secondary}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The slot with that label, or null. */
  public static KeySlot fromLabel(String label) {
    for (KeySlot slot : values()) {
      if (slot.label().equals(label)) {
        return slot;
      }
    }
    return null;
  }
}
