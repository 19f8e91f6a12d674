package io.larder.session;

import io.larder.server.testing.TestServer;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** An embedded Tomcat 11 running the test application with larder-session's web-fragment. */
final class TomcatServer implements AppServer {
  private final Tomcat tomcat;
  private final Path base;

  private TomcatServer(Tomcat tomcat, Path base) {
    this.tomcat = tomcat;
    this.base = base;
  }

  static TomcatServer start(Map<String, String> contextParams) {
    return start(contextParams, null);
  }

  /** Started with a further initializer of the application's (e.g. a framework's), or null. */
  static TomcatServer start(
      Map<String, String> contextParams, ServletContainerInitializer initializer) {
    try {
      Path base = Files.createTempDirectory("larder-tomcat");
      Path webapp = Files.createDirectories(base.resolve("webapp"));
      AppServer.installFragmentJar(webapp);
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(base.toString());
      tomcat.setPort(0);
      tomcat.getConnector();
      tomcat.setAddDefaultWebXmlToWebapp(false);
      Context context = tomcat.addWebapp("", webapp.toString());
      contextParams.forEach(context::addParameter);
      ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
      WebappLoader loader = new WebappLoader();
      loader.setDelegate(true);
      context.setLoader(loader);
      context.setParentClassLoader(TomcatServer.class.getClassLoader());
      context.addServletContainerInitializer(
          (classes, servletContext) ->
              servletContext.addServlet("app", new AppServlet()).addMapping("/*"),
          null);
      if (initializer != null) {
        context.addServletContainerInitializer(initializer, null);
      }
      tomcat.start();
      if (!context.getState().isAvailable()) {
        throw new IllegalStateException("the web application did not start: " + context.getState());
      }
      return new TomcatServer(tomcat, base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    } finally {
      TestServer.deleteRecursively(base);
    }
  }
}
