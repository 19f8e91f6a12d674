package io.larder.server.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row, then rows, each column as wide as its widest cell, two spaces
 * between columns, no trailing spaces. Cells are left-aligned, so the text reads like {@code ps} or
 * {@code kubectl get}, and {@code awk '{print $1}'} still finds the first column.
 */
final class TableFormatter {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  TableFormatter(String... headers) {
    this.columns = headers.length;
    rows.add(headers);
  }

  TableFormatter row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + columns + " columns");
    }
    rows.add(cells);
    return this;
  }

  String render() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
