package io.larder.server.command;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * INCRBYFLOAT's arithmetic, bit for bit as Redis does it on x86-64: both operands are read the way
 * {@code strtold} reads them (decimal or hex, "inf", correctly rounded to the x87 80-bit extended
 * format), added in that format, and the sum printed with {@code "%.17Lf"} less its trailing zeros
 * (Redis's {@code ld2string} in {@code LD_STR_HUMAN} mode).
 *
 * <p>Why not {@code double} or {@code BigDecimal}: the printed text depends on the 64-bit
 * significand. In Redis {@code 1e20 + 0.1} is {@code 100000000000000000000} and {@code 10.5 + 0.1}
 * is {@code 10.6}; a double prints neither, an exact decimal not the first. So a value is held
 * exactly as {@code significand × 2^exponent} in a {@link BigInteger}, every operation rounds to 64
 * significant bits half-to-even (subnormals included), and printing is exact decimal rounding of
 * that binary value, as glibc's printf does. Inputs are at most 5119 characters long (Redis's
 * {@code MAX_LONG_DOUBLE_CHARS}), which bounds every number here to a few thousand digits.
 */
final class StringLongDouble {
  static final CommandException NAN_OR_INFINITY =
      new CommandException("ERR increment would produce NaN or Infinity");

  private static final int PRECISION = 64;

  /** Exponent of the least subnormal, 2^-16445. */
  private static final int MIN_EXPONENT = -16445;

  /** Exponent of the greatest finite value's significand: (2^64 - 1) × 2^16320. */
  private static final int MAX_EXPONENT = 16383 - (PRECISION - 1);

  /** A decimal whose leading digit stands at 10^4933 or above overflows, whatever the digits. */
  private static final int MAX_DECIMAL_MAGNITUDE = 4933;

  /** One whose leading digit stands at 10^-4953 or below rounds to zero (half 2^-16445 is more). */
  private static final int MIN_DECIMAL_MAGNITUDE = -4952;

  private static final int MAX_TEXT_LENGTH = 5 * 1024 - 1;
  private static final int PRINTED_DECIMALS = 17;
  private static final BigInteger PRINT_SCALE = BigInteger.TEN.pow(PRINTED_DECIMALS);

  /** Exponents are clamped here while parsing: far outside any finite value, far from overflow. */
  private static final long EXPONENT_CLAMP = 1_000_000;

  /** A finite value significand × 2^exponent (significand signed), or an infinity. */
  private record Value(BigInteger significand, int exponent, boolean infinite) {
    static final Value ZERO = new Value(BigInteger.ZERO, 0, false);
    static final Value INFINITY = new Value(BigInteger.ZERO, 0, true);
  }

  private StringLongDouble() {}

