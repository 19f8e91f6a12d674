package io.larder.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON through a Jackson mapper, for one declared type. */
final class JsonCodec<T> implements Codec<T> {
  private final ObjectMapper mapper;
  private final JavaType type;

  JsonCodec(ObjectMapper mapper, JavaType type) {
    this.mapper = mapper;
    this.type = type;
  }

  @Override
  public byte[] encode(T value) {
    try {
      return mapper.writerFor(type).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CodecException(
          "cannot encode a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  @Override
  public T decode(byte[] bytes) {
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException e) {
      String reason =
          e instanceof JsonProcessingException json ? json.getOriginalMessage() : "" + e;
      throw new CodecException("cannot decode JSON as " + type.toCanonical() + ": " + reason, e);
    }
  }

  @Override
  public String name() {
    return "json(" + type.toCanonical() + ")";
  }
}
