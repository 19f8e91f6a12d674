package io.larder.server.command;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients, for CLIENT LIST/KILL, INFO clients and the maxclients limit. */
public final class ClientRegistry {
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
  private final int maxClients;

  public ClientRegistry(int maxClients) {
    this.maxClients = maxClients;
  }

  public long nextId() {
    return nextId.getAndIncrement();
  }

  /** Adds a session; returns false (and adds nothing) when maxclients are already connected. */
  public boolean add(ClientSession session) {
    if (clients.size() >= maxClients) {
      return false;
    }
    clients.put(session.id(), session);
    return true;
  }

  public void remove(ClientSession session) {
    clients.remove(session.id());
  }

  public Collection<ClientSession> all() {
    return List.copyOf(clients.values());
  }

  public int count() {
    return clients.size();
  }

  public int maxClients() {
    return maxClients;
  }
}
