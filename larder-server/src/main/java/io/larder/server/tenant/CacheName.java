package io.larder.server.tenant;

import java.util.regex.Pattern;

/**
 * The rules for cache names. A name is the user part of {@code AUTH}, of {@code
 * redis://NAME:KEY@host} URLs and of REST paths, and names a directory, so it is kept to what all
 * of these take unescaped: DNS-label-like names.
 */
public final class CacheName {
  private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /** What a valid name looks like, for error messages. */
  public static final String RULE =
      "1 to 63 lowercase letters (a-z), digits and hyphens, not starting or ending with a hyphen";

  private CacheName() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** Returns name, or throws a {@link TenantException} naming the field and the rule. */
  public static String check(String name) {
    if (name == null) {
      throw TenantException.invalid("name is required: " + RULE);
    }
    if (!isValid(name)) {
      throw TenantException.invalid("name '" + name + "' is not allowed: use " + RULE);
    }
    return name;
  }
}
