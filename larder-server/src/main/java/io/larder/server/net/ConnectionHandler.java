package io.larder.server.net;

import io.larder.server.command.ClientSession;
import io.larder.server.command.Dispatcher;
import io.larder.server.command.Request;
import io.larder.server.command.ServerContext;
import io.larder.server.resp.RespParser;
import io.larder.server.resp.RespProtocolException;
import io.larder.server.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: frames commands out of the bytes received, hands each to the {@link
 * Dispatcher}, and collects the replies of a read burst in one buffer that the {@link ReplyFlusher}
 * sends when the burst is over (once per event-loop turn, after the journal reached the OS).
 * Reading pauses while the socket cannot take more output (back-pressure).
 */
final class ConnectionHandler extends ByteToMessageDecoder {
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
      dispatcher.dispatch(request, args);
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
    super.channelRead(ctx, msg);
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
