package rwsweep.driver.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The values of a gain axis (g, g_in or g_out) as a sweep file gives them, in one of three forms:
 * <ul>
 *   <li>explicit: {@code g: 1.1} or {@code g: [1.0, 1.1, 1.2]};</li>
 *   <li>a range, both ends included: {@code g: {from: 1.0, to: 1.5, steps: 6}} evenly spaced, or
 *       with {@code spacing: log} geometrically spaced (equal ratios; suits g spanning a decade);</li>
 *   <li>around the critical g: {@code g: {around: critical, factors: [0.9, 1, 1.1]}} is
 *       factor × RandomWalk.optimalG(f, N) for each net's own f and width N; {@code g: critical}
 *       is factor 1. Only this form depends on the net, so it is resolved per net by {@link Grid}.</li>
 *   <li>sampled: {@code g: {sample: log-uniform, from: 0.5, to: 2, n: 12}} (or {@code uniform}), a
 *       random search whose values are fixed by a seed ({@link SampledAxis}).</li>
 * </ul>
 * Written values and range steps are rounded to 12 significant digits, so that a range's
 * 1.0 + 2·0.1 is the 1.2 a reader expects in a trial key rather than 1.2000000000000002.
 */
public final class GainValues {
    /** The three ways of giving gains. */
    public enum Form { EXPLICIT, RANGE, CRITICAL, SAMPLE }

    private static final List<String> RANGE_KEYS = List.of("from", "to", "steps", "spacing");
    private static final List<String> CRITICAL_KEYS = List.of("around", "factors");

    private final Form form;
    private final double[] values;   // EXPLICIT: the gains; CRITICAL: the factors; RANGE: the expanded gains
    private final double from;       // RANGE only
    private final double to;         // RANGE only
    private final boolean log;       // RANGE: geometric spacing; SAMPLE: log-uniform
    private final long seed;         // SAMPLE only

    private GainValues(Form form, double[] values, double from, double to, boolean log) {
        this(form, values, from, to, log, 0);
    }

    private GainValues(Form form, double[] values, double from, double to, boolean log, long seed) {
        this.form = form;
        this.values = values;
        this.from = from;
        this.to = to;
        this.log = log;
        this.seed = seed;
    }

    public static GainValues explicit(double... gains) {
        return new GainValues(Form.EXPLICIT, round(gains), 0, 0, false);
    }

