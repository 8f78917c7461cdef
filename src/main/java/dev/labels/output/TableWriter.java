package dev.labels.output;

import dev.labels.text.SafeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people at a terminal: a header row, then one row per entry, columns two spaces apart,
 * the last column not padded. Every cell goes through {@link SafeText#escape}, so no control character reaches the
 * terminal and every row is one line. Widths count characters (code points), not terminal cells: wide CJK
 * characters and emoji can shift a row, which is acceptable for reading and never for parsing (use json).
 */
public final class TableWriter {
    private static final String GAP = "  ";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TableWriter(String... header) {
        this.header = List.of(header);
    }

    public TableWriter add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(SafeText.escape(cell == null ? "" : cell));
        }
        rows.add(row);
        return this;
    }

    public String write() {
        int[] widths = new int[header.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - width(cell))).append(GAP);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }
}
