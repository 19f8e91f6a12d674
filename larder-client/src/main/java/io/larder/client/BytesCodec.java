package io.larder.client;

/** Bytes as they are, without copying. */
final class BytesCodec implements Codec<byte[]> {
  @Override
  public byte[] encode(byte[] value) {
    return value;
  }

  @Override
  public byte[] decode(byte[] bytes) {
    return bytes;
  }

  @Override
  public String name() {
    return "bytes";
  }
}
