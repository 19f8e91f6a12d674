package io.larder.server.tenant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that hold secrets (access keys, the admin token): readable by their owner only. */
public final class SecretFiles {
  private SecretFiles() {}

  /** Writes text to file, creating it with mode 0600 so it is never readable by others. */
  public static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(
        file,
        text,
        StandardCharsets.UTF_8,
        Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)
            .toArray(new StandardOpenOption[0]));
  }
}
