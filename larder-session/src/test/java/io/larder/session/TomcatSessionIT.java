package io.larder.session;

import java.util.Map;

/** The end-to-end contract on embedded Tomcat 11. */
class TomcatSessionIT extends ServletContainerContract {
  @Override
  AppServer start(Map<String, String> contextParams) {
    return TomcatServer.start(contextParams);
  }
}
