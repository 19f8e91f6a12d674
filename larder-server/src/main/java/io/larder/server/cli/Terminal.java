package io.larder.server.cli;

import java.io.Console;

/** The person at the keyboard, when there is one: asked to confirm a destructive command. */
interface Terminal {
  /** Whether someone can answer (false when input or output is a pipe or a file). */
  boolean interactive();

  /** Shows the prompt and returns the line typed, or null at end of input. */
  String ask(String prompt);

  /** The process's console, or a terminal that is not interactive when there is none. */
  static Terminal system() {
    Console console = System.console();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return console != null;
      }

      @Override
      public String ask(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
      }
    };
  }
}
