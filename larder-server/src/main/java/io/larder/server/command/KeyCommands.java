package io.larder.server.command;

import static io.larder.server.command.CommandFlag.DENYOOM;
import static io.larder.server.command.CommandFlag.FAST;
import static io.larder.server.command.CommandFlag.READONLY;
import static io.larder.server.command.CommandFlag.WRITE;
import static io.larder.server.command.CommandSpec.command;

import io.larder.server.engine.ByteKey;
import io.larder.server.engine.HashValue;
import io.larder.server.engine.Keyspace;
import io.larder.server.engine.Mutation;
import io.larder.server.engine.StoredValue;
import io.larder.server.engine.StringValue;
import io.larder.server.resp.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Generic key commands: DEL, UNLINK, EXISTS, TYPE, TOUCH, RENAME, RENAMENX, COPY, KEYS, RANDOMKEY,
 * SCAN, and the expiry commands ({@link KeyExpiry}).
 *
 * <p>Keyspace hits and misses are counted where Redis counts them (its {@code lookupKeyRead}):
 * TYPE, EXISTS and TOUCH per key, the TTL family, COPY's source, and SCAN's TYPE filter. Writes
 * (DEL, RENAME, EXPIRE …) and KEYS/RANDOMKEY count nothing.
 *
 * <p>Deliberate difference from Redis: COPY's DB option accepts only database 0, like SELECT,
 * because a cache, not a database number, is the unit of separation.
 */
public final class KeyCommands implements CommandFamily {
  private static final CommandException SAME_OBJECT =
      new CommandException("ERR source and destination objects are the same");
  private static final CommandException DB_NOT_INT =
      new CommandException(
          "ERR value is out of range, value must between -2147483648 and 2147483647");
  private static final CommandException DB_OUT_OF_RANGE =
      new CommandException("ERR DB index is out of range");

  private final KeyExpiry expiry = new KeyExpiry();
  private final KeyScan scan = new KeyScan();

