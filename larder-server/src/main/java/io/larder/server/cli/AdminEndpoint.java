package io.larder.server.cli;

import io.larder.server.admin.AdminToken;
import io.larder.server.config.ConfigException;
import io.larder.server.config.ConfigLoader;
import io.larder.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the admin API is and the token it wants, each with the place it came from (for messages).
 *
 * <p>The URL is {@code --url}, else {@code LARDER_ADMIN_URL}, else built from the server's own
 * settings; the token is {@code --token}, else {@code LARDER_ADMIN_TOKEN}, else the file {@code
 * admin.token} in the server's data directory. "The server's own settings" are resolved exactly as
 * {@code larder start} resolves them ({@code --admin-port}, {@code --data-dir} and {@code --config}
 * flags, then {@code LARDER_*} variables, then the configuration file, then the defaults), so a
 * command run with the same environment as the server finds it without further options.
 *
 * @param url the API's base URL, without a trailing slash
 * @param tokenSource where the token came from, e.g. "the file /srv/larder/data/admin.token"
 */
record AdminEndpoint(URI url, String token, String tokenSource) {
  static final String URL_VARIABLE = "LARDER_ADMIN_URL";
  static final String TOKEN_VARIABLE = "LARDER_ADMIN_TOKEN";

  @Override
  public String toString() {
    return "AdminEndpoint[url=" + url + ", token from " + tokenSource + "]"; // never the token
  }

  /**
   * @throws UsageException when a setting is invalid or no token can be found
   */
  static AdminEndpoint resolve(CliArguments args, Map<String, String> env) {
    ServerSettings server = new ServerSettings(args, env);
    URI url;
    if (args.value("url").isPresent()) {
      url = parseUrl(args.value("url").get(), "the option --url");
    } else if (present(env.get(URL_VARIABLE))) {
      url = parseUrl(env.get(URL_VARIABLE), "the environment variable " + URL_VARIABLE);
    } else {
      url = server.adminUrl();
    }
    if (args.value("token").isPresent()) {
      return new AdminEndpoint(url, args.value("token").get().trim(), "the option --token");
    }
    if (present(env.get(TOKEN_VARIABLE))) {
      return new AdminEndpoint(
          url, env.get(TOKEN_VARIABLE).trim(), "the environment variable " + TOKEN_VARIABLE);
    }
    Path file =
        server.config().dataDir().resolve(AdminToken.FILE_NAME).toAbsolutePath().normalize();
    return new AdminEndpoint(url, readToken(file), "the file " + file);
  }

  private static URI parseUrl(String text, String source) {
    String trimmed = text.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI url = new URI(trimmed);
      if (("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
          && url.getHost() != null
          && url.getQuery() == null
          && url.getFragment() == null) {
        return url;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new UsageException(
        "invalid admin API URL '"
            + text
            + "' (from "
            + source
            + "): expected http://HOST:PORT or https://HOST:PORT");
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!token.isEmpty()) {
        return token;
      }
      throw new UsageException("the admin token file " + file + " is empty");
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "no admin token: "
              + file
              + " does not exist. Give --token, set "
              + TOKEN_VARIABLE
              + ", or point --data-dir at the server's data directory");
    } catch (IOException e) {
      throw new UsageException("cannot read the admin token file " + file + ": " + e);
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** The server's settings, resolved only when needed (an explicit URL and token need none). */
  private static final class ServerSettings {
    private final Map<String, String> flags = new HashMap<>();
    private final Map<String, String> env;
    private ServerConfig config;

    ServerSettings(CliArguments args, Map<String, String> env) {
      for (String name : new String[] {"admin-port", "data-dir", "config"}) {
        args.value(name).ifPresent(value -> flags.put(name, value));
      }
      this.env = env;
    }

    ServerConfig config() {
      if (config == null) {
        try {
          config = ConfigLoader.load(flags, env);
        } catch (ConfigException e) {
          throw new UsageException(e.getMessage());
        }
      }
      return config;
    }

    URI adminUrl() {
      if (config().adminPort() == 0) {
        throw new UsageException(
            "the server's admin port is set to 0 (a free port picked at start);"
                + " give the port it printed with --admin-port, or the whole --url");
      }
      return URI.create("http://" + connectHost(config().bind()) + ":" + config().adminPort());
    }

    /** The address to connect to for a listening address: a wildcard means this machine. */
    private static String connectHost(String bind) {
      return switch (bind) {
        case "0.0.0.0" -> "127.0.0.1";
        case "::", "[::]" -> "[::1]";
        default -> bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
      };
    }
  }
}
