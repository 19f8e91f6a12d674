package io.larder.server.command;

/**
 * Redis glob-style matching ({@code KEYS}, {@code SCAN MATCH}, {@code HSCAN MATCH}, {@code CONFIG
 * GET}): {@code *}, {@code ?}, {@code [abc]}, {@code [^a]}, {@code [a-z]}, and {@code \} to escape.
 * A port of Redis's {@code stringmatchlen}, including its bound on backtracking.
 */
public final class GlobPattern {
  private static final int MAX_NESTING = 1000;

  private final byte[] pattern;
  private final boolean ignoreCase;

  private GlobPattern(byte[] pattern, boolean ignoreCase) {
    this.pattern = pattern;
    this.ignoreCase = ignoreCase;
  }

  public static GlobPattern of(byte[] pattern) {
    return new GlobPattern(pattern, false);
  }

  public static GlobPattern ignoringCase(byte[] pattern) {
    return new GlobPattern(pattern, true);
  }

  /** True when the pattern is {@code *}, which matches everything (callers may skip matching). */
  public boolean matchesAll() {
    return pattern.length == 1 && pattern[0] == '*';
  }

  public boolean matches(byte[] text) {
    boolean[] skipLongerMatches = {false};
    return match(0, text, 0, skipLongerMatches, 0);
  }

  private boolean match(int p, byte[] s, int i, boolean[] skipLongerMatches, int nesting) {
    if (nesting > MAX_NESTING) {
      return false;
    }
    while (p < pattern.length && i < s.length) {
      switch (pattern[p]) {
        case '*' -> {
          while (p + 1 < pattern.length && pattern[p + 1] == '*') {
            p++;
          }
          if (p + 1 == pattern.length) {
            return true;
          }
          while (i < s.length) {
            if (match(p + 1, s, i, skipLongerMatches, nesting + 1)) {
              return true;
            }
            if (skipLongerMatches[0]) {
              return false;
            }
            i++;
          }
          skipLongerMatches[0] = true;
          return false;
        }
        case '?' -> i++;
        case '[' -> {
          p++;
          boolean not = p < pattern.length && pattern[p] == '^';
          if (not) {
            p++;
          }
          boolean matched = false;
          while (true) {
            if (p >= pattern.length) {
              p--; // a missing ']' ends the class at the end of the pattern
              break;
            }
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
              p++;
              if (pattern[p] == s[i]) {
                matched = true;
              }
            } else if (pattern[p] == ']') {
              break;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-') {
              int start = fold(pattern[p]);
              int end = fold(pattern[p + 2]);
              int c = fold(s[i]);
              if (start > end) {
                int t = start;
                start = end;
                end = t;
              }
              p += 2;
              if (c >= start && c <= end) {
                matched = true;
              }
            } else if (fold(pattern[p]) == fold(s[i])) {
              matched = true;
            }
            p++;
          }
          if (not) {
            matched = !matched;
          }
          if (!matched) {
            return false;
          }
          i++;
        }
        case '\\' -> {
          if (p + 1 < pattern.length) {
            p++;
          }
          if (fold(pattern[p]) != fold(s[i])) {
            return false;
          }
          i++;
        }
        default -> {
          if (fold(pattern[p]) != fold(s[i])) {
            return false;
          }
          i++;
        }
      }
      p++;
      if (i == s.length) {
        while (p < pattern.length && pattern[p] == '*') {
          p++;
        }
        break;
      }
    }
    return p == pattern.length && i == s.length;
  }

  private int fold(byte b) {
    int c = b & 0xff;
    return ignoreCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
