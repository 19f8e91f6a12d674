package io.larder.server.cli;

/**
 * Hides access keys in what is printed for people, so a shared screen or a pasted terminal log does
 * not give a cache away. {@code --show-keys} and {@code cache keys} print them in full.
 */
final class KeyMask {
  static final String MASK = "****";

  private KeyMask() {}

  /**
   * {@code redis://shop:SECRET@host:6380} becomes {@code redis://shop:****@host:6380}; a URL
   * without a password is returned as it is.
   */
  static String connectionString(String url) {
    int authorityStart = url.indexOf("://");
    if (authorityStart < 0) {
      return url;
    }
    authorityStart += 3;
    int authorityEnd = url.indexOf('/', authorityStart);
    String authority =
        authorityEnd < 0
            ? url.substring(authorityStart)
            : url.substring(authorityStart, authorityEnd);
    int at = authority.lastIndexOf('@');
    int colon = at < 0 ? -1 : authority.indexOf(':');
    if (colon < 0 || colon > at) {
      return url;
    }
    return url.substring(0, authorityStart + colon + 1) + MASK + url.substring(authorityStart + at);
  }
}
