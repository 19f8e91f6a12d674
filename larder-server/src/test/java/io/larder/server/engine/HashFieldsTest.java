package io.larder.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashFieldsTest {
  @Test
  void put_newAndExistingFields_reportsOnlyNewOnes() {
    HashFields fields = new HashFields();

    assertThat(fields.put(b("a"), b("1"))).isTrue();
    assertThat(fields.put(b("a"), b("2"))).isFalse();

    assertThat(text(fields.get(b("a")))).isEqualTo("2");
    assertThat(fields.get(b("missing"))).isNull();
    assertThat(fields.size()).isEqualTo(1);
  }

  @Test
  void forEach_compactHash_listsInInsertionOrderWithUpdatesInPlace() {
    HashFields fields = filled(5);
    fields.put(b("f1"), b("changed"));
    fields.remove(b("f0"));
    fields.put(b("f0"), b("back"));

    assertThat(names(fields)).containsExactly("f1", "f2", "f3", "f4", "f0");
    assertThat(text(fields.get(b("f1")))).isEqualTo("changed");
  }

  @Test
  void put_beyondCompactLimit_keepsEveryFieldAndItsOrder() {
    HashFields fields = filled(HashFields.COMPACT_MAX_ENTRIES + 50);

    assertThat(fields.size()).isEqualTo(HashFields.COMPACT_MAX_ENTRIES + 50);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < HashFields.COMPACT_MAX_ENTRIES + 50; i++) {
      expected.add("f" + i);
      assertThat(text(fields.get(b("f" + i)))).isEqualTo("v" + i);
    }
    assertThat(names(fields)).isEqualTo(expected);
  }

  @Test
  void remove_presentAndAbsentFields_reportsWhatWasRemoved() {
    for (int size : new int[] {3, 200}) {
      HashFields fields = filled(size);

      assertThat(fields.remove(b("f1"))).isTrue();
      assertThat(fields.remove(b("f1"))).isFalse();
      assertThat(fields.size()).isEqualTo(size - 1);
      assertThat(fields.get(b("f1"))).isNull();
    }
  }

  @Test
  void weight_afterRemovingEverything_returnsToEmptyWeight() {
    HashFields fields = new HashFields();
    long empty = fields.weight();
    fields.put(b("field"), b("value"));
    fields.put(b("field"), b("a longer value"));
    assertThat(fields.weight()).isGreaterThan(empty);

    fields.remove(b("field"));

    assertThat(fields.weight()).isEqualTo(empty);
  }

  @Test
  void toPairs_anyHash_alternatesFieldsAndValuesInListingOrder() {
    HashFields fields = filled(3);

    byte[][] pairs = fields.toPairs();

    List<String> texts = new ArrayList<>();
    for (byte[] pair : pairs) {
      texts.add(text(pair));
    }
    assertThat(texts).containsExactly("f0", "v0", "f1", "v1", "f2", "v2");
  }

  @Test
  void getAll_presentAndAbsentFields_answersEachInOrderNullWhereAbsent() {
    for (int size : new int[] {3, 200}) {
      HashFields fields = filled(size);

      byte[][] values = fields.getAll(new byte[][] {b("f2"), b("missing"), b("f0")});

      assertThat(values.length).isEqualTo(3);
      assertThat(text(values[0])).isEqualTo("v2");
      assertThat(values[1]).isNull();
      assertThat(text(values[2])).isEqualTo("v0");
    }
  }

  /** The reader is started halfway through the change and must wait for all of it. */
  @Test
  void atomically_readerOnAnotherThreadDuringChange_seesTheWholeChange() throws Exception {
    HashFields fields = new HashFields();
    fields.put(b("a"), b("1"));
    fields.put(b("b"), b("1"));
    List<String> seen = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              for (byte[] fieldOrValue : fields.toPairs()) {
                seen.add(text(fieldOrValue));
              }
            });

    fields.atomically(
        () -> {
          fields.put(b("a"), b("2"));
          reader.start();
          while (reader.isAlive() && reader.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
          }
          return fields.put(b("b"), b("2"));
        });
    reader.join();

    assertThat(seen).containsExactly("a", "2", "b", "2");
  }

  @Test
  void copy_thenChangeOriginal_leavesCopyAlone() {
    HashFields fields = filled(3);
    HashFields copy = fields.copy();

    fields.put(b("f0"), b("new"));
    fields.remove(b("f1"));

    assertThat(names(copy)).containsExactly("f0", "f1", "f2");
    assertThat(text(copy.get(b("f0")))).isEqualTo("v0");
  }

  @Test
  void randomPair_anyHash_returnsAFieldWithItsValue() {
    Random random = new Random(42);
    assertThat(new HashFields().randomPair(random)).isNull();
    for (int size : new int[] {3, 200}) {
      HashFields fields = filled(size);
      Set<String> picked = new HashSet<>();
      for (int i = 0; i < 2000; i++) {
        byte[][] pair = fields.randomPair(random);
        assertThat(text(pair[1])).isEqualTo("v" + text(pair[0]).substring(1));
        picked.add(text(pair[0]));
      }
      assertThat(picked).hasSize(size);
    }
  }

  @Test
  void scan_compactHash_visitsEverythingAndEnds() {
    HashFields fields = filled(10);
    List<String> seen = new ArrayList<>();

    long next = fields.scan(12345, 1, (field, value) -> seen.add(text(field)));

    assertThat(next).isZero();
    assertThat(seen).isEqualTo(names(fields));
  }

  @Test
  void scan_largeUnchangingHash_visitsEachFieldOnceInPagesOfAboutCount() {
    HashFields fields = filled(1000);
    List<String> seen = new ArrayList<>();
    long cursor = 0;
    int pages = 0;
    do {
      int before = seen.size();
      cursor = fields.scan(cursor, 10, (field, value) -> seen.add(text(field)));
      assertThat(seen.size() - before).isBetween(1, 20);
      pages++;
    } while (cursor != 0);

    assertThat(seen).hasSize(1000).doesNotHaveDuplicates();
    assertThat(pages).isBetween(90, 100);
  }

  @Test
  void scan_largeHashChangingBetweenPages_visitsEveryFieldPresentThroughout() {
    HashFields fields = filled(500);
    for (int i = 0; i < 500; i++) {
      fields.put(b("doomed" + i), b("x"));
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    do {
      cursor = fields.scan(cursor, 7, (field, value) -> seen.add(text(field)));
      fields.put(b("added" + step), b("x"));
      fields.remove(b("doomed" + step));
      step++;
    } while (cursor != 0);

    for (int i = 0; i < 500; i++) {
      assertThat(seen).contains("f" + i);
    }
  }

  @Test
  void scan_cursorBeyondEveryHash_endsAtOnce() {
    HashFields fields = filled(200);
    List<String> seen = new ArrayList<>();

    assertThat(fields.scan(-1, 10, (field, value) -> seen.add(text(field)))).isZero();
    assertThat(fields.scan(1L << 40, 10, (field, value) -> seen.add(text(field)))).isZero();
    assertThat(seen).isEmpty();
  }

  private static HashFields filled(int size) {
    HashFields fields = new HashFields();
    for (int i = 0; i < size; i++) {
      fields.put(b("f" + i), b("v" + i));
    }
    return fields;
  }

  private static List<String> names(HashFields fields) {
    List<String> names = new ArrayList<>();
    fields.forEach((field, value) -> names.add(text(field)));
    return names;
  }

  private static byte[] b(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
