package rwsweep.driver.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Every way rwsweep writes a number for people or files, in one place, so that a table, a CSV
 * file, the plan and the progress line never disagree on how a value looks. All of it is
 * locale-independent (Locale.ROOT): a results directory reads the same on every machine.
 */
public final class NumberText {
    private NumberText() { }

    /**
     * In full, Java's round-trip form ({@code Double.toString}): {@code 0.1}, {@code 1.0E-5},
     * {@code NaN}, {@code Infinity}. What CSV files and tidy tables hold, so a reader recomputing
     * from them gets every bit back (pandas and Java both read these spellings).
     */
    public static String exact(double v) {
        return Double.toString(v);
    }

    /**
     * As a display table shows it: at most 4 significant digits, no trailing zeros, plain decimals
     * ({@code 0.0125}, {@code 1.13}, {@code 0}), an exponent only below 1e-4 or from 1e7;
     * {@code NaN} and {@code Infinity} as Java writes them.
     */
    public static String compact(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7 ? d.toString() : d.toPlainString();
    }

    /** Two significant digits, plain decimals, no trailing zeros: an axis label ({@code 0.63}, {@code 1.3}, {@code 2}). */
    public static String significant2(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /**
     * As a sweep file writes it: the shortest decimal that reads back as {@code v}, without an
     * exponent ({@code 0.0001}, {@code 1.1}, {@code 2}) — YAML 1.1 reads {@code 1.0E10} as text.
     */
    public static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code v} rounded to {@code digits} significant digits (half up), as a number: what a value
     * rwsweep places itself (a sampled or refined g) is, so that its key and every table hold the
     * same short decimal.
     */
    public static double rounded(double v, int digits) {
        if (!Double.isFinite(v) || v == 0) return v;
        return new BigDecimal(v).round(new MathContext(digits)).doubleValue();
    }

    /** {@code digits} significant digits in C's %g form: {@code 5.72e+10}, {@code 1.00}. */
    public static String significant(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "g", v);
    }

    /** {@code digits} digits after the point: {@code 1.2000}; {@code NaN} and {@code Infinity} as Java writes them. */
    public static String fixed(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : Double.toString(v);
    }

    /** A fraction as a signed percentage with two decimals: 0.0123 is {@code +1.23%}. */
    public static String signedPercent(double fraction) {
        return String.format(Locale.ROOT, "%+.2f%%", 100 * fraction);
    }

    /** A count with thousands separators: {@code 1,000,000}. */
    public static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    /** A span of time for people: {@code 0.4 s}, {@code 12 s}, {@code 3 min 05 s}, {@code 2 h 07 min}. */
    public static String duration(double seconds) {
        if (seconds < 10) return String.format(Locale.ROOT, "%.1f s", seconds);
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A span of time as a clock shows it, whole seconds: {@code 0:01:05}, {@code 27:46:40}. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
