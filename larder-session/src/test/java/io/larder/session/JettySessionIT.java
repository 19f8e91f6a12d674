package io.larder.session;

import java.util.Map;

/** The end-to-end contract on embedded Jetty 12 (ee10, Servlet 6.0). */
class JettySessionIT extends ServletContainerContract {
  @Override
  AppServer start(Map<String, String> contextParams) {
    return JettyServer.start(contextParams);
  }
}
