package rwsweep.driver.store;

import java.util.Comparator;
import java.util.Locale;

/**
 * What a results directory holds: training trials, or the points of a random-walk sweep. Each
 * kind has its own columns and CSV file in the same store design (keyed records, compaction into
 * one Parquet file, exactly once); {@code store.properties} names the kind (a directory without
 * the entry holds trials, as every directory did before random-walk sweeps).
 */
public enum StoreKind {
    TRIALS("train", "trial", ResultColumns.TABLE, "trials.csv",
            new String[] {"sweep", "task", "f", "depth", "width", "init", "g", "gIn", "gOut",
                "lambdaIn", "lambdaOut", "dMax", "epochs", "batch", "seed", "key"}),
    WALKS("randomwalk", "walk point", WalkColumns.TABLE, "walks.csv",
            new String[] {"sweep", "kind", "f", "width", "depth", "init", "g", "data", "source", "nets", "seed", "key"});

    private final String label;
    private final String noun;
    private final StoreColumns<?> columns;
    private final String csv;
    private final String[] order;
    private final Comparator<TableRow> tableOrder;

    StoreKind(String label, String noun, StoreColumns<?> columns, String csv, String[] order) {
        this.label = label;
        this.noun = noun;
        this.columns = columns;
        this.csv = csv;
        this.order = order;
        this.tableOrder = tableOrder(columns, order);
    }

    /** As store.properties and a sweep file's {@code kind} write it. */
    public String label() { return label; }

    StoreColumns<?> columns() { return columns; }

    /** What one record is, for messages: trial, walk point. */
    String noun() { return noun; }

    /** The CSV file of the table, beside results.parquet. */
    String csvFile() { return csv; }

    /** Columns that order the table (then key): rows of a grid come out grouped as the grid reads. */
    String[] order() { return order.clone(); }

    /** The order of the table's rows: by {@link #order()}, nulls (a column an older record lacks) first. */
    Comparator<TableRow> tableOrder() { return tableOrder; }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<TableRow> tableOrder(StoreColumns<?> columns, String[] order) {
        Comparator<TableRow> out = null;
        for (String name : order) {
            int i = columns.index(name);
            if (i < 0) throw new IllegalArgumentException("no column " + name + " to order by");
            Comparator<TableRow> c = Comparator.comparing(r -> (Comparable) r.get(i), Comparator.nullsFirst(Comparator.naturalOrder()));
            out = out == null ? c : out.thenComparing(c);
        }
        return out;
    }

    /** The kind a store.properties entry names; absent means trials. */
    static StoreKind ofLabel(String label) {
        if (label == null) return TRIALS;
        for (StoreKind k : values()) if (k.label.equals(label.trim().toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown store kind '" + label + "'");
    }
}
