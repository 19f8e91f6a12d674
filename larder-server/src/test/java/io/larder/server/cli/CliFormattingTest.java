package io.larder.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Human sizes and durations, key masking, tables and the cache fields. */
class CliFormattingTest {
  private final ObjectMapper json = new ObjectMapper();
  private final CacheOutput output = new CacheOutput(json);

  @Test
  void bytes_belowOneKilobyte_isWholeBytes() {
    assertThat(HumanUnits.bytes(0)).isEqualTo("0 B");
    assertThat(HumanUnits.bytes(1023)).isEqualTo("1023 B");
  }

  @Test
  void bytes_larger_isTheLargestUnitWithOneDecimalDroppedWhenZero() {
    assertThat(HumanUnits.bytes(1024)).isEqualTo("1 KB");
    assertThat(HumanUnits.bytes(1536)).isEqualTo("1.5 KB");
    assertThat(HumanUnits.bytes(256L << 20)).isEqualTo("256 MB");
    assertThat(HumanUnits.bytes(3L << 29)).isEqualTo("1.5 GB");
    assertThat(HumanUnits.bytes(5L << 40)).isEqualTo("5 TB");
    assertThat(HumanUnits.bytes(5L << 50)).isEqualTo("5120 TB");
  }

  @Test
  void bytes_roundingUpToTheNextUnit_printsTheNextUnit() {
    assertThat(HumanUnits.bytes((1L << 20) - 1)).isEqualTo("1 MB");
    assertThat(HumanUnits.bytes((1L << 20) - 60)).isEqualTo("1023.9 KB");
  }

  @Test
  void seconds_isTheLargestUnitsThatAddUp() {
    assertThat(HumanUnits.seconds(0)).isEqualTo("0s");
    assertThat(HumanUnits.seconds(45)).isEqualTo("45s");
    assertThat(HumanUnits.seconds(1800)).isEqualTo("30m");
    assertThat(HumanUnits.seconds(5400)).isEqualTo("1h30m");
    assertThat(HumanUnits.seconds(86_400 + 1)).isEqualTo("1d1s");
  }

  @Test
  void connectionString_withPassword_masksOnlyThePassword() {
    assertThat(KeyMask.connectionString("redis://shop:s3cr3t@127.0.0.1:6380"))
        .isEqualTo("redis://shop:****@127.0.0.1:6380");
    assertThat(KeyMask.connectionString("rediss://:s3cr3t@[::1]:6380/0"))
        .isEqualTo("rediss://:****@[::1]:6380/0");
  }

  @Test
  void connectionString_withoutPassword_isUnchanged() {
    assertThat(KeyMask.connectionString("redis://127.0.0.1:6380"))
        .isEqualTo("redis://127.0.0.1:6380");
    assertThat(KeyMask.connectionString("redis://shop@127.0.0.1:6380"))
        .isEqualTo("redis://shop@127.0.0.1:6380");
    assertThat(KeyMask.connectionString("-")).isEqualTo("-");
  }

  @Test
  void render_columnsAsWideAsTheirWidestCell_withoutTrailingSpaces() {
    String table =
        new TableFormatter("NAME", "KEYS", "NOTE")
            .row("default", "1", "")
            .row("a", "1234", "x")
            .render();

    assertThat(table).isEqualTo("NAME     KEYS  NOTE\ndefault  1\na        1234  x\n");
  }

  @Test
  void row_wrongNumberOfCells_isRefused() {
    assertThatThrownBy(() -> new TableFormatter("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void show_noQuotaNoTtlAndMissingFields_saysSoInsteadOfFailing() throws IOException {
    JsonNode cache =
        json.readTree(
            "{\"name\":\"bare\",\"memoryQuota\":null,\"defaultTtlSeconds\":null,"
                + "\"stats\":{\"usedMemory\":0}}");

    String text = output.show(cache, false);

    assertThat(text)
        .contains("Name:               bare\n")
        .contains("Status:             -\n")
        .contains("Memory:             0 B used of no limit\n")
        .contains("Default TTL:        none\n")
        .contains("Persistence:        -\n");
  }

  @Test
  void json_printsTwoSpaceIndentedJsonLikeJq() throws IOException {
    String text = output.json(json.readTree("{\"caches\":[{\"name\":\"a\"}],\"n\":1}"));

    assertThat(text)
        .isEqualTo(
            "{\n  \"caches\": [\n    {\n      \"name\": \"a\"\n    }\n  ],\n  \"n\": 1\n}\n");
  }
}
