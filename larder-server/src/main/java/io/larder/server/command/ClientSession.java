package io.larder.server.command;

import io.larder.server.pubsub.Subscriptions;
import io.larder.server.tenant.KeySlot;
import io.larder.server.tenant.Tenant;

/**
 * The state of one client connection that commands read and change: identity, name, protocol
 * version and the cache it authenticated to. Touched only by the connection's event-loop thread,
 * except {@link #close()} and the fields CLIENT LIST reads (volatile).
 */
public final class ClientSession {
  private final long id;
  private final String address;
  private final String localAddress;
  private final long createdAt;
  private final Runnable closer;
  private volatile String name = "";
  private volatile String libraryName = "";
  private volatile String libraryVersion = "";
  private volatile Tenant tenant;
  private volatile KeySlot keySlot;
  private volatile int protocol = 2;
  // Written per read/command by the connection's own thread; CLIENT LIST may read a stale value.
  private long lastInteraction;
  private String lastCommand = "NULL";
  private boolean wroteSinceFlush;
  private boolean closeAfterReply;
  private Object scanState;
  private Subscriptions subscriptions;
  private Transaction transaction;

  public ClientSession(
      long id, String address, String localAddress, long createdAt, Runnable closer) {
    this.id = id;
    this.address = address;
    this.localAddress = localAddress;
    this.createdAt = createdAt;
    this.lastInteraction = createdAt;
    this.closer = closer;
  }

  public long id() {
    return id;
  }

  public String address() {
    return address;
  }

  /** The client's IP address, without the port (what failed authentications are counted by). */
  public String host() {
    int colon = address.lastIndexOf(':');
    return colon < 0 ? address : address.substring(0, colon);
  }

  public String localAddress() {
    return localAddress;
  }

  public long createdAt() {
    return createdAt;
  }

  public String name() {
    return name;
  }

  public void name(String name) {
    this.name = name;
  }

  public String libraryName() {
    return libraryName;
  }

  public void libraryName(String libraryName) {
    this.libraryName = libraryName;
  }

  public String libraryVersion() {
    return libraryVersion;
  }

  public void libraryVersion(String libraryVersion) {
    this.libraryVersion = libraryVersion;
  }

  /** The cache this connection authenticated to, or null before AUTH. */
  public Tenant tenant() {
    return tenant;
  }

  /** Enters tenant without a key (tests, internal use); regenerating a key never closes it. */
  public void tenant(Tenant tenant) {
    this.keySlot = null;
    this.tenant = tenant;
  }

  /** Records that the connection authenticated to tenant with the key in slot. */
  public void login(Tenant tenant, KeySlot slot) {
    if (tenant != this.tenant && subscriptions != null) {
      // Channels belong to a cache: a connection that moves to another one leaves them (Redis,
      // with one namespace for all users, keeps them; here they would leak the old cache).
      subscriptions.clear();
    }
    if (tenant != this.tenant && transaction != null) {
      // Nor does it keep watching the previous cache's keys; its next EXEC fails instead.
      transaction.watch().abandon();
    }
    this.keySlot = slot;
    this.tenant = tenant;
  }

  /** Forgets the authentication: commands are refused with NOAUTH again. */
  public void logout() {
    this.tenant = null;
    this.keySlot = null;
  }

  /** Which key of {@link #tenant()} the connection authenticated with, or null. */
  public KeySlot keySlot() {
    return keySlot;
  }

  public boolean authenticated() {
    return tenant != null;
  }

  public int protocol() {
    return protocol;
  }

  void protocol(int protocol) {
    this.protocol = protocol;
  }

  public long lastInteraction() {
    return lastInteraction;
  }

  public String lastCommand() {
    return lastCommand;
  }

  /** Notes that a write command ran; its reply must wait until the log has it. */
  void wrote() {
    wroteSinceFlush = true;
  }

  /** True when a write command ran since the replies were last flushed. */
  public boolean wroteSinceFlush() {
    return wroteSinceFlush;
  }

  /** The replies were flushed. */
  public void flushed() {
    wroteSinceFlush = false;
  }

  /** Records when the client last sent something (once per read, not per command). */
  public void interactedAt(long now) {
    this.lastInteraction = now;
  }

  void lastCommand(String command) {
    this.lastCommand = command;
  }

  /** Asks the connection to close once the current reply is sent (QUIT). */
  public void closeAfterReply() {
    this.closeAfterReply = true;
  }

  public boolean closingAfterReply() {
    return closeAfterReply;
  }

  /** Closes the connection now, from any thread (CLIENT KILL, key regeneration). */
  public void close() {
    closer.run();
  }

  /** Per-connection state SCAN keeps between calls (see {@code KeyCommands}). */
  public Object scanState() {
    return scanState;
  }

  public void scanState(Object state) {
    this.scanState = state;
  }

  /**
   * The channels and patterns this connection is subscribed to, or null for a session that cannot
   * receive messages (one not made by the network layer).
   */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Gives the session its subscriptions, bound to where its messages are delivered. */
  public void subscriptions(Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  /** The connection's MULTI and WATCH state, made on first use. */
  Transaction transaction() {
    if (transaction == null) {
      transaction = new Transaction();
    }
    return transaction;
  }

  /** True between MULTI and EXEC or DISCARD, while commands are queued instead of run. */
  boolean inMulti() {
    return transaction != null && transaction.queueing();
  }

  /** A command was refused: if in MULTI, the transaction can only be discarded now. */
  void refused() {
    if (transaction != null) {
      transaction.refused();
    }
  }

  /** Drops a transaction in progress and stops watching keys (the connection is gone). */
  public void discardTransaction() {
    if (transaction != null) {
      transaction.discard();
    }
  }

  /**
   * True while subscribed to some channel or pattern; a RESP2 connection may then run only the
   * (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING, QUIT and RESET commands.
   */
  public boolean subscribed() {
    return subscriptions != null && subscriptions.count() > 0;
  }
}
