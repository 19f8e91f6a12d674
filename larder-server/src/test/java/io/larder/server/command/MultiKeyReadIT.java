package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RespClient;
import io.larder.server.testing.TestServer;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads that name several keys (MGET, EXISTS, TOUCH) while another client keeps making multi-key
 * writes (MSET, MSETNX, DEL of several keys, RENAME, MULTI/EXEC): each read sees every write whole
 * or not at all, as in single-threaded Redis. Each test is a {@link ReadRace}.
 */
class MultiKeyReadIT {
  @RegisterExtension static final TestServer server = TestServer.perClass();

  @BeforeEach
  void emptyKeyspace() {
    server.server().tenants().get("default").keyspace().clear();
  }

  @Test
  void mget_concurrentMset_seesBothKeysFromTheSameMset() throws Exception {
    race(
        (writer, n) -> writer.call("MSET", "a", n, "b", n),
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return Objects.equals(values.get(0), values.get(1)) ? values.get(0) : null;
        });
  }

  @Test
  void mget_concurrentTransactions_seesBothKeysFromTheSameExec() throws Exception {
    race(
        (writer, n) -> {
          writer.send("MULTI");
          writer.send("SET", "a", n);
          writer.send("SET", "b", n);
          writer.send("EXEC");
          for (int r = 0; r < 3; r++) {
            writer.read();
          }
          assertThat(writer.read()).isEqualTo(List.of("OK", "OK"));
        },
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return Objects.equals(values.get(0), values.get(1)) ? values.get(0) : null;
        });
  }

  /** MSETNX creates both keys, DEL of both removes both: EXISTS and TOUCH count 0 or 2. */
  @Test
  void existsAndTouch_concurrentMsetnxAndDel_countNoneOrBoth() throws Exception {
    race(
        (writer, n) -> {
          assertThat(writer.call("MSETNX", "a", n, "b", n)).isEqualTo(1L);
          assertThat(writer.call("DEL", "a", "b")).isEqualTo(2L);
        },
        (reader, i) -> {
          Object count = reader.call(i % 2 == 0 ? "EXISTS" : "TOUCH", "a", "b");
          return count.equals(0L) || count.equals(2L) ? count : null;
        });
  }

  /** RENAME moves the one value between a and b: MGET finds it in exactly one of them. */
  @Test
  void mget_concurrentRenames_findsTheValueInExactlyOneKey() throws Exception {
    race(
        (writer, n) -> {
          if (n == 1) {
            writer.call("SET", "a", "v");
          }
          writer.call("RENAME", n % 2 == 1 ? "a" : "b", n % 2 == 1 ? "b" : "a");
        },
        (reader, i) -> {
          List<?> values = (List<?>) reader.call("MGET", "a", "b");
          return (values.get(0) == null) != (values.get(1) == null) ? values : null;
        });
  }

  private static void race(
      BiConsumer<RespClient, Long> write, BiFunction<RespClient, Integer, Object> read)
      throws Exception {
    ReadRace.run(server, write, read);
  }
}
