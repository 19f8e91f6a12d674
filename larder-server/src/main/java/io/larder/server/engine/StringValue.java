package io.larder.server.engine;

/** A Redis string: raw bytes (integers and floats are kept in their decimal text form). */
public final class StringValue extends StoredValue {
  /** This object: header, array reference, expiry, access time. */
  private static final int OVERHEAD = 32;

  private final byte[] bytes;

  public StringValue(byte[] bytes) {
    this(bytes, NO_EXPIRY);
  }

  public StringValue(byte[] bytes, long expireAt) {
    super(expireAt);
    this.bytes = bytes;
  }

  /** The string's bytes; callers must not modify them. */
  public byte[] bytes() {
    return bytes;
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
    return OVERHEAD + arrayBytes(bytes.length);
  }
}
