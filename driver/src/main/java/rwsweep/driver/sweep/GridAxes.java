package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import rwsweep.worker.Activation;

/**
 * The values of every grid axis at one level of a sweep file: the top level (with defaults
 * filled in by {@link SweepFile}) or one {@code combinations} entry. A null axis is one the level
 * does not set; {@link #over(GridAxes)} fills those from another level. Filled once while the file is
 * parsed and never changed afterwards (package-private: only SweepFile and Grid see it).
 */
public final class GridAxes {
    List<Activation> nonlinearities;
    List<Integer> depths;
    List<NetSize> sizes;          // from width or p_lim
    List<Integer> codeSizes;
    List<InitChoice> inits;
    GainValues g;                    // null after defaults too: then random_walk gets critical, other schemes 1
    GainValues gIn;                  // null after defaults too: then = g
    GainValues gOut;                 // null after defaults too: then = g
    List<LambdaPair> lambdas;     // [lambda_in, lambda_out] pairs
    List<Integer> epochs;
    List<Integer> batches;
    List<Double> epochDecays;
    List<Double> clips;           // +infinity = no clipping
    List<Long> seeds;
    Boolean find;                 // randomwalk: true = find the optimal g; null = not set here

    /**
     * This level's axes with the unset ones taken from {@code base}. A size given here (width or
     * p_lim) replaces base's size of either kind.
     */
    GridAxes over(GridAxes base) {
        GridAxes a = new GridAxes();
        a.nonlinearities = nonlinearities != null ? nonlinearities : base.nonlinearities;
        a.depths = depths != null ? depths : base.depths;
        a.sizes = sizes != null ? sizes : base.sizes;
        a.codeSizes = codeSizes != null ? codeSizes : base.codeSizes;
        a.inits = inits != null ? inits : base.inits;
        a.g = g != null ? g : base.g;
        a.gIn = gIn != null ? gIn : base.gIn;
        a.gOut = gOut != null ? gOut : base.gOut;
        a.lambdas = lambdas != null ? lambdas : base.lambdas;
        a.epochs = epochs != null ? epochs : base.epochs;
        a.batches = batches != null ? batches : base.batches;
        a.epochDecays = epochDecays != null ? epochDecays : base.epochDecays;
        a.clips = clips != null ? clips : base.clips;
        a.seeds = seeds != null ? seeds : base.seeds;
        a.find = find != null ? find : base.find;
        return a;
    }

    /**
     * Reads the axes a map sets; {@code singular} for a combinations entry, whose axes are named
     * {@code depth}, {@code seed}, ... Unknown keys are the caller's to check.
     */
    static GridAxes parse(YamlValue map, boolean singular) {
        GridAxes a = new GridAxes();
        a.nonlinearities = list(map, SweepKey.NONLINEARITIES, singular, n -> Activation.valueOf(
                n.choice(SweepKey.NONLINEARITIES, List.of("linear", "relu", "tanh")).toUpperCase(Locale.ROOT)));
        a.depths = list(map, SweepKey.DEPTHS, singular, n -> n.integer(SweepKey.DEPTHS, 1));
        List<NetSize> widths = list(map, SweepKey.WIDTH, singular, n -> NetSize.width(n.integer(SweepKey.WIDTH, 1)));
        List<NetSize> budgets = list(map, SweepKey.P_LIM, singular, n -> {
            long v = n.longInteger(SweepKey.P_LIM);
            if (v < 1) throw n.error(SweepKey.P_LIM, "got " + v);
            return NetSize.pLim(v);
        });
        if (widths != null && budgets != null) {
            throw map.get(key(SweepKey.P_LIM, singular)).error(SweepKey.P_LIM, "given together with width (give one: a fixed width or a budget)");
        }
        a.sizes = widths != null ? widths : budgets;
        a.codeSizes = list(map, SweepKey.CODE_SIZE, singular, n -> n.integer(SweepKey.CODE_SIZE, 1));
        YamlValue initNode = map.get(key(SweepKey.INIT, singular));
        if (initNode != null) {
            List<InitChoice> inits = new ArrayList<>();
            for (YamlValue item : initNode.items(SweepKey.INIT)) inits.addAll(InitChoice.parse(item));
            a.inits = distinct(initNode, SweepKey.INIT, inits);
        }
        a.g = gains(map, SweepKey.G, singular);
        YamlValue findNode = map.get(key(SweepKey.FIND, singular));
        if (findNode != null) a.find = findNode.choice(SweepKey.FIND, List.of("optimal-g", "none")).equals("optimal-g");
        a.gIn = gains(map, SweepKey.G_IN, singular);
        a.gOut = gains(map, SweepKey.G_OUT, singular);
        YamlValue lambdaNode = map.get(key(SweepKey.LAMBDA, singular));
        if (lambdaNode != null) a.lambdas = distinct(lambdaNode, SweepKey.LAMBDA, lambdas(lambdaNode));
        a.epochs = list(map, SweepKey.EPOCHS, singular, n -> n.integer(SweepKey.EPOCHS, 1));
        a.batches = list(map, SweepKey.BATCH, singular, n -> n.integer(SweepKey.BATCH, 1));
        a.epochDecays = list(map, SweepKey.EPOCH_DECAY, singular, n -> {
            double v = n.number(SweepKey.EPOCH_DECAY);
            if (!(v > 0 && v <= 1)) throw n.error(SweepKey.EPOCH_DECAY, "got " + n.describe());
            return v;
        });
        a.clips = list(map, SweepKey.CLIP, singular, n -> {
            if (n.isText()) {
                n.choice(SweepKey.CLIP, List.of("none"));
                return Double.POSITIVE_INFINITY;
            }
            return n.positive(SweepKey.CLIP);
        });
        a.seeds = list(map, SweepKey.SEEDS, singular, n -> n.longInteger(SweepKey.SEEDS));
        return a;
    }

