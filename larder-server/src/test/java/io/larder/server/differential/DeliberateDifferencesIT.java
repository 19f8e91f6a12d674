package io.larder.server.differential;

import static org.assertj.core.api.Assertions.assertThat;

import io.larder.server.testing.RedisServer;
import io.larder.server.testing.RespClient;
import io.larder.server.testing.RespClient.Received;
import io.larder.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where Larder differs from Redis on purpose, both sides pinned, so the scripts can leave these out
 * and a change on either side is noticed.
 */
class DeliberateDifferencesIT {
  private static RedisServer redis;
  private static TestServer larder;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    larder = TestServer.start();
  }

  @AfterAll
  static void stop() {
    if (larder != null) {
      larder.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** Health checks need no key (ConnectionCommands). */
  @Test
  void pingBeforeAuth_redisRefuses_larderAnswers() {
    try (RespClient toRedis = redis.connect();
        RespClient toLarder = larder.connect()) {
      assertThat(toRedis.callRaw("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
      assertThat(toLarder.callRaw("PING")).isEqualTo("+PONG\r\n");
      assertThat(toLarder.callRaw("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
    }
  }

  /** A cache, not a database number, separates data (DESIGN.md D2). */
  @Test
  void selectOtherDatabase_redisSwitches_larderRefuses() {
    try (RespClient toRedis = redis.connectAuthenticated();
        RespClient toLarder = larder.connectAuthenticated()) {
      assertThat(toRedis.callRaw("SELECT", "1")).isEqualTo("+OK\r\n");
      assertThat(toLarder.callRaw("SELECT", "1")).isEqualTo("-ERR DB index is out of range\r\n");
    }
  }

  /** Redis allows up to 2^31-1 arguments; Larder's max-multibulk-len defaults to 1048576. */
  @Test
  void moreThanAMillionArguments_redisWaits_larderRefuses() {
    byte[] header = "*1048577\r\n".getBytes(StandardCharsets.US_ASCII);
    try (RespClient toRedis = redis.connectAuthenticated();
        RespClient toLarder = larder.connectAuthenticated()) {
      toRedis.sendBytes(header);
      toLarder.sendBytes(header);

      Received fromLarder = toLarder.readUntilClosedOrQuiet(10_000);
      assertThat(fromLarder.bytes()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
      assertThat(fromLarder.closed()).isTrue();
      assertThat(toRedis.readUntilClosedOrQuiet(500)).isEqualTo(new Received("", false));
    }
  }
}
