package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.larder.server.engine.ByteKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyScanTest {

  @Test
  void parseCursor_decimal_readsUnsigned64Bit() {
    assertThat(ScanOptions.parseCursor(bytes("0"))).isZero();
    assertThat(ScanOptions.parseCursor(bytes("007"))).isEqualTo(7);
    assertThat(ScanOptions.parseCursor(bytes("+12"))).isEqualTo(12);
    assertThat(ScanOptions.parseCursor(bytes("18446744073709551615"))).isEqualTo(-1L);
  }

  @Test
  void parseCursor_likeStrtoul_emptyIsZeroAndNegativeWraps() {
    assertThat(ScanOptions.parseCursor(bytes(""))).isZero();
    assertThat(ScanOptions.parseCursor(bytes("-0"))).isZero();
    assertThat(ScanOptions.parseCursor(bytes("-1"))).isEqualTo(-1L);
    assertThat(ScanOptions.parseCursor(bytes("-18446744073709551615"))).isEqualTo(1);
  }

  @Test
  void parseCursor_malformedOrTooLarge_throwsInvalidCursor() {
    for (String bad :
        List.of(
            "+",
            "-",
            " 0",
            "0 ",
            "0x1",
            "abc",
            "1.5",
            "18446744073709551616",
            "99999999999999999999")) {
      assertThatThrownBy(() -> ScanOptions.parseCursor(bytes(bad)))
          .as(bad)
          .hasMessage("ERR invalid cursor");
    }
  }

  @Test
  void page_sameOrderKeys_areNeverSplit() {
    // "Aa" and "BB" have the same hash, so the same order
    ByteKey[] sorted = sorted("Aa", "BB", "x", "y", "z");
    long collided = KeyScan.order(ByteKey.of("Aa"));
    assertThat(KeyScan.order(ByteKey.of("BB"))).isEqualTo(collided);

    KeyScan.Page page = KeyScan.page(sorted, collided, 1);

    assertThat(page.to() - page.from()).isEqualTo(2);
    assertThat(Arrays.asList(sorted).subList(page.from(), page.to()))
        .containsExactlyInAnyOrder(ByteKey.of("Aa"), ByteKey.of("BB"));
  }

  @Test
  void page_followingCursors_visitEveryKeyExactlyOnce() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add("key:" + i);
    }
    ByteKey[] sorted = sorted(names.toArray(new String[0]));
    List<ByteKey> seen = new ArrayList<>();
    long cursor = 0;
    int pages = 0;
    do {
      KeyScan.Page page = KeyScan.page(sorted, cursor, 7);
      seen.addAll(Arrays.asList(sorted).subList(page.from(), page.to()));
      cursor = page.next();
      pages++;
    } while (cursor != 0);

    assertThat(seen).containsExactlyInAnyOrder(sorted);
    assertThat(pages).isBetween(1000 / 8, 1000 / 7 + 1);
  }

  @Test
  void page_cursorFromAnotherSnapshot_resumesAtTheSameOrder() {
    ByteKey[] before = sorted("a", "b", "c", "d", "e", "f");
    KeyScan.Page first = KeyScan.page(before, 0, 3);
    ByteKey[] after = sorted("a", "b", "c", "d", "e", "f", "g", "h");

    KeyScan.Page rest = KeyScan.page(after, first.next(), Long.MAX_VALUE);

    List<ByteKey> seen = new ArrayList<>(Arrays.asList(before).subList(first.from(), first.to()));
    seen.addAll(Arrays.asList(after).subList(rest.from(), rest.to()));
    assertThat(seen).doesNotHaveDuplicates().containsAll(Arrays.asList(before));
    assertThat(rest.next()).isZero();
  }

  @Test
  void page_cursorBeyondEveryOrder_isEmptyAndEndsIteration() {
    ByteKey[] sorted = sorted("a", "b");

    KeyScan.Page page = KeyScan.page(sorted, 1L << 32, 10);

    assertThat(page.to()).isEqualTo(page.from());
    assertThat(page.next()).isZero();
    assertThat(KeyScan.page(new ByteKey[0], 0, 10).next()).isZero();
  }

  private static ByteKey[] sorted(String... names) {
    return Arrays.stream(names)
        .map(ByteKey::of)
        .sorted(Comparator.comparingLong(KeyScan::order))
        .toArray(ByteKey[]::new);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
