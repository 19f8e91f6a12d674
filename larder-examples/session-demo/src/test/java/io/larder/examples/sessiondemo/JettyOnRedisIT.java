package io.larder.examples.sessiondemo;

import io.larder.examples.sessiondemo.DemoInstance.Container;

/** {@link SessionSharingContract} with the demo on Jetty, sharing sessions through Redis. */
class JettyOnRedisIT extends SessionSharingContract {
  JettyOnRedisIT() {
    super(Container.JETTY, Backend.Kind.REDIS);
  }
}
