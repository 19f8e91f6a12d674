package io.larder.server.differential;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A differential test script: commands run against both real Redis and Larder, whose replies must
 * match. One step per line:
 *
 * <pre>
 * # comment (only at line start); blank lines ignored
 * SET key "a value"          a command, words split like redis-cli; exact reply bytes must match
 * !unordered HGETALL h       compare top-level elements as a multiset (maps: key/value pairs)
 * !type TTL k                compare only the reply's RESP type (its first byte)
 * !resp3                     switch both connections to RESP3 (HELLO 3); !resp2 switches back
 * !sleep 1100                pause N milliseconds
 * !noauth PING               run this command on a fresh unauthenticated connection
 * !raw "*1000000000000\r\n"  send raw bytes on a fresh authenticated connection; compare all
 *                            received until the server closes or 500 ms pass quietly
 * </pre>
 *
 * <p>Words are split as redis-cli splits them: "double quotes" take {@code \n \r \t \b \a \xHH} and
 * a backslash before any other character; 'single quotes' take only {@code \'}. {@code !noauth}
 * combines with {@code !unordered} or {@code !type} (e.g. {@code !noauth !type HELLO 3}).
 */
record DifferentialScript(String name, List<Step> steps) {

  /** What a step does. */
  enum Action {
    COMMAND,
    RAW,
    RESP3,
    RESP2,
    SLEEP
  }

  /** How a command step is run or compared. */
  enum Modifier {
    UNORDERED,
    TYPE,
    NOAUTH
  }

  /**
   * One line of a script. For COMMAND, words are the command; for RAW, words holds the one byte
   * string to send; for SLEEP, millis is the pause.
   */
  record Step(
      int line,
      String text,
      Action action,
      Set<Modifier> modifiers,
      List<byte[]> words,
      long millis) {

    /** The bytes a RAW step sends. */
    byte[] raw() {
      return words.get(0);
    }

    boolean has(Modifier modifier) {
      return modifiers.contains(modifier);
    }
  }

  /** Parses a script; errors name the script and the line. */
  static DifferentialScript parse(String name, String text) {
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        steps.add(parseStep(i + 1, line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new DifferentialScript(name, List.copyOf(steps));
  }

  private static Step parseStep(int lineNumber, String line) {
    List<byte[]> words = splitWords(line);
    Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
    int first = 0;
    while (first < words.size() && text(words.get(first)).startsWith("!")) {
      String directive = text(words.get(first));
      List<byte[]> rest = words.subList(first + 1, words.size());
      switch (directive) {
        case "!unordered" -> modifiers.add(Modifier.UNORDERED);
        case "!type" -> modifiers.add(Modifier.TYPE);
        case "!noauth" -> modifiers.add(Modifier.NOAUTH);
        case "!resp3", "!resp2" -> {
          requireFirst(directive, first);
          requireArguments(directive, rest.size(), 0);
          Action action = directive.equals("!resp3") ? Action.RESP3 : Action.RESP2;
          return new Step(lineNumber, line, action, Set.of(), List.of(), 0);
        }
        case "!sleep" -> {
          requireFirst(directive, first);
          requireArguments(directive, rest.size(), 1);
          return new Step(lineNumber, line, Action.SLEEP, Set.of(), List.of(), millis(rest));
        }
        case "!raw" -> {
          if (!EnumSet.of(Modifier.NOAUTH).containsAll(modifiers)) {
            throw new IllegalArgumentException("!raw combines only with !noauth");
          }
          requireArguments(directive, rest.size(), 1);
          return new Step(
              lineNumber, line, Action.RAW, Set.copyOf(modifiers), List.copyOf(rest), 0);
        }
        default -> throw new IllegalArgumentException("unknown directive " + directive);
      }
      first++;
    }
    if (modifiers.contains(Modifier.UNORDERED) && modifiers.contains(Modifier.TYPE)) {
      throw new IllegalArgumentException("!unordered and !type do not combine");
    }
    if (first == words.size()) {
      throw new IllegalArgumentException("a directive needs a command after it");
    }
    List<byte[]> command = List.copyOf(words.subList(first, words.size()));
    return new Step(lineNumber, line, Action.COMMAND, Set.copyOf(modifiers), command, 0);
  }

  private static void requireFirst(String directive, int position) {
    if (position != 0) {
      throw new IllegalArgumentException(directive + " does not combine with other directives");
    }
  }

  private static void requireArguments(String directive, int arguments, int expected) {
    if (arguments != expected) {
      throw new IllegalArgumentException(
          directive + " takes " + (expected == 0 ? "no argument" : "one argument"));
    }
  }

  private static long millis(List<byte[]> rest) {
    try {
      long millis = Long.parseLong(text(rest.get(0)));
      if (millis < 0) {
        throw new NumberFormatException();
      }
      return millis;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("!sleep needs a number of milliseconds");
    }
  }

  /**
   * Splits a line into words like redis-cli (Redis's {@code sdssplitargs}): a closing quote must
   * end its word.
   */
  static List<byte[]> splitWords(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    List<byte[]> words = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < bytes.length && Character.isWhitespace(bytes[i])) {
        i++;
      }
      if (i == bytes.length) {
        return words;
      }
      ByteArrayOutputStream word = new ByteArrayOutputStream();
      while (i < bytes.length && !Character.isWhitespace(bytes[i])) {
        byte c = bytes[i];
        if (c == '"' || c == '\'') {
          i = quoted(bytes, i, word);
        } else {
          word.write(c);
          i++;
        }
      }
      words.add(word.toByteArray());
    }
  }

  /** Reads a quoted string starting at the quote at start; returns the index after it. */
  private static int quoted(byte[] bytes, int start, ByteArrayOutputStream word) {
    byte quote = bytes[start];
    int i = start + 1;
    while (i < bytes.length && bytes[i] != quote) {
      if (bytes[i] == '\\' && i + 1 < bytes.length) {
        i = quote == '"' ? escape(bytes, i, word) : singleQuoteEscape(bytes, i, word);
      } else {
        word.write(bytes[i++]);
      }
    }
    if (i == bytes.length) {
      throw new IllegalArgumentException("unbalanced quotes");
    }
    i++;
    if (i < bytes.length && !Character.isWhitespace(bytes[i])) {
      throw new IllegalArgumentException("a closing quote must be followed by a space");
    }
    return i;
  }

  private static int escape(byte[] bytes, int i, ByteArrayOutputStream word) {
    byte next = bytes[i + 1];
    if (next == 'x' && i + 3 < bytes.length && isHex(bytes[i + 2]) && isHex(bytes[i + 3])) {
      word.write(Character.digit(bytes[i + 2], 16) * 16 + Character.digit(bytes[i + 3], 16));
      return i + 4;
    }
    word.write(
        switch (next) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'b' -> '\b';
          case 'a' -> 7;
          default -> next;
        });
    return i + 2;
  }

  private static int singleQuoteEscape(byte[] bytes, int i, ByteArrayOutputStream word) {
    if (bytes[i + 1] == '\'') {
      word.write('\'');
      return i + 2;
    }
    word.write('\\');
    return i + 1;
  }

  private static boolean isHex(byte c) {
    return Character.digit(c, 16) >= 0;
  }

  static String text(byte[] word) {
    return new String(word, StandardCharsets.UTF_8);
  }
}
