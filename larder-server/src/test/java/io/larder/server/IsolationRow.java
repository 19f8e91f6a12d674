package io.larder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.command.CommandRegistry;
import io.larder.server.command.CommandSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of the tenant isolation matrix: a command family, the commands the row exercises, and
 * what it does with two caches, A ({@code default}) and B ({@code other}), that hold the same key
 * names with different values (see {@link IsolationContext}).
 *
 * @param family the command family, as in {@code io.larder.server.command.*Commands}
 * @param commands the commands (registry names, {@code container|sub} for subcommands) the row must
 *     send; the matrix checks that it really did
 * @param description what the row shows, for the test's display name
 * @param body the row itself
 */
record IsolationRow(String family, List<String> commands, String description, Body body) {

  private static final CommandRegistry REGISTRY = LarderServer.commandRegistry();

  /** What a row does. */
  @FunctionalInterface
  interface Body {
    void run(IsolationContext caches) throws Exception;
  }

  /** A check of one reply. */
  @FunctionalInterface
  interface Expect {
    void check(Object reply);
  }

  /** A row written out in full. */
  static IsolationRow row(String family, String description, List<String> commands, Body body) {
    return new IsolationRow(family, commands, description, body);
  }

  /**
   * The common row of data commands: the same command line runs in A, then in B, each answering
   * from its own data; A's run leaves B's whole contents as they were, and B's run leaves A's.
   */
  static IsolationRow inBoth(String family, String line, Expect inA, Expect inB) {
    Object[] args = words(line);
    return row(
        family,
        line + " answers from each cache's own data and changes nothing in the other",
        List.of(commandName(args)),
        caches -> {
          Map<String, String> before = caches.contentsB();
          inA.check(caches.a.call(args));
          assertThat(caches.contentsB()).as("B after A ran " + line).isEqualTo(before);
          Map<String, String> afterA = caches.contentsA();
          inB.check(caches.b.call(args));
          assertThat(caches.contentsA()).as("A after B ran " + line).isEqualTo(afterA);
        });
  }

  @Override
  public String toString() {
    return "[" + family + "] " + description;
  }

  /** A command line split on spaces (the matrix's arguments have none). */
  static Object[] words(String line) {
    return line.split(" ");
  }

  /**
   * The registry's name of the command args runs: lower case, {@code container|sub} for a
   * subcommand; unknown commands keep their own name.
   */
  static String commandName(Object[] args) {
    String name = String.valueOf(args[0]);
    CommandSpec spec = REGISTRY.lookup(name);
    if (spec == null) {
      return name.toLowerCase(Locale.ROOT);
    }
    if (!spec.subcommands().isEmpty() && args.length >= 2) {
      CommandSpec sub = spec.subcommand(String.valueOf(args[1]));
      if (sub != null) {
        return sub.name();
      }
    }
    return spec.name();
  }

  // ---- expectations ----

  /** The reply equals expected (ints are compared as RESP integers, longs). */
  static Expect is(Object expected) {
    Object wanted = expected instanceof Integer i ? Long.valueOf(i) : expected;
    return reply -> assertThat(reply).isEqualTo(wanted);
  }

  /** An array reply equal to these elements, nulls allowed. */
  static Expect array(Object... elements) {
    List<Object> wanted = new ArrayList<>();
    for (Object element : elements) {
      wanted.add(element instanceof Integer i ? Long.valueOf(i) : element);
    }
    return reply -> assertThat(reply).isEqualTo(wanted);
  }

  /** An array reply with exactly these elements in any order. */
  static Expect anyOrder(String... elements) {
    return reply -> assertThat(asList(reply)).containsExactlyInAnyOrder((Object[]) elements);
  }

  /** A flat field-value array reply (HGETALL) holding exactly these pairs in any order. */
  static Expect pairs(String... fieldsAndValues) {
    return reply ->
        assertThat(asMap(asList(reply))).isEqualTo(asMap(Arrays.asList(fieldsAndValues)));
  }

  /** An integer reply within [low, high]. */
  static Expect between(long low, long high) {
    return reply -> assertThat((Long) reply).isBetween(low, high);
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object reply) {
    assertThat(reply).isInstanceOf(List.class);
    return (List<Object>) reply;
  }

  /** A flat list of alternating keys and values as a map (insertion order). */
  static Map<Object, Object> asMap(List<?> flat) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(flat.get(i), flat.get(i + 1));
    }
    return map;
  }
}
