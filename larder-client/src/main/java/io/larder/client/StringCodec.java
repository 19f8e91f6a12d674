package io.larder.client;

import java.nio.charset.StandardCharsets;

/** UTF-8 text. Malformed input decodes with replacement characters, as {@link String} does. */
final class StringCodec implements Codec<String> {
  @Override
  public byte[] encode(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return "strings";
  }
}
