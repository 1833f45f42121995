package rwsweep.driver.sweep;

import java.util.Objects;

/**
 * One value of the size axis: a classifier's hidden width N given directly ({@code width}), or a
 * parameter budget p_lim from which {@link Grid} derives the layer sizes of each depth
 * (paper.md, "Training protocol").
 */
public final class NetSize {
    private final boolean fromBudget;
    private final long value;

    private NetSize(boolean fromBudget, long value) {
        this.fromBudget = fromBudget;
        this.value = value;
    }

    public static NetSize width(int n) { return new NetSize(false, n); }

    public static NetSize pLim(long pLim) { return new NetSize(true, pLim); }

    /** True when the sizes come from a parameter budget p_lim. */
    public boolean fromBudget() { return fromBudget; }

    /** The width N; only when not {@link #fromBudget()}. */
    public int width() {
        if (fromBudget) throw new IllegalStateException("size is a budget p_lim=" + value + ", not a width");
        return (int) value;
    }

    /** The budget p_lim; only when {@link #fromBudget()}. */
    public long pLim() {
        if (!fromBudget) throw new IllegalStateException("size is a width N=" + value + ", not a budget");
        return value;
    }

    /** The key this size was given under: width or p_lim. */
    public SweepKey key() { return fromBudget ? SweepKey.P_LIM : SweepKey.WIDTH; }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetSize other && fromBudget == other.fromBudget && value == other.value;
    }

    @Override
    public int hashCode() { return Objects.hash(fromBudget, value); }

    @Override
    public String toString() { return (fromBudget ? "p_lim=" : "width=") + value; }
}
