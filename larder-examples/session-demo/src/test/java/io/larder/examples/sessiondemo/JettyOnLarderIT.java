package io.larder.examples.sessiondemo;

import io.larder.examples.sessiondemo.DemoInstance.Container;

/** {@link SessionSharingContract} with the demo on Jetty, sharing sessions through Larder. */
class JettyOnLarderIT extends SessionSharingContract {
  JettyOnLarderIT() {
    super(Container.JETTY, Backend.Kind.LARDER);
  }
}
