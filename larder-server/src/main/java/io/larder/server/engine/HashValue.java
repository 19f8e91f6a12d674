package io.larder.server.engine;

/** A Redis hash. The fields live in a {@link HashFields}, shared when only the expiry changes. */
public record HashValue(HashFields fields, long expireAt) implements StoredValue {
  @Override
  public HashValue withExpireAt(long expireAt) {
    return new HashValue(fields, expireAt);
  }

  @Override
  public String typeName() {
    return "hash";
  }

  @Override
  public long weight() {
    return fields.weight();
  }
}
