package io.larder.examples.sessiondemo;

import io.larder.examples.sessiondemo.DemoInstance.Container;

/** {@link SessionSharingContract} with the demo on Tomcat, sharing sessions through Redis. */
class TomcatOnRedisIT extends SessionSharingContract {
  TomcatOnRedisIT() {
    super(Container.TOMCAT, Backend.Kind.REDIS);
  }
}
