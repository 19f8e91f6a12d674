package io.larder.server.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration setting: its name (as a flag {@code --name}, a file key {@code name}, and an
 * environment variable {@code LARDER_NAME}), its default, and how to parse and check a value.
 * Public so that the help text, {@code CONFIG GET} and tests can list the settings; values are
 * parsed only through {@link ConfigLoader}.
 */
public record Setting<T>(
    String name, String defaultValue, String description, Function<String, T> parser) {

  public String environmentVariable() {
    return "LARDER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Parses value; a bad value becomes a message naming this setting and where it came from. */
  T parse(String value, String source) {
    try {
      return parser.apply(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "invalid value '"
              + value
              + "' for setting '"
              + name
              + "' (from "
              + source
              + "): "
              + e.getMessage());
    }
  }
}
