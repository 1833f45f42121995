package rwsweep.driver.store;

import java.util.Arrays;

/**
 * One row of a stored table as stored, before any interpretation: a value per column of its
 * {@link StoreColumns} (the trial table's or the walk table's), in that order (String, Integer,
 * Long, Double, int[] or double[] by the column's kind). Compaction moves rows from records and
 * tables to the new table verbatim — also rows an older numerics version wrote, which
 * {@link ResultColumns#toStored} would not accept as this code's — so no column is lost or
 * reinterpreted on the way.
 */
public final class TableRow {
    private final StoreColumns<?> columns;
    private final Object[] values;

    /** {@code values} in column order; the array is kept, not copied. */
    TableRow(StoreColumns<?> columns, Object[] values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        this.columns = columns;
        this.values = values;
    }

    /** The columns of the table the row belongs to. */
    StoreColumns<?> columns() { return columns; }

    /** The value of column {@code i}. */
    Object get(int i) { return values[i]; }

    /** Whether the row has a value in the column named {@code name} (false for a column the row's writer did not have). */
    public boolean has(String name) {
        int i = columns.index(name);
        return i >= 0 && values[i] != null;
    }

    /** The value of the column named {@code name}. */
    @SuppressWarnings("unchecked")
    public <T> T getAs(String name) {
        int i = columns.index(name);
        if (i < 0) throw new IllegalArgumentException("no column " + name);
        return (T) values[i];
    }

    public String key() { return (String) values[0]; }
    public String status() { return getAs("status"); }
    public String finishedAt() { return getAs("finishedAt"); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow other && columns == other.columns && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() { return Arrays.deepHashCode(values); }

    @Override
    public String toString() { return "TableRow" + Arrays.deepToString(values); }
}
