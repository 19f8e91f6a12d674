package io.larder.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JDK serialization behind the allowlist: what it reads, and above all what it refuses. */
class SerializationCodecTest {
  /** An application class the tests allow. */
  record Cart(String owner, List<String> items, BigDecimal total, LocalDate day)
      implements Serializable {}

  /** A class outside the allowlist that records any sign of being brought to life. */
  static final class Tripwire implements Comparator<Object>, Serializable {
    static final AtomicInteger TRIGGERED = new AtomicInteger();
    private static final long serialVersionUID = 1L;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      TRIGGERED.incrementAndGet();
      in.defaultReadObject();
    }

    @Override
    public int compare(Object a, Object b) {
      TRIGGERED.incrementAndGet();
      return 0;
    }
  }

  /** Allowed and serializable, but not a Cart. */
  record Other(int n) implements Serializable {}

  static final class NotSerializable {}

  private static final String CART = Cart.class.getName();

  @BeforeEach
  void resetTripwire() {
    Tripwire.TRIGGERED.set(0);
  }

  private static byte[] serializeWithoutChecks(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void java_allowedClassWithJdkValues_roundTrips() {
    Codec<Cart> codec = Codecs.java(Cart.class, CART);
    Cart cart =
        new Cart("ada", new ArrayList<>(List.of("tea")), new BigDecimal("9.50"), LocalDate.now());
    assertThat(codec.decode(codec.encode(cart))).isEqualTo(cart);
  }

  @Test
  void java_jdkCollectionsTimeAndArrays_roundTrip() {
    Codec<Object> codec = Codecs.java();
    Map<String, Object> value = new HashMap<>();
    value.put("when", Instant.parse("2026-01-02T03:04:05Z"));
    value.put("list", List.of(1, 2L, "three"));
    value.put("bytes", new byte[] {1, 2, 3});
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) codec.decode(codec.encode(value));
    assertThat(back.get("when")).isEqualTo(value.get("when"));
    assertThat(back.get("list")).isEqualTo(value.get("list"));
    assertThat((byte[]) back.get("bytes")).containsExactly(1, 2, 3);
  }

  @Test
  void decode_classOutsideAllowlist_refusedBeforeItsCodeRuns() {
    byte[] gadget = serializeWithoutChecks(new Tripwire());
    Codec<Object> codec = Codecs.java(CART);
    assertThatThrownBy(() -> codec.decode(gadget))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("refused to deserialize class " + Tripwire.class.getName());
    assertThat(Tripwire.TRIGGERED).hasValue(0);
  }

  @Test
  void decode_priorityQueueWithForeignComparator_refusedWithoutComparing() {
    // The shape of the classic gadget chains: an allowed JDK collection whose readObject calls
    // into an attacker-chosen class (here: the comparator, while re-heapifying the queue).
    PriorityQueue<Object> queue = new PriorityQueue<>(new Tripwire());
    queue.add(1);
    queue.add(2);
    byte[] gadget = serializeWithoutChecks(queue);
    Tripwire.TRIGGERED.set(0);
    Codec<Object> codec = Codecs.java(CART);
    assertThatThrownBy(() -> codec.decode(gadget))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(Tripwire.class.getName());
    assertThat(Tripwire.TRIGGERED).hasValue(0);
  }

  @Test
  void decode_urlInsideAllowedMap_refused() {
    // java.net.URL is the DNS-lookup gadget (URLDNS); java.net is not among the JDK value classes
    Map<Object, Object> map = new HashMap<>();
    try {
      map.put(new java.net.URL("http://127.0.0.1/"), 1); // an address: hashing it looks nothing up
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    byte[] gadget = serializeWithoutChecks(map);
    assertThatThrownBy(() -> Codecs.java().decode(gadget))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("java.net.URL");
  }

  @Test
  void decode_customFilterLeavingClassUndecided_refused() {
    // A filter that only rejects one class would let everything else through; the codec refuses
    // whatever the filter does not explicitly allow.
    ObjectInputFilter denylistOnly = ObjectInputFilter.Config.createFilter("!com.example.Evil");
    byte[] gadget = serializeWithoutChecks(new Tripwire());
    assertThatThrownBy(() -> Codecs.java(denylistOnly).decode(gadget))
        .isInstanceOf(CodecException.class);
    assertThat(Tripwire.TRIGGERED).hasValue(0);
  }

  @Test
  void decode_graphDeeperThanLimit_refused() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 0; i < 300; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    byte[] bytes = serializeWithoutChecks(deep);
    assertThatThrownBy(() -> Codecs.java().decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("over the limits");
  }

  @Test
  void decode_garbage_throwsCodecException() {
    assertThatThrownBy(() -> Codecs.java().decode(new byte[] {1, 2, 3}))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void decode_allowedValueOfOtherType_throwsCodecException() {
    byte[] other = Codecs.java(Other.class.getName()).encode(new Other(1));
    Codec<Cart> carts = Codecs.java(Cart.class, CART, Other.class.getName());
    assertThatThrownBy(() -> carts.decode(other))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not a " + CART);
  }

  @Test
  void encode_classOutsideAllowlist_refusedAtOnceNamingIt() {
    Codec<Object> codec = Codecs.java(CART);
    assertThatThrownBy(() -> codec.encode(List.of(new Tripwire())))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(Tripwire.class.getName())
        .hasMessageContaining("allowlist");
  }

  @Test
  void encode_notSerializable_throwsCodecExceptionNamingClass() {
    Codec<Object> codec = Codecs.java(NotSerializable.class.getName());
    assertThatThrownBy(() -> codec.encode(new NotSerializable()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(NotSerializable.class.getName())
        .hasMessageContaining("not Serializable");
  }

  @Test
  void allowlist_patternsThatWidenOrReject_refused() {
    for (String bad : new String[] {"*", "**", "!com.shop.*", "com.shop.*;*", "maxdepth=5", ""}) {
      assertThatThrownBy(() -> Codecs.java(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void allowlist_packagePatterns_accepted() {
    Codecs.java("com.shop.Cart", "com.shop.*", "com.shop.**", "com.shop.Cart$Line");
  }
}
