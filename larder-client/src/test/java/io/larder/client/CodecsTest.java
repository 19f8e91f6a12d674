package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CodecsTest {
  record Item(String name, int count) {}

  @Test
  void strings_unicode_roundTripsAsUtf8() {
    Codec<String> codec = Codecs.strings();
    byte[] bytes = codec.encode("smörgås ✓ 🍞");
    assertThat(bytes).isEqualTo("smörgås ✓ 🍞".getBytes(StandardCharsets.UTF_8));
    assertThat(codec.decode(bytes)).isEqualTo("smörgås ✓ 🍞");
  }

  @Test
  void bytes_anyBytes_storedAsTheyAre() {
    byte[] value = {0, -1, 13, 10, 127};
    assertThat(Codecs.bytes().encode(value)).isSameAs(value);
    assertThat(Codecs.bytes().decode(value)).isSameAs(value);
  }

  @Test
  void json_record_roundTrips() {
    Codec<Item> codec = Codecs.json(Item.class);
    byte[] bytes = codec.encode(new Item("tea", 3));
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"tea\",\"count\":3}");
    assertThat(codec.decode(bytes)).isEqualTo(new Item("tea", 3));
  }

  @Test
  void json_typeReference_roundTripsGenericType() {
    Codec<List<Item>> codec = Codecs.json(new TypeReference<List<Item>>() {});
    List<Item> items = List.of(new Item("a", 1), new Item("b", 2));
    assertThat(codec.decode(codec.encode(items))).isEqualTo(items);
  }

  @Test
  void json_unknownProperty_isIgnored() {
    byte[] newer = "{\"name\":\"tea\",\"count\":3,\"addedLater\":true}".getBytes();
    assertThat(Codecs.json(Item.class).decode(newer)).isEqualTo(new Item("tea", 3));
  }

  @Test
  void json_malformedBytes_throwsCodecException() {
    Codec<Item> codec = Codecs.json(Item.class);
    assertThatThrownBy(() -> codec.decode("{not json".getBytes()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot decode JSON as");
  }

  @Test
  void json_name_namesTheType() {
    assertThat(Codecs.json(Item.class).name()).contains("Item");
  }

  @Test
  void map_conversion_roundTripsThroughInnerCodec() {
    Codec<UUID> codec = Codecs.strings().map(UUID::toString, UUID::fromString);
    UUID id = UUID.randomUUID();
    assertThat(new String(codec.encode(id), StandardCharsets.UTF_8)).isEqualTo(id.toString());
    assertThat(codec.decode(codec.encode(id))).isEqualTo(id);
  }

  @Test
  void map_conversionThrows_throwsCodecException() {
    Codec<UUID> codec = Codecs.strings().map(UUID::toString, UUID::fromString);
    assertThatThrownBy(() -> codec.decode("not a uuid".getBytes()))
        .isInstanceOf(CodecException.class)
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }
}
