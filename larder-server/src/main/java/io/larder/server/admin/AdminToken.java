package io.larder.server.admin;

import io.larder.server.tenant.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token that guards the admin plane (DESIGN.md D5): given by {@code LARDER_ADMIN_TOKEN},
 * or generated on first start and kept in {@code admin.token} (mode 0600) in the data directory.
 */
public final class AdminToken {
  public static final String FILE_NAME = "admin.token";

  private final byte[] token;
  private final Path file;

  private AdminToken(String token, Path file) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.file = file;
  }

  /**
   * @param given the token from the environment, or null to use (or create) the stored one
   */
  public static AdminToken load(Path dataDir, String given) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (given != null && !given.isBlank()) {
      return new AdminToken(given.trim(), null);
    }
    if (Files.exists(file)) {
      return new AdminToken(Files.readString(file, StandardCharsets.UTF_8).trim(), file);
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(dataDir);
    SecretFiles.write(file, token + "\n");
    return new AdminToken(token, file);
  }

  /** Compares in constant time. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** Where the token is stored, or null when it came from the environment. */
  public Path file() {
    return file;
  }
}
