package rwsweep.driver.store;

import java.util.Locale;

/**
 * What a results directory holds: training trials, or the points of a random-walk sweep. Each
 * kind has its own columns and CSV file in the same store design (keyed records, compaction into
 * one Parquet file, exactly once); {@code store.properties} names the kind (a directory without
 * the entry holds trials, as every directory did before random-walk sweeps).
 */
public enum StoreKind {
    TRIALS("train", ResultColumns.TABLE, "trials.csv",
            new String[] {"sweep", "task", "f", "depth", "width", "init", "g", "gIn", "gOut",
                "lambdaIn", "lambdaOut", "dMax", "epochs", "batch", "seed", "key"}),
    WALKS("randomwalk", WalkColumns.TABLE, "walks.csv",
            new String[] {"sweep", "kind", "f", "width", "depth", "init", "g", "data", "source", "nets", "seed", "key"});

    private final String label;
    private final StoreColumns<?> columns;
    private final String csv;
    private final String[] order;

    StoreKind(String label, StoreColumns<?> columns, String csv, String[] order) {
        this.label = label;
        this.columns = columns;
        this.csv = csv;
        this.order = order;
    }

    /** As store.properties and a sweep file's {@code kind} write it. */
    public String label() { return label; }

    StoreColumns<?> columns() { return columns; }

    /** The CSV file of the table, beside results.parquet. */
    String csvFile() { return csv; }

    /** Columns that order the table (then key): rows of a grid come out grouped as the grid reads. */
    String[] order() { return order.clone(); }

    /** The kind a store.properties entry names; absent means trials. */
    static StoreKind ofLabel(String label) {
        if (label == null) return TRIALS;
        for (StoreKind k : values()) if (k.label.equals(label.trim().toLowerCase(Locale.ROOT))) return k;
        throw new IllegalArgumentException("unknown store kind '" + label + "'");
    }
}
