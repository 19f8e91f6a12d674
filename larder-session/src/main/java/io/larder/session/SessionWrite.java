package io.larder.session;

import java.util.List;
import java.util.Map;

/**
 * What one save writes to a session's hash: fields to set (by their full field names), attributes
 * to delete, and the expiry to set afterwards.
 *
 * @param fields field name to bytes, HSET in one command; may be empty
 * @param removedAttributes attribute names whose fields are deleted (HDEL)
 * @param ttlMillis the key's new time to live after the writes (PEXPIRE), zero or less for none
 *     (PERSIST), or null to leave it
 */
record SessionWrite(
    String id, Map<String, byte[]> fields, List<String> removedAttributes, Long ttlMillis) {

  boolean isEmpty() {
    return fields.isEmpty() && removedAttributes.isEmpty() && ttlMillis == null;
  }
}
