package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads of one hash while another client keeps changing several of its fields with one command
 * (HSET of several fields, HDEL of several fields): each read sees a command whole or not at all,
 * as a single command is atomic in Redis. Spring Session stores a session with one HSET and loads
 * it with HGETALL, so a torn read there is a session mixing two requests' attributes. Each test is
 * a {@link ReadRace}.
 */
class HashReadIT {
  private static final List<String> FIELDS = List.of("a", "b", "c");

  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void emptyKeyspace() {
    server.server().tenants().get("default").keyspace().clear();
  }

  /** The hash is a, b and c all set to n by the same HSET: every read sees one n throughout. */
  @Test
  void hashReads_concurrentHsetOfSeveralFields_seeEveryFieldFromTheSameHset() throws Exception {
    ReadRace.run(
        server,
        (writer, n) -> writer.call("HSET", "h", "a", n, "b", n, "c", n),
        (reader, i) ->
            switch (i % 5) {
              case 0 -> sameValue(valuesOf((List<?>) reader.call("HGETALL", "h")), 3);
              case 1 -> sameValue((List<?>) reader.call("HMGET", "h", "a", "b", "c"), 3);
              case 2 -> sameValue((List<?>) reader.call("HVALS", "h"), 3);
              case 3 -> {
                List<?> page = (List<?>) reader.call("HSCAN", "h", "0");
                yield sameValue(valuesOf((List<?>) page.get(1)), 3);
              }
              default ->
                  sameValue(
                      valuesOf((List<?>) reader.call("HRANDFIELD", "h", "3", "WITHVALUES")), 3);
            });
  }

  /**
   * One field at a time, HSET gives the hash a, then b, then c; one HDEL takes all three. Between
   * the HSETs a read may see a prefix of a, b, c, but never b or c without a: that would be an HDEL
   * half applied (it removes a first).
   */
  @Test
  void hashReads_concurrentHdelOfSeveralFields_seeNoneOrAllOfThemRemoved() throws Exception {
    ReadRace.run(
        server,
        (writer, n) -> {
          if (n == 1) {
            assertThat(writer.call("HSET", "h", "keep", "k")).isEqualTo(1L);
          }
          for (String field : FIELDS) {
            assertThat(writer.call("HSET", "h", field, n)).isEqualTo(1L);
          }
          assertThat(writer.call("HDEL", "h", "a", "b", "c")).isEqualTo(3L);
        },
        (reader, i) ->
            switch (i % 3) {
              case 0 -> {
                List<?> pairs = (List<?>) reader.call("HGETALL", "h");
                List<Object> present = new ArrayList<>();
                for (String field : FIELDS) {
                  int at = pairs.indexOf(field);
                  present.add(at < 0 ? null : pairs.get(at + 1));
                }
                yield prefixCount(present);
              }
              case 1 -> prefixCount((List<?>) reader.call("HMGET", "h", "a", "b", "c"));
              default -> {
                List<?> fields = (List<?>) reader.call("HKEYS", "h");
                List<Object> present = new ArrayList<>();
                for (String field : FIELDS) {
                  present.add(fields.contains(field) ? field : null);
                }
                yield prefixCount(present);
              }
            });
  }

  /** Every other element, starting with the second: the values of a flat field-value list. */
  private static List<Object> valuesOf(List<?> pairs) {
    List<Object> values = new ArrayList<>();
    for (int i = 1; i < pairs.size(); i += 2) {
      values.add(pairs.get(i));
    }
    return values;
  }

  /** The one value all of values hold, or null when they differ or there are not size of them. */
  private static Object sameValue(List<?> values, int size) {
    if (values.size() != size || values.contains(null)) {
      return null;
    }
    return values.stream().distinct().count() == 1 ? values.get(0) : null;
  }

  /**
   * How many of a, b, c are present (non-null), or null unless those present come first, with no
   * gap.
   */
  private static Object prefixCount(List<?> values) {
    int count = (int) values.stream().filter(Objects::nonNull).count();
    for (int i = 0; i < count; i++) {
      if (values.get(i) == null) {
        return null;
      }
    }
    return count;
  }
}
