package io.larder.server.pubsub;

import io.larder.server.engine.ByteKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A published message, encoded once for all its subscribers: {@code message channel payload}, or
 * {@code pmessage pattern channel payload} for a pattern subscription.
 *
 * <p>RESP2 sends it as an array, RESP3 as a push; the two encodings differ only in their first byte
 * ({@code *} or {@code >}), so only the rest is kept and each connection writes the type byte of
 * its own protocol when the message reaches it.
 */
public final class Message {
  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);

  private final ByteKey channel;
  private final ByteKey pattern;
  private final byte[] body;

  private Message(ByteKey channel, ByteKey pattern, byte[] body) {
    this.channel = channel;
    this.pattern = pattern;
    this.body = body;
  }

  /** A message for the subscribers of channel. */
  static Message toChannel(ByteKey channel, byte[] payload) {
    return new Message(channel, null, encode(MESSAGE, null, channel, payload));
  }

  /** A message for the subscribers of pattern, which channel matches. */
  static Message toPattern(ByteKey pattern, ByteKey channel, byte[] payload) {
    return new Message(channel, pattern, encode(PMESSAGE, pattern, channel, payload));
  }

  public ByteKey channel() {
    return channel;
  }

  /** The pattern subscription this message is for, or null for a channel subscription. */
  public ByteKey pattern() {
    return pattern;
  }

  /** The RESP type byte for protocol: array in RESP2, push in RESP3. */
  public static byte typeByte(boolean resp3) {
    return (byte) (resp3 ? '>' : '*');
  }

  /** The encoding after the type byte: element count, CRLF and the bulk strings. */
  public byte[] body() {
    return body;
  }

  /** Bytes on the wire, type byte included. */
  public int size() {
    return body.length + 1;
  }

  private static byte[] encode(byte[] kind, ByteKey pattern, ByteKey channel, byte[] payload) {
    int length =
        kind.length + channel.length() + payload.length + (pattern == null ? 0 : pattern.length());
    ByteArrayOutputStream out = new ByteArrayOutputStream(length + 48);
    out.write(pattern == null ? '3' : '4');
    crlf(out);
    bulk(out, kind);
    if (pattern != null) {
      bulk(out, pattern.bytes());
    }
    bulk(out, channel.bytes());
    bulk(out, payload);
    return out.toByteArray();
  }

  private static void bulk(ByteArrayOutputStream out, byte[] value) {
    out.write('$');
    out.writeBytes(Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII));
    crlf(out);
    out.writeBytes(value);
    crlf(out);
  }

  private static void crlf(ByteArrayOutputStream out) {
    out.write('\r');
    out.write('\n');
  }
}
