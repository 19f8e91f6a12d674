package io.larder.server.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments the way Redis's {@code sdssplitargs} does:
 * whitespace separates words; "double quotes" take escapes ({@code \n \r \t \b \a \\ \" \xHH});
 * 'single quotes' take only {@code \'}; a closing quote must end the word. As in Redis, any C
 * whitespace ({@code isspace}) is skipped between words and may follow a closing quote, but only
 * space, tab, CR and LF end an unquoted word ({@code a\fb} is one word).
 */
final class InlineSplitter {
  private InlineSplitter() {}

  static byte[][] split(byte[] line) {
    List<byte[]> words = new ArrayList<>();
    int i = 0;
    int n = line.length;
    while (true) {
      while (i < n && isSpace(line[i])) {
        i++;
      }
      if (i >= n) {
        return words.toArray(new byte[0][]);
      }
      ByteArrayOutputStream word = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        if (inDouble) {
          if (i >= n) {
            throw unbalanced();
          }
          byte c = line[i];
          if (c == '\\'
              && i + 3 < n
              && line[i + 1] == 'x'
              && isHex(line[i + 2])
              && isHex(line[i + 3])) {
            word.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
            i += 3;
          } else if (c == '\\' && i + 1 < n) {
            i++;
            word.write(unescape(line[i]));
          } else if (c == '"') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              throw unbalanced();
            }
            done = true;
          } else {
            word.write(c);
          }
        } else if (inSingle) {
          if (i >= n) {
            throw unbalanced();
          }
          byte c = line[i];
          if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
            i++;
            word.write('\'');
          } else if (c == '\'') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              throw unbalanced();
            }
            done = true;
          } else {
            word.write(c);
          }
        } else if (i >= n || endsWord(line[i])) {
          done = true;
        } else if (line[i] == '"') {
          inDouble = true;
        } else if (line[i] == '\'') {
          inSingle = true;
        } else {
          word.write(line[i]);
        }
        if (i < n) {
          i++;
        }
      }
      words.add(word.toByteArray());
    }
  }

  private static int unescape(byte c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b' -> '\b';
      case 'a' -> 7;
      default -> c;
    };
  }

  private static boolean endsWord(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  private static boolean isHex(byte c) {
    return Character.digit(c, 16) >= 0;
  }

  private static RespProtocolException unbalanced() {
    return new RespProtocolException("unbalanced quotes in request");
  }
}
