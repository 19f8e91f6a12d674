package io.larder.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which requests use the session read-only: they neither take the session's lock nor write to the
 * cache, whatever they do to the session (changes stay in the request). Useful for polling and
 * reporting endpoints that would otherwise queue behind a long request in {@code exclusive} mode.
 *
 * <p>Each pattern is a servlet URL pattern matched against the path inside the web application
 * ({@code /reports/*}, {@code *.json}, {@code /status}), optionally after an HTTP method and a
 * space ({@code GET /reports/*}), or an HTTP method alone ({@code HEAD}).
 */
final class ReadOnlyRequests {
  private record Rule(String method, String pattern) {
    boolean matches(String requestMethod, String path) {
      if (method != null && !method.equals(requestMethod)) {
        return false;
      }
      if (pattern == null) {
        return true;
      }
      if (pattern.equals("/*") || pattern.equals("/")) {
        return true;
      }
      if (pattern.endsWith("/*")) {
        String prefix = pattern.substring(0, pattern.length() - 2);
        return path.equals(prefix) || path.startsWith(prefix + "/");
      }
      if (pattern.startsWith("*.")) {
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).endsWith(pattern.substring(1));
      }
      return path.equals(pattern);
    }
  }

  private final List<Rule> rules;

  private ReadOnlyRequests(List<Rule> rules) {
    this.rules = rules;
  }

  /**
   * The rules of {@code patterns}.
   *
   * @throws IllegalArgumentException naming a pattern that is none of the forms above
   */
  static ReadOnlyRequests parse(List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : patterns) {
      String entry = raw == null ? "" : raw.trim();
      String[] parts = entry.split("\\s+");
      Rule rule;
      if (parts.length == 1 && isMethod(parts[0])) {
        rule = new Rule(parts[0], null);
      } else if (parts.length == 1 && isUrlPattern(parts[0])) {
        rule = new Rule(null, parts[0]);
      } else if (parts.length == 2 && isMethod(parts[0]) && isUrlPattern(parts[1])) {
        rule = new Rule(parts[0], parts[1]);
      } else {
        throw new IllegalArgumentException(
            "larder.session.read-only-patterns: '"
                + entry
                + "' is not a URL pattern (/reports/*, *.json, /status), an HTTP method (HEAD) or"
                + " both (GET /reports/*)");
      }
      rules.add(rule);
    }
    return new ReadOnlyRequests(List.copyOf(rules));
  }

  private static boolean isMethod(String s) {
    return s.matches("[A-Z]+") && s.equals(s.toUpperCase(Locale.ROOT));
  }

  private static boolean isUrlPattern(String s) {
    return (s.startsWith("/")
            && (s.indexOf('*') < 0 || (s.endsWith("/*") && s.indexOf('*') == s.length() - 1)))
        || (s.startsWith("*.") && s.length() > 2 && s.indexOf('/') < 0 && s.lastIndexOf('*') == 0);
  }

  /** Whether a request with this method and path inside the web application is read-only. */
  boolean matches(String method, String path) {
    for (Rule rule : rules) {
      if (rule.matches(method, path)) {
        return true;
      }
    }
    return false;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }
}
