package io.larder.server.command;

import io.larder.server.engine.HashFields;
import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN: pages through a hash's fields and values. A small hash answers whole in one page with
 * cursor 0, as Redis answers for a listpack; a large one pages in the order described at {@link
 * HashFields#scan}, so every field present for the whole scan is returned at least once.
 *
 * <p>As in Redis, the cursor is checked before the key, the options only when the key exists, and
 * MATCH filters a page after it is chosen (a page may come back empty with a non-zero cursor).
 */
final class HashScan {
  private HashScan() {}

  static void hscan(Request request) {
    long cursor = ScanOptions.parseCursor(request.arg(2));
    HashFields fields = HashCommands.readHash(request);
    if (fields == null) {
      request.reply().arrayHeader(2);
      request.reply().bulk("0");
      request.reply().arrayHeader(0);
      return;
    }
    ScanOptions options = ScanOptions.parse(request, 3, false);

    List<byte[]> found = new ArrayList<>();
    long next =
        fields.scan(
            cursor,
            options.count(),
            (field, value) -> {
              if (options.matches(field)) {
                found.add(field);
                found.add(value);
              }
            });
    request.reply().arrayHeader(2);
    request.reply().bulk(Long.toUnsignedString(next));
    request.reply().arrayHeader(found.size());
    for (byte[] fieldOrValue : found) {
      request.reply().bulk(fieldOrValue);
    }
  }
}
