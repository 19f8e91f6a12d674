package io.larder.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.larder.client.CodecException;
import io.larder.client.Codecs;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes as JSON, with their class: {@code ["com.shop.Cart", {...}]}.
 *
 * <p>Storing the class name keeps attributes typed (a {@code Cart} comes back as a {@code Cart},
 * not a map). The name is checked against the same allowlist as JDK serialization uses before the
 * class is even loaded, so bytes written by someone else cannot make this codec instantiate a class
 * the application did not allow. Jackson's default typing stays off: nested values are typed by
 * their declared types, so a {@code List} of beans comes back as a list of maps unless a field
 * declares its element type.
 */
final class JsonAttributeCodec implements io.larder.client.Codec<Object> {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final List<String> patterns;

  JsonAttributeCodec(List<String> allowlist) {
    Codecs.allowlist(allowlist.toArray(String[]::new)); // checks the patterns
    List<String> all = new ArrayList<>(allowlist);
    all.addAll(List.of(Codecs.JDK_VALUE_CLASSES.split(";")));
    this.patterns = List.copyOf(all);
  }

  @Override
  public byte[] encode(Object value) {
    Class<?> type = value.getClass();
    if (!allowed(type)) {
      throw new CodecException(
          "cannot store a "
              + type.getName()
              + ": the allowlist refuses it, so it could not be read");
    }
    ArrayNode envelope = MAPPER.createArrayNode();
    envelope.add(type.getName());
    envelope.add(MAPPER.valueToTree(value));
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CodecException(
          "cannot write a " + type.getName() + " as JSON: " + e.getMessage(), e);
    }
    decode(bytes); // what cannot be read back must fail now, not on another instance
    return bytes;
  }

  @Override
  public Object decode(byte[] bytes) {
    JsonNode envelope;
    try {
      envelope = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new CodecException("not JSON: " + e.getMessage(), e);
    }
    if (envelope == null
        || !envelope.isArray()
        || envelope.size() != 2
        || !envelope.get(0).isTextual()) {
      throw new CodecException("not a [class, value] pair");
    }
    String className = envelope.get(0).asText();
    Class<?> type = load(className);
    try {
      return MAPPER.treeToValue(envelope.get(1), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CodecException("cannot read a " + className + " from JSON: " + e.getMessage(), e);
    }
  }

  private Class<?> load(String className) {
    // The name is checked as a string first: a refused class is never loaded, so its static
    // initializer never runs.
    if (!allowedName(className)) {
      throw new CodecException("refused to read class " + className + ": not in the allowlist");
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(className, false, loader != null ? loader : getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new CodecException("class " + className + " is not on the classpath", e);
    }
  }

  private boolean allowed(Class<?> type) {
    return allowedName(type.getName());
  }

  /**
   * Whether a pattern of the allowlist (or {@link Codecs#JDK_VALUE_CLASSES}) names the class, by
   * the rules of {@link ObjectInputFilter.Config#createFilter}: {@code pkg.Class}, {@code pkg.*}
   * (that package only), {@code pkg.**} (and its subpackages), {@code prefix*}. Names are matched
   * as strings, so a refused class is never loaded.
   */
  private boolean allowedName(String className) {
    for (String pattern : patterns) {
      if (pattern.endsWith(".**")) {
        if (className.startsWith(pattern.substring(0, pattern.length() - 2))) {
          return true;
        }
      } else if (pattern.endsWith(".*")) {
        String pkg = pattern.substring(0, pattern.length() - 1);
        if (className.startsWith(pkg) && className.indexOf('.', pkg.length()) < 0) {
          return true;
        }
      } else if (pattern.endsWith("*")) {
        if (className.startsWith(pattern.substring(0, pattern.length() - 1))) {
          return true;
        }
      } else if (className.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String name() {
    return "json";
  }
}
