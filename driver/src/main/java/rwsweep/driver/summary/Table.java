package rwsweep.driver.summary;

import java.util.ArrayList;
import rwsweep.driver.store.CsvFile;
import java.util.List;

/**
 * One table of the summary as text cells, rendered four ways from the same cells — CSV, Markdown,
 * HTML and aligned terminal text — so the report shows exactly what the CSV file holds.
 * {@link #id()} names the CSV file and the HTML table.
 */
public final class Table {
    private final String id;
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String id, String title, List<String> columns) {
        this.id = id;
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** Appends a row; it must have one cell per column. */
    public Table add(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("table " + id + ": row of " + cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public String id() { return id; }
    public String title() { return title; }
    public List<String> columns() { return columns; }
    public List<List<String>> rows() { return List.copyOf(rows); }

    /** The table as CSV ({@link CsvFile}, the format of every CSV file rwsweep writes): the columns, then one line per row. */
    public String csv() {
        return CsvFile.text(columns, rows);
    }

    /** The table for a terminal: the title, then columns left-aligned two spaces apart under a rule. */
    public String text() {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) width[i] = columns.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], row.get(i).length());
        }
        StringBuilder b = new StringBuilder(title).append("\n\n");
        textLine(b, columns, width);
        textLine(b, java.util.Arrays.stream(width).mapToObj("-"::repeat).toList(), width);
        for (List<String> row : rows) textLine(b, row, width);
        return b.toString();
    }

    private static void textLine(StringBuilder b, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) line.append("  ");
            line.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }

    /** A GitHub-flavoured Markdown table under a level-3 heading with the title. */
    public String markdown() {
        StringBuilder b = new StringBuilder("### ").append(title).append("\n\n");
        mdLine(b, columns);
        b.append('|');
        for (int i = 0; i < columns.size(); i++) b.append("---|");
        b.append('\n');
        for (List<String> row : rows) mdLine(b, row);
        return b.append('\n').toString();
    }

    private static void mdLine(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        b.append('\n');
    }

    /** An HTML table with {@code id} and a caption; every cell escaped. */
    public String html() {
        StringBuilder b = new StringBuilder("<table id=\"").append(Html.escape(id)).append("\">\n<caption>")
                .append(Html.escape(title)).append("</caption>\n<thead><tr>");
        for (String c : columns) b.append("<th>").append(Html.escape(c)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String c : row) b.append("<td>").append(Html.escape(c)).append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }
}
