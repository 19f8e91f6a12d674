package io.larder.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.command.GlobPattern;
import io.larder.server.engine.ByteKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryPageTest {
  private static final GlobPattern ALL = GlobPattern.of(new byte[] {'*'});

  private static List<ByteKey> keys(String... names) {
    List<ByteKey> keys = new ArrayList<>();
    for (String name : names) {
      keys.add(ByteKey.of(name));
    }
    return keys;
  }

  private static List<String> names(EntryPage page) {
    return page.keys().stream().map(ByteKey::toString).toList();
  }

  @Test
  void select_fewerKeysThanCount_returnsAllSortedAndCursorZero() {
    EntryPage page = EntryPage.select(keys("c", "a", "b"), ALL, "0", 10);

    assertThat(names(page)).containsExactly("a", "b", "c");
    assertThat(page.cursor()).isEqualTo("0");
  }

  @Test
  void select_followingCursors_visitsEveryKeyOnceInOrder() {
    List<ByteKey> all = keys("e", "b", "g", "a", "f", "c", "d");
    List<String> seen = new ArrayList<>();

    String cursor = "0";
    do {
      EntryPage page = EntryPage.select(all, ALL, cursor, 3);
      seen.addAll(names(page));
      cursor = page.cursor();
    } while (!cursor.equals("0"));

    assertThat(seen).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void select_keyDeletedBetweenPages_doesNotDisturbTheRest() {
    EntryPage first = EntryPage.select(keys("a", "b", "c", "d"), ALL, "0", 2);

    EntryPage second = EntryPage.select(keys("a", "c", "d"), ALL, first.cursor(), 2);

    assertThat(names(second)).containsExactly("c", "d");
  }

  @Test
  void select_pattern_fillsThePageWithMatches() {
    GlobPattern users = GlobPattern.of("user:*".getBytes(StandardCharsets.UTF_8));

    EntryPage page = EntryPage.select(keys("a", "user:1", "b", "user:2", "c"), users, "0", 2);

    assertThat(names(page)).containsExactly("user:1", "user:2");
    assertThat(page.cursor()).isEqualTo("0");
  }

  @Test
  void select_unknownCursor_isABadRequest() {
    assertThatThrownBy(() -> EntryPage.select(keys("a"), ALL, "17", 2))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("use 0 to start");
  }
}
