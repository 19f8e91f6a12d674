package io.larder.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A servlet container running the test application ({@link AppServlet}) at the root context. */
interface AppServer extends AutoCloseable {
  int port();

  @Override
  void close();

  /**
   * Puts a jar holding larder-session's {@code META-INF/web-fragment.xml} into {@code
   * webapp/WEB-INF/lib}, so the container registers the filter as it would for an application that
   * ships larder-session: by the fragment, not by test code. The classes themselves come from the
   * test's class path (the web application's loader delegates to it first).
   */
  static void installFragmentJar(Path webapp) {
    installListenerClass(webapp);
    try {
      Path lib = Files.createDirectories(webapp.resolve("WEB-INF/lib"));
      try (InputStream fragment =
              LarderSessionFilter.class
                  .getClassLoader()
                  .getResourceAsStream("META-INF/web-fragment.xml");
          OutputStream file = Files.newOutputStream(lib.resolve("larder-session.jar"));
          JarOutputStream jar = new JarOutputStream(file)) {
        if (fragment == null) {
          throw new IllegalStateException("META-INF/web-fragment.xml is not on the class path");
        }
        jar.putNextEntry(new JarEntry("META-INF/web-fragment.xml"));
        fragment.transferTo(jar);
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies {@link RecordingListener}'s class file into {@code WEB-INF/classes}, where the container
   * scans for {@code @WebListener}s and for the classes larder-session's initializer handles.
   */
  private static void installListenerClass(Path webapp) {
    String file = RecordingListener.class.getName().replace('.', '/') + ".class";
    try (InputStream in = RecordingListener.class.getClassLoader().getResourceAsStream(file)) {
      Path target = webapp.resolve("WEB-INF/classes").resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
