package io.larder.server.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of {@code larder cache …} in-process, its output and exit status captured. */
record CliRun(int status, String out, String err) {
  /** A terminal nobody sits at: stdin and stdout are pipes. */
  static final Terminal NO_TERMINAL =
      new Terminal() {
        @Override
        public boolean interactive() {
          return false;
        }

        @Override
        public String ask(String prompt) {
          throw new AssertionError("asked '" + prompt + "' with no terminal");
        }
      };

  /** A terminal with a user on it who must not be asked anything. */
  static final Terminal UNASKED_USER =
      new Terminal() {
        @Override
        public boolean interactive() {
          return true;
        }

        @Override
        public String ask(String prompt) {
          throw new AssertionError("asked '" + prompt + "' when nothing should be asked");
        }
      };

  /** A terminal whose user types {@code line} after any prompt. */
  static Terminal typing(String line) {
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public String ask(String prompt) {
        return line;
      }
    };
  }

  static CliRun run(Map<String, String> env, Terminal terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CacheCommandLine.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            terminal);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
