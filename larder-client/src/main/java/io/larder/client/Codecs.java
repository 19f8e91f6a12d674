package io.larder.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ObjectInputFilter;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The ready-made codecs: UTF-8 strings, raw bytes, JSON (Jackson) and JDK serialization behind an
 * allowlist.
 *
 * <p>JDK serialization never reads a stream without an {@link ObjectInputFilter}, and a class the
 * filter does not explicitly allow is refused: reading bytes from a shared cache must not let
 * whoever wrote them instantiate arbitrary classes (the "deserialization gadget" attacks). The
 * allowlist is also checked when encoding, so a value that could never be read back fails when it
 * is stored, not later.
 */
public final class Codecs {
  /**
   * The JDK classes {@link #java(String...)} allows besides the application's own: the value types
   * of {@code java.lang}, the collections of {@code java.util} and {@code java.util.concurrent},
   * {@code java.time} and {@code java.math}. Not {@code java.net} ({@code URL} is a known gadget)
   * and nothing reflective ({@code java.lang.reflect}, {@code java.lang.invoke}).
   */
  public static final String JDK_VALUE_CLASSES =
      "java.lang.*;java.util.*;java.util.concurrent.*;java.util.concurrent.atomic.*;"
          + "java.time.*;java.math.*";

  /**
   * Limits {@link #java(String...)} adds: nesting deeper than this would come close to exhausting
   * the reading thread's stack (each level costs several frames), so it is refused first.
   */
  public static final String DEFAULT_LIMITS = "maxdepth=200";

  private static final Pattern CLASS_PATTERN =
      Pattern.compile("\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}.$]*\\*{0,2}");

  private static final ObjectMapper DEFAULT_MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final Codec<String> STRINGS = new StringCodec();
  private static final Codec<byte[]> BYTES = new BytesCodec();

  private Codecs() {}

  /** Strings as UTF-8: readable and writable by any Redis client ({@code redis-cli GET}). */
  public static Codec<String> strings() {
    return STRINGS;
  }

  /** Bytes stored as they are. Arrays are neither copied nor to be changed after a put. */
  public static Codec<byte[]> bytes() {
    return BYTES;
  }

  /**
   * JSON with a default Jackson mapper that ignores unknown properties, so entries written by an
   * older or newer version of a class still read. Never enable Jackson's default typing on a mapper
   * you pass here: it reopens the gadget attacks the allowlist of {@link #java} closes.
   */
  public static <T> Codec<T> json(Class<T> type) {
    return json(DEFAULT_MAPPER, type);
  }

  /** JSON for a generic type, e.g. {@code json(new TypeReference<List<Item>>() {})}. */
  public static <T> Codec<T> json(TypeReference<T> type) {
    return json(DEFAULT_MAPPER, type);
  }

  /** JSON with a mapper of your own (modules, naming strategy). */
  public static <T> Codec<T> json(ObjectMapper mapper, Class<T> type) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(type, "type");
    return new JsonCodec<>(mapper, mapper.constructType(type));
  }

  /** JSON for a generic type with a mapper of your own. */
  public static <T> Codec<T> json(ObjectMapper mapper, TypeReference<T> type) {
    Objects.requireNonNull(mapper, "mapper");
    Objects.requireNonNull(type, "type");
    return new JsonCodec<>(mapper, mapper.constructType(type));
  }

  /**
   * JDK serialization allowing the given application classes and {@link #JDK_VALUE_CLASSES}, and
   * refusing every other class. Patterns as in {@link ObjectInputFilter.Config#createFilter}: a
   * class name ({@code com.shop.Cart}), a package ({@code com.shop.*}) or a package and its
   * subpackages ({@code com.shop.**}).
   *
   * @throws IllegalArgumentException if a pattern is not a class or package pattern (rejections,
   *     limits and a bare {@code *} belong in a filter given to {@link #java(ObjectInputFilter)})
   */
  public static Codec<Object> java(String... allowedClasses) {
    return java(Object.class, allowlist(allowedClasses));
  }

  /** Like {@link #java(String...)}, for values of one type (others fail to decode). */
  public static <T> Codec<T> java(Class<T> type, String... allowedClasses) {
    return java(type, allowlist(allowedClasses));
  }

  /**
   * JDK serialization that reads only what {@code filter} explicitly allows: a class the filter
   * leaves undecided is refused too, so a filter without a final {@code !*} is still an allowlist.
   */
  public static Codec<Object> java(ObjectInputFilter filter) {
    return java(Object.class, filter);
  }

  /** Like {@link #java(ObjectInputFilter)}, for values of one type (others fail to decode). */
  public static <T> Codec<T> java(Class<T> type, ObjectInputFilter filter) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filter, "filter");
    return new SerializationCodec<>(type, ObjectInputFilter.rejectUndecidedClass(filter));
  }

  /**
   * The filter {@link #java(String...)} uses: {@link #DEFAULT_LIMITS}, the given classes, {@link
   * #JDK_VALUE_CLASSES}, and {@code !*} for everything else.
   */
  public static ObjectInputFilter allowlist(String... allowedClasses) {
    StringJoiner patterns = new StringJoiner(";");
    patterns.add(DEFAULT_LIMITS);
    for (String allowed : allowedClasses) {
      if (allowed == null || !CLASS_PATTERN.matcher(allowed).matches()) {
        throw new IllegalArgumentException(
            "not a class or package pattern: '"
                + allowed
                + "' (expected e.g. com.shop.Cart, com.shop.* or com.shop.**)");
      }
      patterns.add(allowed);
    }
    patterns.add(JDK_VALUE_CLASSES);
    patterns.add("!*");
    return ObjectInputFilter.Config.createFilter(patterns.toString());
  }
}
