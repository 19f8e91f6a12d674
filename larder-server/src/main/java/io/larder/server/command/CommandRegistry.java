package io.larder.server.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every command the server knows, looked up by name without allocating: an open-addressing table
 * keyed by the ASCII-lowercased name bytes (command lookup runs once per request).
 */
public final class CommandRegistry {
  private static final int TABLE_SIZE = 1024;

  private final CommandSpec[] table = new CommandSpec[TABLE_SIZE];
  private final byte[][] names = new byte[TABLE_SIZE][];
  private final List<CommandSpec> all = new ArrayList<>();

  public CommandRegistry register(CommandSpec spec) {
    byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
    if (lookup(name) != null) {
      throw new IllegalStateException("command registered twice: " + spec.name());
    }
    if (all.size() >= TABLE_SIZE / 2) {
      throw new IllegalStateException("command table full");
    }
    int slot = hash(name) & (TABLE_SIZE - 1);
    while (table[slot] != null) {
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    table[slot] = spec;
    names[slot] = name;
    all.add(spec);
    return this;
  }

  /** Registers every command of a family. */
  public CommandRegistry register(CommandFamily family) {
    family.register(this);
    return this;
  }

  /** The command with this name, any case, or null. */
  public CommandSpec lookup(byte[] name) {
    int slot = hash(name) & (TABLE_SIZE - 1);
    while (table[slot] != null) {
      if (equalsIgnoreCase(names[slot], name)) {
        return table[slot];
      }
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return null;
  }

  public CommandSpec lookup(String name) {
    return lookup(name.getBytes(StandardCharsets.UTF_8));
  }

  /** All top-level commands, in registration order. */
  public List<CommandSpec> all() {
    return Collections.unmodifiableList(all);
  }

  private static int hash(byte[] name) {
    int h = 0;
    for (byte b : name) {
      h = 31 * h + toLower(b);
    }
    return h ^ (h >>> 16);
  }

  private static boolean equalsIgnoreCase(byte[] lowerName, byte[] candidate) {
    if (lowerName.length != candidate.length) {
      return false;
    }
    for (int i = 0; i < lowerName.length; i++) {
      if (lowerName[i] != toLower(candidate[i])) {
        return false;
      }
    }
    return true;
  }

  private static byte toLower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }
}
