package io.larder.examples.sessiondemo;

import io.larder.examples.sessiondemo.DemoInstance.Container;

/** {@link SessionSharingContract} with the demo on Tomcat, sharing sessions through Larder. */
class TomcatOnLarderIT extends SessionSharingContract {
  TomcatOnLarderIT() {
    super(Container.TOMCAT, Backend.Kind.LARDER);
  }
}
