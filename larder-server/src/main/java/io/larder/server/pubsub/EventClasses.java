package io.larder.server.pubsub;

/**
 * The value of Redis's {@code notify-keyspace-events}: which classes of keyspace events are
 * published, and whether on {@code __keyspace@0__:<key>} channels ({@code K}), {@code
 * __keyevent@0__:<event>} channels ({@code E}) or both. Parsed and printed exactly as Redis 7.0
 * does ({@code keyspaceEventsStringToFlags}, {@code keyspaceEventsFlagsToString}), so {@code CONFIG
 * GET} shows Redis's normalized form ({@code Egx} reads back as {@code gxE}, {@code KEA} as {@code
 * AKE}). Bit values are Redis's too.
 */
final class EventClasses {
  static final int KEYSPACE = 1; // K
  static final int KEYEVENT = 1 << 1; // E
  static final int GENERIC = 1 << 2; // g
  static final int STRING = 1 << 3; // $
  static final int LIST = 1 << 4; // l
  static final int SET = 1 << 5; // s
  static final int HASH = 1 << 6; // h
  static final int ZSET = 1 << 7; // z
  static final int EXPIRED = 1 << 8; // x
  static final int EVICTED = 1 << 9; // e
  static final int STREAM = 1 << 10; // t
  static final int KEY_MISS = 1 << 11; // m
  static final int MODULE = 1 << 12; // d
  static final int NEW = 1 << 13; // n

  /** What {@code A} stands for: every class except key misses and new keys. */
  static final int ALL =
      GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

  static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

  private EventClasses() {}

  /** The flags text stands for; IllegalArgumentException with Redis's reason for a bad one. */
  static int parse(String text) {
    int flags = 0;
    for (int i = 0; i < text.length(); i++) {
      flags |=
          switch (text.charAt(i)) {
            case 'A' -> ALL;
            case 'g' -> GENERIC;
            case '$' -> STRING;
            case 'l' -> LIST;
            case 's' -> SET;
            case 'h' -> HASH;
            case 'z' -> ZSET;
            case 'x' -> EXPIRED;
            case 'e' -> EVICTED;
            case 'K' -> KEYSPACE;
            case 'E' -> KEYEVENT;
            case 't' -> STREAM;
            case 'm' -> KEY_MISS;
            case 'd' -> MODULE;
            case 'n' -> NEW;
            default -> throw new IllegalArgumentException(INVALID);
          };
    }
    return flags;
  }

  /** Redis's normalized text for flags. */
  static String format(int flags) {
    StringBuilder text = new StringBuilder();
    if ((flags & ALL) == ALL) {
      text.append('A');
    } else {
      append(text, flags, GENERIC, 'g');
      append(text, flags, STRING, '$');
      append(text, flags, LIST, 'l');
      append(text, flags, SET, 's');
      append(text, flags, HASH, 'h');
      append(text, flags, ZSET, 'z');
      append(text, flags, EXPIRED, 'x');
      append(text, flags, EVICTED, 'e');
      append(text, flags, STREAM, 't');
      append(text, flags, MODULE, 'd');
      append(text, flags, NEW, 'n');
    }
    append(text, flags, KEYSPACE, 'K');
    append(text, flags, KEYEVENT, 'E');
    append(text, flags, KEY_MISS, 'm');
    return text.toString();
  }

  /** True when flags publish something: a channel kind and at least one event class. */
  static boolean publishes(int flags) {
    return (flags & (KEYSPACE | KEYEVENT)) != 0 && (flags & ~(KEYSPACE | KEYEVENT)) != 0;
  }

  private static void append(StringBuilder text, int flags, int flag, char letter) {
    if ((flags & flag) != 0) {
      text.append(letter);
    }
  }
}
