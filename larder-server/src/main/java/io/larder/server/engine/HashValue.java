package io.larder.server.engine;

/** A Redis hash. The fields live in a {@link HashFields}, shared when only the expiry changes. */
public final class HashValue extends StoredValue {
  private final HashFields fields;

  public HashValue(HashFields fields, long expireAt) {
    super(expireAt);
    this.fields = fields;
  }

  public HashFields fields() {
    return fields;
  }

  @Override
  public HashValue withExpireAt(long expireAt) {
    return new HashValue(fields, expireAt);
  }

  @Override
  public String typeName() {
    return "hash";
  }

  /** This object (header, reference, expiry, access time) and the fields. */
  @Override
  public long weight() {
    return 32 + fields.weight();
  }
}
