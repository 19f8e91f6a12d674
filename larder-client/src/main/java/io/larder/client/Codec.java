package io.larder.client;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns values into the bytes a cache stores, and stored bytes back into values.
 *
 * <p>Implementations are thread-safe and never see {@code null}: the cache rejects null values
 * before encoding and reports absent entries without decoding. Failures are reported as {@link
 * CodecException}, naming the class or the reason, never with the value's contents (it may be
 * personal data). {@link Codecs} has the ready-made codecs; write one only for a format of your
 * own.
 *
 * @param <V> the type of the values
 */
public interface Codec<V> {

  /** The bytes to store for {@code value}; throws {@link CodecException} if it cannot be stored. */
  byte[] encode(V value);

  /** The value stored as {@code bytes}; throws {@link CodecException} if they do not decode. */
  V decode(byte[] bytes);

  /** A short description for messages and logs, such as {@code json(Cart)}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * A codec for another type that converts to and from this codec's type, e.g. {@code
   * Codecs.strings().map(UUID::toString, UUID::fromString)}. A conversion that throws is reported
   * as {@link CodecException}.
   */
  default <W> Codec<W> map(
      Function<? super W, ? extends V> toThis, Function<? super V, ? extends W> fromThis) {
    Objects.requireNonNull(toThis, "toThis");
    Objects.requireNonNull(fromThis, "fromThis");
    Codec<V> inner = this;
    return new Codec<>() {
      @Override
      public byte[] encode(W value) {
        return inner.encode(convert(toThis, value, "encode"));
      }

      @Override
      public W decode(byte[] bytes) {
        return convert(fromThis, inner.decode(bytes), "decode");
      }

      @Override
      public String name() {
        return "map(" + inner.name() + ")";
      }

      private <A, B> B convert(Function<? super A, ? extends B> function, A value, String what) {
        try {
          return function.apply(value);
        } catch (CodecException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new CodecException(
              "cannot " + what + " with " + name() + ": the conversion failed: " + e, e);
        }
      }
    };
  }
}
