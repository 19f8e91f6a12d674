package io.larder.examples.sessiondemo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The cart survives both of Larder's codecs: JDK serialization and JSON (Jackson). */
class CartTest {
  private static Cart cart() {
    Cart cart = new Cart();
    cart.add("apples");
    cart.add("pears");
    cart.add("apples");
    return cart;
  }

  @Test
  void jdkSerialization_keepsItemsAndOrder() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(cart());
    }
    Cart read;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      read = (Cart) in.readObject();
    }

    assertThat(read.getItems()).containsExactly(entry("apples", 2), entry("pears", 1));
  }

  @Test
  void json_keepsItemsAndOrder() throws Exception {
    ObjectMapper mapper = new ObjectMapper();

    Cart read = mapper.readValue(mapper.writeValueAsBytes(cart()), Cart.class);

    assertThat(read.getItems()).containsExactly(entry("apples", 2), entry("pears", 1));
    assertThat(read.count()).isEqualTo(3);
  }

  private static java.util.Map.Entry<String, Integer> entry(String item, int count) {
    return java.util.Map.entry(item, count);
  }
}