    /**
     * The lambda axis: one pair {@code [lambda_in, lambda_out]} or a list of pairs
     * {@code [[a, b], [c, d]]}; the pair fixes the per-layer schedule
     * lambda_d = lambda_out (lambda_in/lambda_out)^((D-d)/(D_max-1)) (paper.md).
     */
    private static List<LambdaPair> lambdas(YamlValue n) {
        List<YamlValue> items = n.items(SweepKey.LAMBDA);
        if (!n.isList() || items.get(0).isNumber()) return List.of(lambdaPair(n));
        List<LambdaPair> pairs = new ArrayList<>();
        for (YamlValue item : items) pairs.add(lambdaPair(item));
        return pairs;
    }

    private static LambdaPair lambdaPair(YamlValue n) {
        SweepKey p = SweepKey.LAMBDA;
        if (!n.isList()) throw n.error(p, "got " + n.describe());
        List<YamlValue> items = n.items(p);
        if (items.size() != 2) throw n.error(p, "got a list of " + items.size() + " where a pair [lambda_in, lambda_out] belongs");
        return new LambdaPair(items.get(0).positive(p), items.get(1).positive(p));
    }

    /** A pair as a sweep file writes it: {@code [0.01, 0.001]}. */
    public static String show(LambdaPair pair) {
        return "[" + GainValues.num(pair.lambdaIn()) + ", " + GainValues.num(pair.lambdaOut()) + "]";
    }

    /** The key of axis p at this level. */
    static String key(SweepKey p, boolean singular) {
        return singular ? p.singular().orElseThrow() : p.key();
    }

    private static GainValues gains(YamlValue map, SweepKey p, boolean singular) {
        YamlValue n = map.get(key(p, singular));
        return n == null ? null : GainValues.parse(n, p);
    }

    /** The axis's values read one by one, or null when the map does not set it. */
    private static <T> List<T> list(YamlValue map, SweepKey p, boolean singular, Function<YamlValue, T> read) {
        YamlValue n = map.get(key(p, singular));
        if (n == null) return null;
        List<T> values = new ArrayList<>();
        for (YamlValue item : n.items(p)) values.add(read.apply(item));
        return distinct(n, p, values);
    }

    /** A value twice on one axis would run the same trials twice: refuse it (one pass, not every pair). */
    private static <T> List<T> distinct(YamlValue n, SweepKey p, List<T> values) {
        java.util.Set<T> seen = new java.util.HashSet<>(2 * values.size());
        for (T value : values) {
            if (!seen.add(value)) {
                Object v = value;
                String shown = v instanceof LambdaPair pair ? show(pair)
                        : v instanceof Double d ? (d.isInfinite() ? "none" : GainValues.num(d))
                        : v instanceof Activation f ? f.name().toLowerCase(Locale.ROOT)
                        : v.toString();
                throw n.error(p, "got " + shown + " twice");
            }
        }
        return List.copyOf(values);
    }
}