  @Override
  public void register(CommandRegistry registry) {
    registry
        .register(
            command("del", -2)
                .flags(WRITE)
                .keys(1, -1, 1)
                .doc("1.0.0", "Delete a key")
                .handledBy(this::delete))
        .register(
            command("unlink", -2)
                .flags(WRITE, FAST)
                .keys(1, -1, 1)
                .doc(
                    "4.0.0",
                    "Delete a key asynchronously in another thread. Otherwise it is just as DEL,"
                        + " but non blocking.")
                .handledBy(this::delete))
        .register(
            command("exists", -2)
                .flags(READONLY, FAST)
                .keys(1, -1, 1)
                .doc("1.0.0", "Determine if a key exists")
                .handledBy(this::exists))
        .register(
            command("touch", -2)
                .flags(READONLY, FAST)
                .keys(1, -1, 1)
                .doc(
                    "3.2.1",
                    "Alters the last access time of a key(s). Returns the number of existing keys"
                        + " specified.")
                .handledBy(this::touch))
        .register(
            command("type", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .doc("1.0.0", "Determine the type stored at key")
                .handledBy(this::type))
        .register(
            command("expire", -3)
                .flags(WRITE, FAST)
                .keys(1, 1, 1)
                .doc("1.0.0", "Set a key's time to live in seconds")
                .handledBy(expiry::expire))
        .register(
            command("pexpire", -3)
                .flags(WRITE, FAST)
                .keys(1, 1, 1)
                .doc("2.6.0", "Set a key's time to live in milliseconds")
                .handledBy(expiry::pexpire))
        .register(
            command("expireat", -3)
                .flags(WRITE, FAST)
                .keys(1, 1, 1)
                .doc("1.2.0", "Set the expiration for a key as a UNIX timestamp")
                .handledBy(expiry::expireAt))
        .register(
            command("pexpireat", -3)
                .flags(WRITE, FAST)
                .keys(1, 1, 1)
                .doc(
                    "2.6.0",
                    "Set the expiration for a key as a UNIX timestamp specified in milliseconds")
                .handledBy(expiry::pexpireAt))
        .register(
            command("ttl", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .doc("1.0.0", "Get the time to live for a key in seconds")
                .handledBy(expiry::ttl))
        .register(
            command("pttl", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .doc("2.6.0", "Get the time to live for a key in milliseconds")
                .handledBy(expiry::pttl))
        .register(
            command("expiretime", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .doc("7.0.0", "Get the expiration Unix timestamp for a key")
                .handledBy(expiry::expireTime))
        .register(
            command("pexpiretime", 2)
                .flags(READONLY, FAST)
                .keys(1, 1, 1)
                .doc("7.0.0", "Get the expiration Unix timestamp for a key in milliseconds")
                .handledBy(expiry::pexpireTime))
        .register(
            command("persist", 2)
                .flags(WRITE, FAST)
                .keys(1, 1, 1)
                .doc("2.2.0", "Remove the expiration from a key")
                .handledBy(expiry::persist))
        .register(
            command("rename", 3)
                .flags(WRITE)
                .keys(1, 2, 1)
                .doc("1.0.0", "Rename a key")
                .handledBy(request -> rename(request, false)))
        .register(
            command("renamenx", 3)
                .flags(WRITE, FAST)
                .keys(1, 2, 1)
                .doc("1.0.0", "Rename a key, only if the new key does not exist")
                .handledBy(request -> rename(request, true)))
        .register(
            command("copy", -3)
                .flags(WRITE, DENYOOM)
                .keys(1, 2, 1)
                .doc("6.2.0", "Copy a key")
                .handledBy(this::copy))
        .register(
            command("keys", 2)
                .flags(READONLY)
                .doc("1.0.0", "Find all keys matching the given pattern")
                .handledBy(this::keys))
        .register(
            command("scan", -2)
                .flags(READONLY)
                .doc("2.8.0", "Incrementally iterate the keys space")
                .handledBy(scan::scan))
        .register(
            command("randomkey", 1)
                .flags(READONLY)
                .doc("1.0.0", "Return a random key from the keyspace")
                .handledBy(this::randomKey));
  }

  /** DEL and UNLINK (memory is reclaimed by the garbage collector either way). */
  private void delete(Request request) {
    Keyspace keyspace = request.keyspace();
    long deleted =
        allKeysAtOnce(
            request,
            () -> {
              long count = 0;
              for (int i = 1; i < request.argCount(); i++) {
                count += keyspace.update(request.key(i), KeyCommands::deleteIfPresent);
              }
              return count;
            });
    request.reply().integer(deleted);
  }

  private static long deleteIfPresent(Mutation key) {
    if (key.current() == null) {
      return 0;
    }
    key.delete();
    return 1;
  }

  /**
   * Runs a command over its keys with no other write interleaved when it names several, as Redis's
   * single thread guarantees: a concurrent MSET of the same keys must see all or none deleted.
   */
  private static <R> R allKeysAtOnce(Request request, Supplier<R> operation) {
    return request.argCount() > 2 ? request.keyspace().exclusive(operation) : operation.get();
  }

  /**
   * The values at arguments 1 to the last, null where absent; {@code access} counts the reads as
   * accesses for LRU ({@link Keyspace#get}) rather than peeks. Several keys are read in the
   * keyspace's shared section, so a multi-key write (MSET, RENAME, EXEC …) is seen whole or not at
   * all, as Redis's single thread guarantees; a single key is read with no lock.
   */
  static StoredValue[] lookUpAll(Request request, boolean access) {
    Keyspace keyspace = request.keyspace();
    StoredValue[] values = new StoredValue[request.argCount() - 1];
    Supplier<StoredValue[]> read =
        () -> {
          for (int i = 0; i < values.length; i++) {
            ByteKey key = request.key(i + 1);
            values[i] = access ? keyspace.get(key) : keyspace.peek(key);
          }
          return values;
        };
    return values.length > 1 ? keyspace.shared(read) : read.get();
  }

  /** EXISTS looks without touching, as Redis's does: asking must not keep a key from eviction. */
  private void exists(Request request) {
    countExisting(request, false);
  }

  /** TOUCH is EXISTS that counts as an access of each key for LRU eviction: what it is for. */
  private void touch(Request request) {
    countExisting(request, true);
  }

  /** How many of the named keys exist, a key named twice counted twice. */
  private void countExisting(Request request, boolean access) {
    long count = 0;
    for (StoredValue value : lookUpAll(request, access)) {
      request.tenant().stats().lookup(value != null);
      count += value != null ? 1 : 0;
    }
    request.reply().integer(count);
  }

  private void type(Request request) {
    StoredValue value = request.keyspace().peek(request.key(1));
    request.tenant().stats().lookup(value != null);
    request.reply().simple(value == null ? "none" : value.typeName());
  }

  /** RENAME and RENAMENX: the value moves with its expiry; the old key goes. */
  private void rename(Request request, boolean onlyIfAbsent) {
    ByteKey source = request.key(1);
    ByteKey target = request.key(2);
    Keyspace keyspace = request.keyspace();
    boolean renamed =
        keyspace.exclusive(
            () -> {
              StoredValue value = keyspace.get(source);
              if (value == null) {
                throw CommandException.NO_SUCH_KEY;
              }
              if (source.equals(target)) {
                return false;
              }
              boolean placed =
                  keyspace.update(
                      target,
                      key -> {
                        if (onlyIfAbsent && key.current() != null) {
                          return false;
                        }
                        key.set(value);
                        return true;
                      });
              if (placed) {
                keyspace.update(source, KeyCommands::deleteIfPresent);
              }
              return placed;
            });
    if (onlyIfAbsent) {
      request.reply().integer(renamed ? 1 : 0);
    } else {
      request.reply().ok();
    }
  }

  /** COPY source destination [DB 0] [REPLACE]: checks in Redis's order, then copies with TTL. */
  private void copy(Request request) {
    boolean replace = false;
    for (int i = 3; i < request.argCount(); i++) {
      if (request.is(i, "REPLACE")) {
        replace = true;
      } else if (request.is(i, "DB") && i + 1 < request.argCount()) {
        long db = request.longArg(++i);
        if (db != (int) db) {
          throw DB_NOT_INT;
        }
        if (db != 0) {
          throw DB_OUT_OF_RANGE;
        }
      } else {
        throw CommandException.SYNTAX;
      }
    }
    ByteKey source = request.key(1);
    ByteKey target = request.key(2);
    if (source.equals(target)) {
      throw SAME_OBJECT;
    }
    boolean overwrite = replace;
    Keyspace keyspace = request.keyspace();
    boolean copied =
        keyspace.exclusive(
            () -> {
              StoredValue value = keyspace.get(source);
              request.tenant().stats().lookup(value != null);
              if (value == null) {
                return false;
              }
              return keyspace.update(
                  target,
                  key -> {
                    if (key.current() != null && !overwrite) {
                      return false;
                    }
                    key.set(independentCopy(value));
                    return true;
                  });
            });
    request.reply().integer(copied ? 1 : 0);
  }

  /** A value sharing nothing mutable with the original (hash fields, access times). */
  private static StoredValue independentCopy(StoredValue value) {
    if (value instanceof HashValue hash) {
      return new HashValue(hash.fields().copy(), hash.expireAt());
    }
    if (value instanceof StringValue string) {
      // The bytes are immutable and shared; the wrapper is not, as it carries the access time.
      return new StringValue(string.bytes(), string.expireAt());
    }
    throw new IllegalStateException("COPY cannot copy a " + value.typeName());
  }

  private void keys(Request request) {
    GlobPattern pattern = GlobPattern.of(request.arg(1));
    List<ByteKey> keys = request.keyspace().keys();
    if (!pattern.matchesAll()) {
      List<ByteKey> matching = new ArrayList<>();
      for (ByteKey key : keys) {
        if (pattern.matches(key.bytes())) {
          matching.add(key);
        }
      }
      keys = matching;
    }
    RespWriter reply = request.reply();
    reply.arrayHeader(keys.size());
    for (ByteKey key : keys) {
      reply.bulk(key.bytes());
    }
  }

  private void randomKey(Request request) {
    ByteKey key = request.keyspace().randomKey();
    request.reply().bulk(key == null ? null : key.bytes());
  }
}
