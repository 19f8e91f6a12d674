package io.larder.server.net;

import io.larder.server.command.Dispatcher;
import io.larder.server.command.ServerContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The RESP listener: Netty with native epoll when available (DESIGN.md D4). */
public final class RespServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RespServer.class);

  private final ServerContext context;
  private final Dispatcher dispatcher;
  private EventLoopGroup acceptors;
  private EventLoopGroup workers;
  private Channel listener;

  /** Every open client connection, so a stop closes them all before the loops wind down. */
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  public RespServer(ServerContext context, Dispatcher dispatcher) {
    this.context = context;
    this.dispatcher = dispatcher;
  }

  /** Binds and starts accepting; returns the bound address (the port is real when 0 was asked). */
  public InetSocketAddress start() throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    acceptors = new MultiThreadIoEventLoopGroup(1, io);
    workers = new MultiThreadIoEventLoopGroup(context.config().ioThreads(), io);
    ReplyFlusher.Local flushers = new ReplyFlusher.Local(context.durability());
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptors, workers)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 511)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.add(channel);
                    channel
                        .pipeline()
                        .addLast(new ConnectionHandler(context, dispatcher, flushers));
                  }
                });
    listener = bootstrap.bind(context.config().bind(), context.config().port()).sync().channel();
    InetSocketAddress address = (InetSocketAddress) listener.localAddress();
    LOG.debug("RESP listening on {} ({})", address, epoll ? "epoll" : "nio");
    return address;
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().syncUninterruptibly();
    }
    connections.close().awaitUninterruptibly();
    for (EventLoopGroup group : new EventLoopGroup[] {acceptors, workers}) {
      if (group != null) {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
  }
}