  /**
   * The text INCRBYFLOAT stores: current (null for an absent key) plus increment.
   *
   * @throws CommandException NOT_FLOAT when an operand is not a float, NAN_OR_INFINITY when the sum
   *     is not finite
   */
  static byte[] add(byte[] current, byte[] increment) {
    Value base = current == null ? Value.ZERO : parse(current);
    Value delta = parse(increment);
    if (base.infinite() || delta.infinite()) {
      throw NAN_OR_INFINITY;
    }
    int exponent = Math.min(base.exponent(), delta.exponent());
    BigInteger sum =
        base.significand()
            .shiftLeft(base.exponent() - exponent)
            .add(delta.significand().shiftLeft(delta.exponent() - exponent));
    Value rounded = round(sum.signum() < 0, sum.abs(), BigInteger.ONE, exponent);
    if (rounded.infinite()) {
      throw NAN_OR_INFINITY;
    }
    return format(rounded).getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads text as Redis's string2ld does: all of it must be a number strtold accepts. */
  private static Value parse(byte[] text) {
    if (text.length == 0 || text.length > MAX_TEXT_LENGTH) {
      throw CommandException.NOT_FLOAT;
    }
    Value value = new Reader(text).number();
    if (value == null) {
      throw CommandException.NOT_FLOAT;
    }
    return value;
  }

  /**
   * Rounds the positive rational {@code numerator / denominator × 2^scale} to the extended format.
   * Returns ZERO when it underflows, INFINITY when it overflows.
   */
  private static Value round(
      boolean negative, BigInteger numerator, BigInteger denominator, long scale) {
    if (numerator.signum() == 0) {
      return Value.ZERO;
    }
    long topBit = floorLog2(numerator, denominator) + scale;
    long exponent = Math.max(topBit - (PRECISION - 1), MIN_EXPONENT);
    long shift = scale - exponent;
    BigInteger dividend = shift >= 0 ? numerator.shiftLeft((int) shift) : numerator;
    BigInteger divisor = shift >= 0 ? denominator : denominator.shiftLeft((int) -shift);
    BigInteger significand = roundHalfEven(dividend.divideAndRemainder(divisor), divisor);
    if (significand.bitLength() > PRECISION) {
      significand = significand.shiftRight(1); // it was exactly 2^64
      exponent++;
    }
    if (significand.signum() == 0) {
      return Value.ZERO;
    }
    if (exponent > MAX_EXPONENT) {
      return Value.INFINITY;
    }
    return new Value(negative ? significand.negate() : significand, (int) exponent, false);
  }

  /** floor(log2(numerator / denominator)) for positive operands. */
  private static long floorLog2(BigInteger numerator, BigInteger denominator) {
    int guess = numerator.bitLength() - denominator.bitLength(); // the answer or one more
    boolean reached =
        guess >= 0
            ? numerator.compareTo(denominator.shiftLeft(guess)) >= 0
            : numerator.shiftLeft(-guess).compareTo(denominator) >= 0;
    return reached ? guess : guess - 1;
  }

  private static BigInteger roundHalfEven(BigInteger[] quotientAndRemainder, BigInteger divisor) {
    BigInteger quotient = quotientAndRemainder[0];
    int half = quotientAndRemainder[1].shiftLeft(1).compareTo(divisor);
    return half > 0 || (half == 0 && quotient.testBit(0)) ? quotient.add(BigInteger.ONE) : quotient;
  }

  /** {@code "%.17Lf"} with trailing zeros (and a bare point) removed; "-0" prints as "0". */
  private static String format(Value value) {
    BigInteger magnitude = value.significand().abs();
    String digits;
    if (value.exponent() >= 0) {
      digits = magnitude.shiftLeft(value.exponent()).toString();
    } else {
      BigInteger scaled = magnitude.multiply(PRINT_SCALE);
      BigInteger divisor = BigInteger.ONE.shiftLeft(-value.exponent());
      BigInteger printed = roundHalfEven(scaled.divideAndRemainder(divisor), divisor);
      if (printed.signum() == 0) {
        return "0";
      }
      digits = withPoint(printed);
    }
    return value.significand().signum() < 0 ? "-" + digits : digits;
  }

  /** A number of hundred-quadrillionths as decimal text without trailing zeros. */
  private static String withPoint(BigInteger fixedPoint) {
    BigInteger[] parts = fixedPoint.divideAndRemainder(PRINT_SCALE);
    String fraction = parts[1].toString();
    int end = fraction.length();
    while (end > 0 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    if (end == 0) {
      return parts[0].toString();
    }
    String padding = "0".repeat(PRINTED_DECIMALS - fraction.length());
    return parts[0] + "." + padding + fraction.substring(0, end);
  }

  /** strtold's grammar in the C locale, with Redis's demand that the whole text be the number. */
  private static final class Reader {
    private final byte[] text;
    private int at;

    Reader(byte[] text) {
      this.text = text;
    }

    /** The value, or null when the text is not a number or rounds to zero or infinity. */
    Value number() {
      boolean negative = accept('-');
      if (!negative) {
        accept('+');
      }
      Value value;
      if (acceptWord("infinity") || acceptWord("inf")) {
        value = Value.INFINITY;
      } else if (at + 2 < text.length && text[at] == '0' && (text[at + 1] | 0x20) == 'x') {
        at += 2;
        value = hexadecimal(negative);
      } else {
        value = decimal(negative);
      }
      return at == text.length ? value : null;
    }

    private Value decimal(boolean negative) {
      StringBuilder digits = new StringBuilder();
      int fractionDigits = mantissa(digits, 10);
      if (fractionDigits < 0) {
        return null;
      }
      long exponent = exponent('e') - fractionDigits;
      BigInteger mantissa = new BigInteger(digits.toString());
      if (mantissa.signum() == 0) {
        return Value.ZERO;
      }
      // strtold answers ERANGE (so Redis rejects) when the value overflows or rounds to zero
      long magnitude = digits.length() - leadingZeros(digits) - 1 + exponent;
      if (magnitude > MAX_DECIMAL_MAGNITUDE || magnitude < MIN_DECIMAL_MAGNITUDE) {
        return null;
      }
      Value value =
          exponent >= 0
              ? round(
                  negative,
                  mantissa.multiply(BigInteger.TEN.pow((int) exponent)),
                  BigInteger.ONE,
                  0)
              : round(negative, mantissa, BigInteger.TEN.pow((int) -exponent), 0);
      return finiteOrNull(value);
    }

    private Value hexadecimal(boolean negative) {
      StringBuilder digits = new StringBuilder();
      int fractionDigits = mantissa(digits, 16);
      if (fractionDigits < 0) {
        return null;
      }
      long exponent = exponent('p') - 4L * fractionDigits;
      BigInteger mantissa = new BigInteger(digits.toString(), 16);
      if (mantissa.signum() == 0) {
        return Value.ZERO;
      }
      long topBit = mantissa.bitLength() - 1 + exponent;
      if (topBit > MAX_EXPONENT + PRECISION || topBit < MIN_EXPONENT - 2) {
        return null;
      }
      return finiteOrNull(round(negative, mantissa, BigInteger.ONE, exponent));
    }

    private static Value finiteOrNull(Value value) {
      return value.infinite() || value == Value.ZERO ? null : value;
    }

    /**
     * Reads digits with an optional point into digits; returns how many followed the point, or -1
     * when there was no digit at all.
     */
    private int mantissa(StringBuilder digits, int radix) {
      int fractionDigits = 0;
      boolean point = false;
      while (at < text.length) {
        byte c = text[at];
        if (c == '.' && !point) {
          point = true;
        } else if (Character.digit(c, radix) >= 0) {
          digits.append((char) c);
          fractionDigits += point ? 1 : 0;
        } else {
          break;
        }
        at++;
      }
      return digits.length() == 0 ? -1 : fractionDigits;
    }

    /**
     * An optional exponent (marker, sign, decimal digits), clamped. Without digits after it, the
     * marker is left unread, as strtold leaves it, so the whole text is then rejected.
     */
    private long exponent(char marker) {
      if (at >= text.length || (text[at] | 0x20) != marker) {
        return 0;
      }
      int start = at++;
      boolean negative = accept('-');
      if (!negative) {
        accept('+');
      }
      if (at >= text.length || !isDigit(text[at])) {
        at = start;
        return 0;
      }
      long value = 0;
      while (at < text.length && isDigit(text[at])) {
        value = Math.min(value * 10 + (text[at++] - '0'), EXPONENT_CLAMP);
      }
      return negative ? -value : value;
    }

    private boolean accept(char c) {
      if (at < text.length && text[at] == c) {
        at++;
        return true;
      }
      return false;
    }

    private boolean acceptWord(String word) {
      if (text.length - at < word.length()) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if ((text[at + i] | 0x20) != word.charAt(i)) {
          return false;
        }
      }
      at += word.length();
      return true;
    }

    private static boolean isDigit(byte c) {
      return c >= '0' && c <= '9';
    }

    private static int leadingZeros(StringBuilder digits) {
      int zeros = 0;
      while (digits.charAt(zeros) == '0') {
        zeros++;
      }
      return zeros;
    }
  }
}
