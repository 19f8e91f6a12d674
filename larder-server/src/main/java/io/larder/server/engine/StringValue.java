package io.larder.server.engine;

/** A Redis string: raw bytes (integers and floats are kept in their decimal text form). */
public record StringValue(byte[] bytes, long expireAt) implements StoredValue {
  private static final int OVERHEAD = 48;

  public StringValue(byte[] bytes) {
    this(bytes, NO_EXPIRY);
  }

  @Override
  public StringValue withExpireAt(long expireAt) {
    return new StringValue(bytes, expireAt);
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public long weight() {
    return OVERHEAD + bytes.length;
  }
}
