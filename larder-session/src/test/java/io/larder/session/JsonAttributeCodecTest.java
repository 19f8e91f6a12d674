package io.larder.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.client.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonAttributeCodecTest {
  public static final class Profile {
    public String name;
    public int visits;
  }

  public static final class NoDefaultConstructor {
    public final String value;

    public NoDefaultConstructor(String value) {
      this.value = value;
    }
  }

  private final JsonAttributeCodec codec =
      new JsonAttributeCodec(List.of(JsonAttributeCodecTest.class.getName() + "$*"));

  @Test
  void encodeDecode_allowedBean_keepsType() {
    Profile profile = new Profile();
    profile.name = "ada";
    profile.visits = 3;

    Object back = codec.decode(codec.encode(profile));

    assertThat(back).isInstanceOf(Profile.class);
    assertThat(((Profile) back).name).isEqualTo("ada");
    assertThat(((Profile) back).visits).isEqualTo(3);
  }

  @Test
  void encode_storedForm_isClassAndValue() {
    String json = new String(codec.encode("hi"), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("[\"java.lang.String\",\"hi\"]");
  }

  @Test
  void decode_classOutsideAllowlist_refusedWithoutLoading() {
    byte[] bytes = "[\"com.evil.Gadget\",{}]".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("com.evil.Gadget")
        .hasMessageContaining("allowlist");
  }

  @Test
  void encode_classOutsideAllowlist_refused() {
    assertThatThrownBy(() -> codec.encode(new java.io.File("x")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("java.io.File");
  }

  @Test
  void encode_valueThatCannotBeReadBack_refused() {
    assertThatThrownBy(() -> codec.encode(new NoDefaultConstructor("x")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(NoDefaultConstructor.class.getName());
  }

  @Test
  void decode_notAnEnvelope_refused() {
    assertThatThrownBy(() -> codec.decode("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class);
  }
}
