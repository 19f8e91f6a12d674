package io.larder.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves the configuration from its sources, highest precedence first: command-line flags, {@code
 * LARDER_*} environment variables, the configuration file ({@code --config FILE} or {@code
 * LARDER_CONFIG}; Java properties syntax, keys named like the flags), then the defaults (DESIGN.md
 * D7). Unknown settings and bad values stop start-up with a message naming them.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * @param flags {@code --name value} pairs from the command line, without the dashes
   * @param environment the process environment
   */
  public static ServerConfig load(Map<String, String> flags, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    String configFile = flags.getOrDefault("config", environment.get("LARDER_CONFIG"));
    if (configFile != null) {
      for (Map.Entry<String, String> entry : readFile(Path.of(configFile)).entrySet()) {
        put(values, sources, entry.getKey(), entry.getValue(), "the file " + configFile);
      }
    }
    for (Setting<?> setting : ServerConfig.SETTINGS) {
      String value = environment.get(setting.environmentVariable());
      if (value != null) {
        put(
            values,
            sources,
            setting.name(),
            value,
            "the environment variable " + setting.environmentVariable());
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      if (!flag.getKey().equals("config")) {
        put(values, sources, flag.getKey(), flag.getValue(), "the flag --" + flag.getKey());
      }
    }
    return build(values, sources);
  }

  /** Builds a configuration from explicit values over the defaults. */
  public static ServerConfig fromValues(Map<String, String> values) {
    Map<String, String> sources = new HashMap<>();
    Map<String, String> checked = new HashMap<>();
    values.forEach((name, value) -> put(checked, sources, name, value, "the given values"));
    return build(checked, sources);
  }

  /** One line per setting: flag, default and meaning — for {@code --help}. */
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

  private static void put(
      Map<String, String> values,
      Map<String, String> sources,
      String name,
      String value,
      String source) {
    if (ServerConfig.SETTINGS.stream().noneMatch(s -> s.name().equals(name))) {
      throw new ConfigException("unknown setting '" + name + "' (from " + source + ")");
    }
    values.put(name, value);
    sources.put(name, source);
  }

  private static ServerConfig build(Map<String, String> values, Map<String, String> sources) {
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (Setting<?> setting : ServerConfig.SETTINGS) {
      String value = values.getOrDefault(setting.name(), setting.defaultValue());
      String source = sources.getOrDefault(setting.name(), "the default");
      parsed.put(setting.name(), setting.parse(value, source));
    }
    if (parsed.get("port").equals(parsed.get("admin-port")) && !parsed.get("port").equals(0)) {
      throw new ConfigException(
          "settings 'port' and 'admin-port' are both " + parsed.get("port") + ": they must differ");
    }
    return new ServerConfig(
        (Integer) parsed.get("port"),
        (Integer) parsed.get("admin-port"),
        (String) parsed.get("bind"),
        Path.of((String) parsed.get("data-dir")),
        (Boolean) parsed.get("appendonly"),
        (io.larder.server.persist.FsyncPolicy) parsed.get("appendfsync"),
        (Long) parsed.get("auto-aof-rewrite-min-size"),
        (Integer) parsed.get("maxclients"),
        (Long) parsed.get("proto-max-bulk-len"),
        Math.toIntExact((Long) parsed.get("max-multibulk-len")),
        Math.toIntExact((Long) parsed.get("max-inline-len")),
        (Long) parsed.get("client-output-buffer-limit"),
        (java.time.Duration) parsed.get("active-expire-interval"),
        (Integer) parsed.get("io-threads"));
  }

  private static Map<String, String> readFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read the configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.forEach((k, v) -> values.put(k.toString().trim(), v.toString()));
    return values;
  }
}
