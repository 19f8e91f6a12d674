package io.larder.server.testing;

import java.io.File;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds binaries that integration tests drive (redis-server, redis-benchmark, chromium). Missing
 * binaries skip the test with a clear message, except when {@code
 * larder.requireExternalBinaries=true} (CI sets it), where absence fails the test.
 */
public final class ExternalBinaries {
  private ExternalBinaries() {}

  public static String require(String name) {
    return require(name, "redis-server");
  }

  /** Like {@link #require(String)}, naming the Debian package that installs the binary. */
  public static String require(String name, String debianPackage) {
    Optional<String> path = find(name);
    if (path.isPresent()) {
      return path.get();
    }
    String message = name + " is not installed (apt-get install " + debianPackage + ")";
    if (Boolean.getBoolean("larder.requireExternalBinaries")) {
      throw new AssertionError(message + "; CI requires it");
    }
    Assumptions.abort(message + "; skipping");
    return null;
  }

  public static Optional<String> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.canExecute()) {
        return Optional.of(candidate.getAbsolutePath());
      }
    }
    return Optional.empty();
  }
}
