package io.larder.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Resolves the configuration from its sources, highest precedence first: command-line flags, {@code
 * LARDER_*} environment variables, the configuration file ({@code --config FILE} or {@code
 * LARDER_CONFIG}; Java properties syntax, keys named like the flags), then the defaults (DESIGN.md
 * D7). Unknown settings and bad values stop start-up with a message naming the setting, the value,
 * where it came from and what is allowed.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param flags {@code --name value} pairs from the command line, without the dashes
   * @param environment the process environment
   */
  public static ServerConfig load(Map<String, String> flags, Map<String, String> environment) {
    Resolution resolution = new Resolution();
    // Lowest precedence first: each source overrides what the previous ones set.
    if (flags.containsKey("config")) {
      readFile(flags.get("config"), "the flag --config", resolution);
    } else if (environment.containsKey("LARDER_CONFIG")) {
      readFile(
          environment.get("LARDER_CONFIG"), "the environment variable LARDER_CONFIG", resolution);
    }
    for (Setting<?> setting : ServerConfig.SETTINGS) {
      String value = environment.get(setting.environmentVariable());
      if (value != null) {
        resolution.put(
            setting.name(), value, "the environment variable " + setting.environmentVariable());
      }
    }
    flags.forEach(
        (name, value) -> {
          if (!name.equals("config")) {
            resolution.put(name, value, "the flag --" + name);
          }
        });
    return resolution.build();
  }

  /** Builds a configuration from explicit values over the defaults. */
  public static ServerConfig fromValues(Map<String, String> values) {
    Resolution resolution = new Resolution();
    values.forEach((name, value) -> resolution.put(name, value, "the given values"));
    return resolution.build();
  }

  /** One line per setting: flag, meaning, default and environment variable — for {@code --help}. */
  public static String describe() {
    StringBuilder text = new StringBuilder();
    for (Setting<?> s : ServerConfig.SETTINGS) {
      text.append(
          String.format(
              "  --%-28s %s (default %s; env %s)%n",
              s.name() + " VALUE", s.description(), s.defaultValue(), s.environmentVariable()));
    }
    return text.toString();
  }

  /** The winning value of each setting so far, and the source it came from. */
  private static final class Resolution {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    void put(String name, String value, String source) {
      if (ServerConfig.SETTINGS.stream().noneMatch(s -> s.name().equals(name))) {
        throw new ConfigException(
            "unknown setting '"
                + name
                + "' (from "
                + source
                + "); the settings are: "
                + ServerConfig.SETTINGS.stream()
                    .map(Setting::name)
                    .collect(Collectors.joining(", ")));
      }
      values.put(name, value);
      sources.put(name, source);
    }

    <T> T get(Setting<T> setting) {
      return setting.parse(
          values.getOrDefault(setting.name(), setting.defaultValue()), source(setting));
    }

    String source(Setting<?> setting) {
      return sources.getOrDefault(setting.name(), "the default");
    }

    ServerConfig build() {
      ServerConfig config =
          new ServerConfig(
              get(ServerConfig.PORT),
              get(ServerConfig.ADMIN_PORT),
              get(ServerConfig.BIND),
              Path.of(get(ServerConfig.DATA_DIR)),
              get(ServerConfig.APPENDONLY),
              get(ServerConfig.APPENDFSYNC),
              get(ServerConfig.REWRITE_MIN_SIZE),
              get(ServerConfig.MAXCLIENTS),
              get(ServerConfig.PROTO_MAX_BULK_LEN),
              get(ServerConfig.MAX_MULTIBULK_LEN),
              Math.toIntExact(get(ServerConfig.MAX_INLINE_LEN)),
              get(ServerConfig.CLIENT_OUTPUT_BUFFER_LIMIT),
              get(ServerConfig.ACTIVE_EXPIRE_INTERVAL),
              get(ServerConfig.IO_THREADS));
      // Port 0 asks the OS for a free port, so two zeros never collide.
      if (config.port() == config.adminPort() && config.port() != 0) {
        throw new ConfigException(
            "settings 'port' (from "
                + source(ServerConfig.PORT)
                + ") and 'admin-port' (from "
                + source(ServerConfig.ADMIN_PORT)
                + ") are both "
                + config.port()
                + ": they must differ");
      }
      return config;
    }
  }

  /** Puts every key of a Java properties file; {@code source} says who named the file. */
  private static void readFile(String file, String source, Resolution resolution) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      // Properties.load throws IllegalArgumentException for a malformed Unicode escape.
      String reason = e instanceof NoSuchFileException ? "no such file" : e.toString();
      throw new ConfigException(
          "cannot read the configuration file " + file + " (from " + source + "): " + reason);
    }
    properties.forEach(
        (key, value) ->
            resolution.put(key.toString().trim(), value.toString(), "the file " + file));
  }
}
