package io.larder.server.admin;

import io.larder.server.command.GlobPattern;
import io.larder.server.engine.ByteKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A page of the key browser: up to count keys matching a pattern, in byte order, after the key the
 * cursor names. The cursor is stateless ({@code 0} to start, then an opaque encoding of the last
 * key shown), so any request may continue any listing, and a key present throughout a listing is
 * shown exactly once. Unlike SCAN, a page is filled with matches: the walk covers the whole
 * keyspace anyway, and a bounded heap keeps only the count smallest candidates, so a page costs O(n
 * log count) time and O(count) memory beyond the keyspace's copy of its keys.
 *
 * @param keys the page's keys, in order
 * @param cursor where the next page starts, or {@code 0} when this is the last one
 */
record EntryPage(List<ByteKey> keys, String cursor) {
  static final String START = "0";
  private static final String PREFIX = "k";

  static EntryPage select(Collection<ByteKey> all, GlobPattern pattern, String cursor, int count) {
    ByteKey after = decode(cursor);
    PriorityQueue<ByteKey> smallest = new PriorityQueue<>(count + 1, Collections.reverseOrder());
    boolean more = false;
    for (ByteKey key : all) {
      if (after != null && key.compareTo(after) <= 0) {
        continue;
      }
      if (!pattern.matchesAll() && !pattern.matches(key.bytes())) {
        continue;
      }
      smallest.add(key);
      if (smallest.size() > count) {
        smallest.poll();
        more = true;
      }
    }
    List<ByteKey> keys = new ArrayList<>(smallest);
    Collections.sort(keys);
    String next =
        more
            ? PREFIX
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(keys.get(keys.size() - 1).bytes())
            : START;
    return new EntryPage(keys, next);
  }

  /** The key a cursor continues after, or null for the start. */
  private static ByteKey decode(String cursor) {
    if (cursor.equals(START)) {
      return null;
    }
    if (cursor.startsWith(PREFIX)) {
      try {
        return new ByteKey(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())));
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    throw ApiException.badRequest(
        "cursor '" + cursor + "' is not one this API gave; use 0 to start a listing");
  }
}
