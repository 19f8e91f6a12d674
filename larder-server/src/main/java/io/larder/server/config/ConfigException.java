package io.larder.server.config;

/** A configuration problem; the message names the setting, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
