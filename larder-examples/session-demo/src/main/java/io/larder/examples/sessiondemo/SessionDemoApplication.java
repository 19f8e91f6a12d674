package io.larder.examples.sessiondemo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shopping cart kept in {@code HttpSession}. With Larder's starter on the class path and {@code
 * larder.url} set, every instance of the application sees the same carts: run two on different
 * ports, alternate between them, and the cart follows.
 */
@SpringBootApplication
public class SessionDemoApplication {
  public static void main(String[] args) {
    SpringApplication.run(SessionDemoApplication.class, args);
  }
}
