package io.rendermesh.cli;

import java.util.List;

/** Prints rows as aligned columns, the first row as the header. */
final class Table {
    private Table() {
    }

    static void print(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                String cell = r[i] == null ? "" : r[i];
                out.append(cell);
                if (i < cols - 1) out.append(" ".repeat(width[i] - cell.length() + 2));
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
