package rwsweep.driver.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the result table as stored, before any interpretation: a value per column of
 * {@link ResultColumns#ALL}, in that order (String, Integer, Long, Double, int[] or double[] by the
 * column's kind). Compaction moves rows from records and tables to the new table verbatim — also
 * rows an older numerics version wrote, which {@link ResultColumns#toStored} would not accept as
 * this code's — so no column is lost or reinterpreted on the way.
 */
public final class TableRow {
    private static final Map<String, Integer> INDEX = new HashMap<>();
    static {
        List<ResultColumns.Column> all = ResultColumns.ALL;
        for (int i = 0; i < all.size(); i++) INDEX.put(all.get(i).name(), i);
    }

    private final Object[] values;

    /** {@code values} in column order; the array is kept, not copied. */
    TableRow(Object[] values) {
        if (values.length != ResultColumns.ALL.size()) {
            throw new IllegalArgumentException(values.length + " values for " + ResultColumns.ALL.size() + " columns");
        }
        this.values = values;
    }

    /** The index of column {@code name}, or -1 when the table has no such column. */
    static int index(String name) {
        Integer i = INDEX.get(name);
        return i == null ? -1 : i;
    }

    /** The value of column {@code i}. */
    Object get(int i) { return values[i]; }

    /** The value of the column named {@code name}. */
    @SuppressWarnings("unchecked")
    public <T> T getAs(String name) {
        int i = index(name);
        if (i < 0) throw new IllegalArgumentException("no column " + name);
        return (T) values[i];
    }

    public String key() { return (String) values[0]; }
    public String status() { return getAs("status"); }
    public String finishedAt() { return getAs("finishedAt"); }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow other && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() { return Arrays.deepHashCode(values); }

    @Override
    public String toString() { return "TableRow" + Arrays.deepToString(values); }
}
