package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards on the portal's own files: no script parses HTML from data, nothing loads from another
 * origin, and nothing needs the inline styles or scripts the Content-Security-Policy forbids.
 */
class PortalSourcesTest {
  private static final Path PORTAL = Path.of("src/main/resources/io/larder/server/portal");

  /** A reference that loads from another origin: src=, href=, url(), import, fetch. */
  private static final String REMOTE_REFERENCE =
      "((src|href)\\s*=\\s*|url\\(\\s*|(import|fetch)\\(\\s*|from\\s+)[\"']?(https?:)?//";

  private static List<Path> files(String extension) throws IOException {
    try (Stream<Path> walk = Files.walk(PORTAL)) {
      return walk.filter(p -> p.toString().endsWith(extension)).toList();
    }
  }

  @Test
  void scripts_neverParseHtmlOrEvaluateText() throws IOException {
    List<Path> scripts = files(".js");

    assertThat(scripts).isNotEmpty();
    for (Path script : scripts) {
      assertThat(Files.readString(script))
          .as(script.toString())
          .doesNotContain(
              "innerHTML",
              "outerHTML",
              "insertAdjacentHTML",
              "document.write",
              "eval(",
              "new Function",
              "setAttribute('style'",
              "setAttribute(\"style\"");
    }
  }

  @Test
  void files_loadNothingFromOtherOriginsAndHaveNoInlineCode() throws IOException {
    for (String extension : List.of(".html", ".js", ".css")) {
      for (Path file : files(extension)) {
        String text = Files.readString(file);
        assertThat(text).as(file.toString()).doesNotContainPattern(REMOTE_REFERENCE);
        if (extension.equals(".html")) {
          assertThat(text).as(file.toString()).doesNotContain(" style=", " onclick=", " onload=");
          assertThat(text).as(file.toString()).doesNotContainPattern("<script>|<script [^>]*>[^<]");
        }
      }
    }
  }
}