    /** {@code steps} values from {@code from} to {@code to}, both included; geometric when {@code log}. */
    public static GainValues range(double from, double to, int steps, boolean log) {
        double[] gains = new double[steps];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            gains[i] = log ? from * Math.pow(to / from, t) : from + (to - from) * t;
        }
        gains[steps - 1] = to;  // exactly the end the user wrote
        return new GainValues(Form.RANGE, round(gains), from, to, log);
    }

    /** {@code n} gains drawn from {@code from} to {@code to} ({@link SampledAxis}), log-uniform when {@code log}. */
    public static GainValues sample(double from, double to, int n, boolean log, long seed) {
        double[] gains = SampledAxis.draw(log ? "log-uniform" : "uniform", from, to, n, seed);
        return new GainValues(Form.SAMPLE, gains, from, to, log, seed);
    }

    /** factor × the critical g of each net. */
    public static GainValues critical(double... factors) {
        return new GainValues(Form.CRITICAL, round(factors), 0, 0, false);
    }

    public Form form() { return form; }

    /** Number of gains per net: the axis length. */
    public int size() { return values.length; }

    /** True when the gains depend on the net (its critical g). */
    public boolean needsCritical() { return form == Form.CRITICAL; }

    /** The gains for a net whose random-walk g is {@code criticalG} (ignored unless {@link #needsCritical()}). */
    public double[] resolve(double criticalG) {
        if (form != Form.CRITICAL) return values.clone();
        double[] gains = new double[values.length];
        // not rounded: factor 1 gives exactly RandomWalk.optimalG
        for (int i = 0; i < gains.length; i++) gains[i] = values[i] * criticalG;
        return gains;
    }

    /** The form as a sweep file writes it; parsing this text gives an equal GainValues. */
    public String yaml() {
        return switch (form) {
            case EXPLICIT -> values.length == 1 ? NumberText.plain(values[0]) : list(values);
            case RANGE -> "{from: " + NumberText.plain(from) + ", to: " + NumberText.plain(to) + ", steps: " + values.length
                    + (log ? ", spacing: log" : "") + "}";
            case CRITICAL -> "{around: critical, factors: " + list(values) + "}";
            case SAMPLE -> SampledAxis.yaml(log ? "log-uniform" : "uniform", NumberText.plain(from), NumberText.plain(to), values.length, seed);
        };
    }

    /** Reads any of the three forms from {@code n}, checking every value against {@code p}. */
    static GainValues parse(YamlValue n, SweepKey p) {
        return parse(n, p, "");
    }

    /** As {@link #parse(YamlValue, SweepKey)}; a sample block without a seed derives one from {@code sweepName}. */
    static GainValues parse(YamlValue n, SweepKey p, String sweepName) {
        if (n.isText()) {
            if (!n.text(p).trim().equalsIgnoreCase("critical")) throw n.error(p, "got " + n.describe());
            return critical(1.0);
        }
        if (n.isMap() && n.get("sample") != null) return parseSample(n, p, sweepName);
        if (n.isMap()) return n.get("around") != null ? parseCritical(n, p) : parseRange(n, p);
        return explicit(distinctPositives(n, p));
    }

    private static GainValues parseCritical(YamlValue n, SweepKey p) {
        n.requireKnownKeys(CRITICAL_KEYS);
        YamlValue around = n.get("around");
        if (!around.isText() || !around.text(p).trim().equalsIgnoreCase("critical")) {
            throw around.error(p, "got " + around.describe() + " (the one place to go around is 'critical')");
        }
        YamlValue factorsNode = n.get("factors");
        if (factorsNode == null) return critical(1.0);
        return critical(distinctPositives(factorsNode, p));
    }

    /** The numbers of a list node: each finite and > 0, no two equal. */
    private static double[] distinctPositives(YamlValue list, SweepKey p) {
        List<YamlValue> items = list.items(p);
        double[] values = new double[items.size()];
        for (int i = 0; i < values.length; i++) values[i] = items.get(i).positive(p);
        requireDistinct(list, p, values);
        return values;
    }

    private static GainValues parseSample(YamlValue n, SweepKey p, String sweepName) {
        n.requireKnownKeys(SampledAxis.KEYS);
        String law = SampledAxis.law(n, p);
        for (String key : List.of("from", "to")) {
            if (n.get(key) == null) throw n.error(p, "got a sample block without '" + key + "'");
        }
        double from = n.get("from").positive(p);
        double to = n.get("to").positive(p);
        if (!(from < to)) throw n.error(p, "got from " + NumberText.plain(from) + " not below to " + NumberText.plain(to));
        int count = SampledAxis.count(n, p, from, to);
        return sample(from, to, count, law.equals("log-uniform"), SampledAxis.seed(n, p, sweepName));
    }

    private static GainValues parseRange(YamlValue n, SweepKey p) {
        List<String> known = new ArrayList<>(RANGE_KEYS);
        known.addAll(CRITICAL_KEYS);
        n.requireKnownKeys(known);
        if (n.get("factors") != null) throw n.error(p, "got factors without 'around: critical'");
        for (String key : List.of("from", "to", "steps")) {
            if (n.get(key) == null) throw n.error(p, "got a map without '" + key + "'");
        }
        double from = n.get("from").positive(p);
        double to = n.get("to").positive(p);
        YamlValue stepsNode = n.get("steps");
        int steps = stepsNode.integer(p, 2);
        Limits.requireSteps(stepsNode, p, steps);
        if (!(from < to)) throw n.error(p, "got from " + NumberText.plain(from) + " not below to " + NumberText.plain(to));
        boolean log = false;
        YamlValue spacing = n.get("spacing");
        if (spacing != null) log = spacing.choice(p, List.of("linear", "log")).equals("log");
        GainValues range = range(from, to, steps, log);
        requireDistinct(n, p, range.values);
        return range;
    }

    /** The first value equal (to 12 digits) to an earlier one is an error: one pass, not every pair. */
    private static void requireDistinct(YamlValue n, SweepKey p, double[] values) {
        java.util.Set<Double> seen = new java.util.HashSet<>(2 * values.length);
        for (double v : values) {
            if (!seen.add(round(v) + 0.0)) throw n.error(p, "got " + NumberText.plain(v) + " twice"); // + 0.0: -0 and 0 are one value
        }
    }

    private static double[] round(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) r[i] = round(values[i]);
        return r;
    }

    /** To 12 significant digits (see the class comment). */
    static double round(double v) {
        return new BigDecimal(v).round(new MathContext(12)).doubleValue();
    }

    private static String list(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) parts.add(NumberText.plain(v));
        return "[" + String.join(", ", parts) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GainValues other && form == other.form && Arrays.equals(values, other.values)
                && from == other.from && to == other.to && log == other.log && seed == other.seed;
    }

    @Override
    public int hashCode() { return Objects.hash(form, Arrays.hashCode(values), from, to, log, seed); }

    @Override
    public String toString() { return yaml(); }
}
