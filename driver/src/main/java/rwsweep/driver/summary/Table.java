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
    /** HTML only, never in the cells: links of cells ("row,column" to href) and ids of rows (anchors to link to). */
    private final java.util.Map<String, String> links = new java.util.HashMap<>();
    private final java.util.Map<Integer, String> anchors = new java.util.HashMap<>();

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

    /** In the HTML, cell (row, column) links to {@code href}; its text (and the CSV, Markdown) stays as it is. */
    public Table link(int row, int column, String href) {
        links.put(row + "," + column, href);
        return this;
    }

    /** In the HTML, row {@code row} carries the id {@code anchor}, for links into the table. */
    public Table anchor(int row, String anchor) {
        anchors.put(row, anchor);
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
        return html(null, List.of());
    }

    /**
     * As {@link #html()}, with one more column at the right, {@code header}, that only the page
     * has: row i's cell is the markup {@code extra.get(i)} (a drawing, not a number: the CSV has
     * the numbers), in a td of class "extra".
     */
    public String html(String header, List<String> extra) {
        StringBuilder b = new StringBuilder("<table id=\"").append(Html.escape(id)).append("\">\n<caption>")
                .append(Html.escape(title)).append("</caption>\n<thead><tr>");
        for (String c : columns) b.append("<th>").append(Html.escape(c)).append("</th>");
        if (header != null) b.append("<th class=\"extra\">").append(Html.escape(header)).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            String anchor = anchors.get(r);
            b.append(anchor == null ? "<tr>" : "<tr id=\"" + Html.escape(anchor) + "\">");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                String href = links.get(r + "," + c);
                b.append("<td>");
                if (href != null) b.append("<a href=\"").append(Html.escape(href)).append("\">");
                b.append(Html.escape(row.get(c)));
                if (href != null) b.append("</a>");
                b.append("</td>");
            }
            if (header != null) b.append("<td class=\"extra\">").append(r < extra.size() ? extra.get(r) : "").append("</td>");
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }
}
