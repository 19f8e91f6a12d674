package io.larder.session;

import io.larder.session.SessionConfig.CodecKind;
import io.larder.session.SessionConfig.Concurrency;
import io.larder.session.SessionConfig.CookieSecure;
import io.larder.session.SessionConfig.OnFailure;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a {@link SessionConfig} from named settings found in a list of sources, the first source
 * that has a setting winning: for a web application, its context parameters, then {@code
 * larder.properties}, then the environment.
 *
 * <p>Environment variables are found by the relaxed name: upper case, with {@code .} and {@code -}
 * as {@code _} ({@code larder.session.cookie.same-site} is {@code
 * LARDER_SESSION_COOKIE_SAME_SITE}). A bad value stops start-up with a message naming the setting,
 * the value and what is allowed.
 */
final class ConfigResolver {
  static final String URL = "larder.url";
  static final String PREFIX = "larder.session.";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final List<Function<String, String>> sources;

  /** Sources in order of precedence; each answers a setting's name with its value or null. */
  ConfigResolver(List<Function<String, String>> sources) {
    this.sources = List.copyOf(sources);
  }

  /** A source reading environment variables by the relaxed form of a setting's name. */
  static Function<String, String> environment(Map<String, String> env) {
    return name -> env.get(relaxed(name));
  }

  static String relaxed(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value of {@code name} in the first source that has it (blank counts as absent). */
  String value(String name) {
    for (Function<String, String> source : sources) {
      String value = source.apply(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  SessionConfig resolve() {
    SessionConfig.Builder builder = SessionConfig.builder();
    String url = value(URL);
    if (url != null) {
      apply(URL, url, builder::url);
    }
    setting("application-name", builder::applicationName);
    setting("timeout", v -> builder.timeout(duration(v)));
    setting("concurrency", v -> builder.concurrency(choice(v, Concurrency.class)));
    setting("lock-wait", v -> builder.lockWait(duration(v)));
    setting("lock-timeout", v -> builder.lockTimeout(duration(v)));
    setting("read-only-patterns", v -> builder.readOnlyPatterns(list(v)));
    setting("cookie.name", builder::cookieName);
    setting("cookie.path", builder::cookiePath);
    setting("cookie.domain", builder::cookieDomain);
    setting("cookie.same-site", builder::cookieSameSite);
    setting("cookie.secure", v -> builder.cookieSecure(CookieSecure.of(v)));
    setting("header-name", builder::headerName);
    setting("codec", v -> builder.codec(choice(v, CodecKind.class)));
    setting("allowlist", v -> builder.allowlist(list(v)));
    setting("on-failure", v -> builder.onFailure(choice(v, OnFailure.class)));
    return builder.build();
  }

  private void setting(String suffix, java.util.function.Consumer<String> apply) {
    String name = PREFIX + suffix;
    String value = value(name);
    if (value != null) {
      apply(name, value, apply);
    }
  }

  private static void apply(String name, String value, java.util.function.Consumer<String> apply) {
    try {
      apply.accept(value);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(
          message != null && message.startsWith(name)
              ? message
              : name + "='" + safe(name, value) + "' is not valid: " + message,
          e);
    }
  }

  /** Never repeat the URL's key in a message. */
  private static String safe(String name, String value) {
    return name.equals(URL) ? value.replaceAll("//([^:@/]*):[^@]*@", "//$1:***@") : value;
  }

  /**
   * {@code 30m}, {@code 90s}, {@code 500ms}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT30M}). A
   * bare number is refused: seconds or minutes would be a guess.
   */
  static Duration duration(String value) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected a duration with a unit, like 30m, 90s, 500ms, 2h or PT30M");
    }
  }

  static <E extends Enum<E>> E choice(String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.trim())) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "expected one of "
            + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList());
  }

  /** Comma-separated, blanks ignored. */
  static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
