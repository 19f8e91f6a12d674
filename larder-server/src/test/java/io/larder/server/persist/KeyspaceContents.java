package io.larder.server.persist;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A keyspace's live contents as comparable text, for tests. */
final class KeyspaceContents {
  private KeyspaceContents() {}

  /**
   * Every live key mapped to its value: a string as itself, a hash as its fields in sorted order;
   * either followed by {@code @expireAt} when it has an expiry.
   */
  static Map<String, String> of(Keyspace keyspace) {
    Map<String, String> contents = new TreeMap<>();
    for (ByteKey key : keyspace.keys()) {
      StoredValue value = keyspace.get(key);
      if (value != null) {
        contents.put(key.toString(), describe(value));
      }
    }
    return contents;
  }

  static String describe(StoredValue value) {
    String text;
    if (value instanceof StringValue string) {
      text = new String(string.bytes(), StandardCharsets.UTF_8);
    } else {
      Map<String, String> fields = new TreeMap<>();
      ((HashValue) value)
          .fields()
          .forEach(
              (field, fieldValue) ->
                  fields.put(
                      new String(field, StandardCharsets.UTF_8),
                      new String(fieldValue, StandardCharsets.UTF_8)));
      text = "hash" + fields;
    }
    return value.hasExpiry() ? text + "@" + value.expireAt() : text;
  }
}
