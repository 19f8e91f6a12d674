package io.larder.server.net;

import io.larder.server.command.ClientSession;
import io.larder.server.command.Dispatcher;
import io.larder.server.command.Request;
import io.larder.server.command.ServerContext;
import io.larder.server.pubsub.Message;
import io.larder.server.pubsub.RunningCommand;
import io.larder.server.pubsub.Subscriber;
import io.larder.server.pubsub.Subscriptions;
import io.larder.server.resp.RespParser;
import io.larder.server.resp.RespProtocolException;
import io.larder.server.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: frames commands out of the bytes received, hands each to the {@link
 * Dispatcher}, and collects the replies of a read burst in one buffer that the {@link ReplyFlusher}
 * sends when the burst is over (once per event-loop turn, after the journal reached the OS).
 * Reading pauses while the socket cannot take more output (back-pressure).
 *
 * <p>It is also where pub/sub messages for the connection arrive ({@link Subscriber}), from any
 * thread. A message is handed to the connection's own event loop and appended to the same buffer as
 * the replies, behind those already there, so a message never overtakes a reply the client was sent
 * earlier; it goes out with that burst, or on its own in the next flush. A message the connection's
 * own command causes (a RESP3 client publishing to itself, or a keyspace event of its own write) is
 * held until that command's reply is complete, so it never lands inside a reply. A subscriber that
 * does not read is disconnected once its pending output (messages handed over, the reply buffer and
 * what the socket has not taken) exceeds {@code client-output-buffer-limit}, as Redis does with its
 * pub/sub output limit.
 */
final class ConnectionHandler extends ByteToMessageDecoder implements Subscriber {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final byte[] MAX_CLIENTS_REACHED =
      "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerContext server;
  private final Dispatcher dispatcher;
  private final ReplyFlusher.Local flushers;
  private final RespParser parser;
  private final RespWriter writer = new RespWriter();
  private ChannelHandlerContext ctx;
  private ClientSession session;
  private Request request;
  private ByteBuf replies;
  private boolean flushScheduled;
  private boolean closing;

  /** Bytes of messages handed to this connection's event loop and not yet in its buffer. */
  private final AtomicLong handedOver = new AtomicLong();

  private volatile boolean droppedAsSlow;

  /** While a command runs: its own messages wait in {@code held} until its reply is written. */
  private boolean executing;

  private List<Message> held;
  private Supplier<String> runningCommand;

