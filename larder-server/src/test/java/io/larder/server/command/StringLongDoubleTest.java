package io.larder.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected texts are what redis-server 7.0.15 on x86-64 answers to INCRBYFLOAT. */
class StringLongDoubleTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "10.5 | 0.1 | 10.6",
        "5.0e3 | 200 | 5200",
        "NONE | 3.0e-5 | 0.00003",
        "0.1 | 0.2 | 0.3",
        "1e20 | 0.1 | 100000000000000000000",
        "NONE | 1e-20 | 0",
        "-0.0 | -0 | 0",
        "NONE | -0.000000000000000001 | 0",
        "NONE | -0.00000000000000001 | -0.00000000000000001",
        "3 | -3 | 0",
        "2.000000000000000005 | 0 | 2",
        "NONE | 0.000003814697265625 | 0.00000381469726562",
        "NONE | 0.000011444091796875 | 0.00001144409179688",
        "NONE | 123456789012345678901234567890 | 123456789012345678899921813504",
        "NONE | 1.23456789012345678901234567890 | 1.23456789012345679",
        "NONE | 9007199254740993 | 9007199254740993",
        "NONE | 18446744073709551617 | 18446744073709551616",
        "NONE | -1.5 | -1.5",
        "NONE | +.5e-3 | 0.0005",
        "NONE | 5. | 5",
        "NONE | .5 | 0.5",
        "NONE | 0e99999999999999999999 | 0",
        "NONE | 1e-4950 | 0",
      })
  void add_redisCases_printsAsRedis(String current, String increment, String expected) {
    assertThat(add(current, increment)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0x1p3 | 8",
        "0x1.8p1 | 3",
        "0x10 | 16",
        "0X.8 | 0.5",
        "0x1p-16445 | 0",
        "0x1.8p-16446 | 0",
      })
  void add_hexadecimalIncrement_readAsStrtoldDoes(String increment, String expected) {
    assertThat(add(null, increment)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x",
        "nan",
        "NaN",
        " 1",
        "1 ",
        ".",
        "1e",
        "1e+",
        "1e4933",
        "1e-4951",
        "1e-5000",
        "0x1p-16446",
        "0x1p16384",
        "1.18973149535723176508e+4932",
        "abc",
        "1_0",
        "--1",
        "+-1",
        "infinit",
        "0xp1",
        ""
      })
  void add_notAFloat_throwsNotFloat(String increment) {
    assertThatThrownBy(() -> add(null, increment)).isSameAs(CommandException.NOT_FLOAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inf", "-Infinity", "+INF"})
  void add_infiniteIncrement_throwsNanOrInfinity(String increment) {
    assertThatThrownBy(() -> add(null, increment)).isSameAs(StringLongDouble.NAN_OR_INFINITY);
  }

  @ParameterizedTest
  @CsvSource({"1.18973149535723176502e+4932, 1.18973149535723176502e+4932", "inf, -inf"})
  void add_sumOverflows_throwsNanOrInfinity(String current, String increment) {
    assertThatThrownBy(() -> add(current, increment)).isSameAs(StringLongDouble.NAN_OR_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(ints = {5119, 5120})
  void add_textAtRedisLengthLimit_acceptedOnlyBelowIt(int length) {
    String text = "0".repeat(length - 1) + "1";
    if (length < 5120) {
      assertThat(add(null, text)).isEqualTo("1");
    } else {
      assertThatThrownBy(() -> add(null, text)).isSameAs(CommandException.NOT_FLOAT);
    }
  }

  @Test
  void add_greatestFiniteValue_printsAllItsDigits() {
    String printed = add(null, "1.18973149535723176502e+4932");
    assertThat(printed).hasSize(4933).startsWith("118973149535723176502126385303097020516906");
  }

  private static String add(String current, String increment) {
    byte[] sum =
        StringLongDouble.add(
            current == null ? null : current.getBytes(StandardCharsets.US_ASCII),
            increment.getBytes(StandardCharsets.US_ASCII));
    return new String(sum, StandardCharsets.US_ASCII);
  }
}
