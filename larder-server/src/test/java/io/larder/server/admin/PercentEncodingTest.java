package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {
  @Test
  void encode_thenDecode_givesTheSameBytes() {
    byte[] bytes = {'a', '/', ' ', '%', (byte) 0xff, 0, '~'};

    String encoded = PercentEncoding.encode(bytes);

    assertThat(encoded).isEqualTo("a%2F%20%25%FF%00~");
    assertThat(PercentEncoding.decode(encoded)).isEqualTo(bytes);
  }

  @Test
  void decode_lowercaseHexAndUtf8Text_areAccepted() {
    assertThat(PercentEncoding.decodeText("caf%c3%a9+é")).isEqualTo("café+é");
  }

  @Test
  void decode_brokenEscape_isABadRequest() {
    assertThatThrownBy(() -> PercentEncoding.decode("a%2")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> PercentEncoding.decode("a%zz")).isInstanceOf(ApiException.class);
  }
}