  ConnectionHandler(ServerContext server, Dispatcher dispatcher, ReplyFlusher.Local flushers) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.flushers = flushers;
    this.parser = new RespParser(server.config().respLimits());
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    server.stats().connectionsReceived.increment();
    session =
        new ClientSession(
            server.clients().nextId(),
            describe(ctx.channel().remoteAddress()),
            describe(ctx.channel().localAddress()),
            System.currentTimeMillis(),
            () -> ctx.channel().close());
    if (!server.clients().add(session)) {
      server.stats().connectionsRejected.increment();
      ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(MAX_CLIENTS_REACHED))
          .addListener(ChannelFutureListener.CLOSE);
      closing = true;
      session = null;
      return;
    }
    request = new Request(session, writer, server);
    session.subscriptions(new Subscriptions(this));
    ClientSession client = session;
    runningCommand = client::lastCommand;
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (closing) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (true) {
      byte[][] args;
      try {
        args = parser.next(in, session.authenticated());
      } catch (RespProtocolException e) {
        server.stats().protocolErrors.increment();
        replyBuffer().error("ERR Protocol error: " + e.getMessage());
        closeAfterReplies(in);
        return;
      }
      if (args == null) {
        return;
      }
      executing = true;
      try {
        dispatcher.dispatch(request, args);
      } finally {
        executing = false;
      }
      if (held != null) {
        appendHeld();
      }
      if (session.closingAfterReply()) {
        closeAfterReplies(in);
        return;
      }
      if (replies.readableBytes() > server.config().clientOutputBufferLimit()) {
        LOG.warn("closing client {}: replies exceed client-output-buffer-limit", session.address());
        closing = true;
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
    }
  }

  /** The buffer this burst's replies go to, made ready for the writer. */
  private RespWriter replyBuffer() {
    if (replies == null) {
      replies = ctx.alloc().ioBuffer(1024);
      writer.target(replies);
    }
    return writer;
  }

  private void closeAfterReplies(ByteBuf in) {
    closing = true;
    in.skipBytes(in.readableBytes());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (session != null) {
      session.interactedAt(System.currentTimeMillis());
    }
    replyBuffer();
    if (runningCommand == null) {
      super.channelRead(ctx, msg);
      return;
    }
    RunningCommand.enter(runningCommand);
    try {
      super.channelRead(ctx, msg);
    } finally {
      RunningCommand.exit();
    }
  }

  /** From any thread: queues message behind this connection's earlier output. */
  @Override
  public void deliver(Message message) {
    Channel channel = ctx.channel();
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      push(message);
      return;
    }
    int size = message.size();
    long pending = handedOver.addAndGet(size);
    if (pending + unsent(channel) > server.config().clientOutputBufferLimit()) {
      handedOver.addAndGet(-size);
      dropAsSlow(channel);
      return;
    }
    try {
      loop.execute(
          () -> {
            handedOver.addAndGet(-size);
            push(message);
          });
    } catch (RejectedExecutionException e) {
      handedOver.addAndGet(-size); // the server is stopping
    }
  }

  /** On the event loop: appends message to the output, or holds it while a command runs. */
  private void push(Message message) {
    if (closing || !ctx.channel().isActive() || !session.subscriptions().receives(message)) {
      return;
    }
    if (executing) {
      if (held == null) {
        held = new ArrayList<>();
      }
      held.add(message);
      return;
    }
    append(message);
    if (!flushScheduled) {
      flushScheduled = true;
      flushers.get().schedule(this, ctx.channel().eventLoop());
    }
    long pending = replies.readableBytes() + unsent(ctx.channel()) + handedOver.get();
    if (pending > server.config().clientOutputBufferLimit()) {
      dropAsSlow(ctx.channel());
    }
  }

  /** Appends the messages held while a command ran, after its reply. */
  private void appendHeld() {
    List<Message> messages = held;
    held = null;
    for (Message message : messages) {
      append(message);
    }
  }

  private void append(Message message) {
    replyBuffer();
    replies.writeByte(Message.typeByte(session.protocol() == 3));
    replies.writeBytes(message.body());
  }

  /** Bytes given to the channel that the socket has not taken yet (any thread). */
  private static long unsent(Channel channel) {
    ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
    return outbound == null ? 0 : outbound.totalPendingWriteBytes();
  }

  private void dropAsSlow(Channel channel) {
    if (!droppedAsSlow) {
      droppedAsSlow = true;
      LOG.warn(
          "closing client {}: pending pub/sub messages exceed client-output-buffer-limit",
          session.address());
    }
    channel.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (replies != null && (replies.isReadable() || closing) && !flushScheduled) {
      flushScheduled = true;
      flushers.get().schedule(this, ctx.channel().eventLoop());
    }
    super.channelReadComplete(ctx);
  }

  /** Sends this burst's replies; called by the flusher once they are durable. */
  void flushReplies() {
    flushScheduled = false;
    if (session != null) {
      session.flushed();
    }
    ByteBuf out = replies;
    replies = null;
    if (out == null) {
      return;
    }
    if (!ctx.channel().isActive()) {
      out.release();
      return;
    }
    if (closing) {
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    } else if (out.isReadable()) {
      ctx.writeAndFlush(out, ctx.voidPromise());
    } else {
      out.release();
    }
  }

  /** True when a write command ran since the last flush (its replies wait on the log). */
  boolean wroteThisTurn() {
    return session != null && session.wroteSinceFlush();
  }

  /** The replies could not be made durable: drop them unsent and close the connection. */
  void abort() {
    flushScheduled = false;
    if (replies != null) {
      replies.release();
      replies = null;
    }
    closing = true;
    ctx.close();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (session != null) {
      server.clients().remove(session);
      session.subscriptions().clear();
      session.discardTransaction();
    }
    if (replies != null && !flushScheduled) {
      replies.release();
      replies = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug(
        "closing connection {} after an error", session == null ? "?" : session.address(), cause);
    ctx.close();
  }

  private static String describe(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }
}
