package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytePreviewTest {
  private static ObjectNode preview(String text, int limit) {
    return BytePreview.of(text.getBytes(StandardCharsets.UTF_8), limit);
  }

  @Test
  void of_utf8Text_isShownAsIs() {
    ObjectNode node = preview("<img src=x onerror=alert(1)>\tzoë\r\n", 100);

    assertThat(node.get("text").asText()).isEqualTo("<img src=x onerror=alert(1)>\tzoë\r\n");
    assertThat(node.get("binary").asBoolean()).isFalse();
    assertThat(node.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void of_invalidUtf8_isEscapedAndMarkedBinary() {
    ObjectNode node = BytePreview.of(new byte[] {'a', (byte) 0xff, '\\', '\n', 0x7f}, 100);

    assertThat(node.get("text").asText()).isEqualTo("a\\xff\\\\\\n\\x7f");
    assertThat(node.get("binary").asBoolean()).isTrue();
    assertThat(node.get("bytes").asInt()).isEqualTo(5);
  }

  @Test
  void of_controlCharacterInValidUtf8_isBinary() {
    assertThat(preview("bell\u0007", 100).get("binary").asBoolean()).isTrue();
  }

  @Test
  void of_overTheLimit_isCutBeforeASplitCharacter() {
    ObjectNode node = preview("abcé", 4);

    assertThat(node.get("text").asText()).isEqualTo("abc");
    assertThat(node.get("binary").asBoolean()).isFalse();
    assertThat(node.get("truncated").asBoolean()).isTrue();
    assertThat(node.get("bytes").asInt()).isEqualTo(5);
  }

  @Test
  void of_binaryOverTheLimit_escapesOnlyTheLimit() {
    ObjectNode node = BytePreview.of(new byte[] {0, 1, 2, 3}, 2);

    assertThat(node.get("text").asText()).isEqualTo("\\x00\\x01");
    assertThat(node.get("truncated").asBoolean()).isTrue();
  }
}
