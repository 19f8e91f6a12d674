package io.larder.session;

import io.larder.server.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty 12 (ee10) running the test application with larder-session's web-fragment. */
final class JettyServer implements AppServer {
  private final Server server;
  private final ServerConnector connector;
  private final Path base;

  private JettyServer(Server server, ServerConnector connector, Path base) {
    this.server = server;
    this.connector = connector;
    this.base = base;
  }

  static JettyServer start(Map<String, String> contextParams) {
    Path base = null;
    try {
      base = Files.createTempDirectory("larder-jetty");
      Path webapp = Files.createDirectories(base.resolve("webapp"));
      AppServer.installFragmentJar(webapp);
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      WebAppContext context = new WebAppContext();
      context.setContextPath("/");
      context.setWar(webapp.toString());
      context.setParentLoaderPriority(true);
      context.setThrowUnavailableOnStartupException(true);
      context.addConfiguration(new AnnotationConfiguration());
      contextParams.forEach(context::setInitParameter);
      context.addServletContainerInitializer(
          (classes, servletContext) ->
              servletContext.addServlet("app", new AppServlet()).addMapping("/*"));
      server.setHandler(context);
      server.start();
      return new JettyServer(server, connector, base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      if (base != null) {
        TestServer.deleteRecursively(base);
      }
      throw new IllegalStateException("Jetty did not start", e);
    }
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      TestServer.deleteRecursively(base);
    }
  }
}
