package io.larder.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.differential.DifferentialRunner.Endpoint;
import io.larder.server.differential.DifferentialRunner.Result;
import io.larder.server.engine.MemoryLimits;
import io.larder.server.testing.RedisServer;
import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code differential/*.redis} script (see {@link DifferentialScript}) against a real
 * redis-server and against Larder, one dynamic test per script, and fails a script with every step
 * whose replies differ: script, line, command, and both replies' bytes.
 */
class DifferentialIT {
  private static final String SCRIPTS = "differential";
  private static final Map<String, Result> RESULTS = new TreeMap<>();

  private static RedisServer redis;
  private static TestServer larder;
  private static DifferentialRunner runner;

  @BeforeAll
  static void start() {
    // Redis configured like a Larder cache with default settings: a 256 MiB quota, noeviction.
    redis = RedisServer.start("--maxmemory", Long.toString(MemoryLimits.DEFAULT.quotaBytes()));
    larder = TestServer.start();
    runner =
        new DifferentialRunner(
            new Endpoint("redis", redis::connect, redis::connectAuthenticated),
            new Endpoint("larder", larder::connect, larder::connectAuthenticated));
  }

  @AfterAll
  static void stop() {
    if (redis == null) {
      return; // redis-server is not installed: the tests were skipped
    }
    System.out.println("Differential run (redis-server " + redis.version() + " vs Larder):");
    RESULTS
        .values()
        .forEach(
            r ->
                System.out.printf(
                    "  %-24s %4d steps, %d mismatches%n",
                    r.script(), r.steps(), r.mismatches().size()));
    if (larder != null) {
      larder.close();
    }
    redis.close();
  }

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    Path directory = scriptDirectory();
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".redis"))
          .sorted()
          .toList()
          .stream()
          .map(
              file ->
                  DynamicTest.dynamicTest(
                      file.getFileName().toString(), file.toUri(), () -> runScript(file)));
    }
  }

  private static void runScript(Path file) throws IOException {
    String name = file.getFileName().toString();
    DifferentialScript script =
        DifferentialScript.parse(name, Files.readString(file, StandardCharsets.UTF_8));
    Result result = runner.run(script);
    synchronized (RESULTS) {
      RESULTS.put(name, result);
    }
    assertThat(result.mismatches())
        .withFailMessage(
            () ->
                result.mismatches().size()
                    + " of "
                    + result.steps()
                    + " steps differ from Redis:\n"
                    + String.join("\n", result.mismatches()))
        .isEmpty();
  }

  /** Inputs too big to write in a script, each sent as a {@code !raw} step would be. */
  @TestFactory
  Stream<DynamicTest> largeRawInputs() {
    Map<String, byte[]> inputs = new TreeMap<>();
    inputs.put("inline line of 70000 bytes without newline", repeat("", 'a', 70_000, ""));
    inputs.put("inline command of 60000 bytes", repeat("ECHO ", 'a', 60_000, "\r\n"));
    inputs.put("bulk header of 70000 bytes without CR", repeat("*1\r\n$", '1', 70_000, ""));
    inputs.put("multibulk header of 70000 bytes without CR", repeat("*", '1', 70_000, ""));
    inputs.put("70000 bytes where a bulk header belongs", repeat("*1\r\n", 'f', 70_000, ""));
    inputs.put("bulk string of 100000 bytes", bulkEcho(100_000));
    return inputs.entrySet().stream()
        .map(
            input ->
                DynamicTest.dynamicTest(
                    input.getKey(), () -> compareRaw(input.getKey(), input.getValue())));
  }

  private static void compareRaw(String name, byte[] input) {
    String difference = runner.compareRaw(input, true);
    assertThat(difference)
        .withFailMessage("%s: differs from Redis:%n%s", name, difference)
        .isNull();
  }

  private static byte[] repeat(String prefix, char filler, int count, String suffix) {
    return (prefix + String.valueOf(filler).repeat(count) + suffix)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bulkEcho(int length) {
    return repeat("*2\r\n$4\r\nECHO\r\n$" + length + "\r\n", 'x', length, "\r\n");
  }

  private static Path scriptDirectory() {
    URL url = DifferentialIT.class.getClassLoader().getResource(SCRIPTS);
    if (url == null || !url.getProtocol().equals("file")) {
      throw new IllegalStateException("test resources directory " + SCRIPTS + " not found: " + url);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
