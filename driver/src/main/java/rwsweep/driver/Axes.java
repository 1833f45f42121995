package rwsweep.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import rwsweep.driver.summary.LambdaPair;
import rwsweep.worker.Activation;

/**
 * The values of every grid axis at one level of a sweep file: the top level (with defaults
 * filled in by {@link SweepFile}) or one {@code combinations} entry. A null axis is one the level
 * does not set; {@link #over(Axes)} fills those from another level. Filled once while the file is
 * parsed and never changed afterwards (package-private: only SweepFile and Grid see it).
 */
final class Axes {
    List<Activation> nonlinearities;
    List<Integer> depths;
    List<NetSize> sizes;          // from width or p_lim
    List<Integer> codeSizes;
    List<InitChoice> inits;
    GValues g;                    // null after defaults too: then random_walk gets critical, other schemes 1
    GValues gIn;                  // null after defaults too: then = g
    GValues gOut;                 // null after defaults too: then = g
    List<LambdaPair> lambdas;     // [lambda_in, lambda_out] pairs
    List<Integer> epochs;
    List<Integer> batches;
    List<Double> epochDecays;
    List<Double> clips;           // +infinity = no clipping
    List<Long> seeds;

    /**
     * This level's axes with the unset ones taken from {@code base}. A size given here (width or
     * p_lim) replaces base's size of either kind.
     */
    Axes over(Axes base) {
        Axes a = new Axes();
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
        return a;
    }

    /**
     * Reads the axes a map sets; {@code singular} for a combinations entry, whose axes are named
     * {@code depth}, {@code seed}, ... Unknown keys are the caller's to check.
     */
    static Axes parse(SweepNode map, boolean singular) {
        Axes a = new Axes();
        a.nonlinearities = list(map, Hyperparameter.NONLINEARITIES, singular, n -> Activation.valueOf(
                n.choice(Hyperparameter.NONLINEARITIES, List.of("linear", "relu", "tanh")).toUpperCase(Locale.ROOT)));
        a.depths = list(map, Hyperparameter.DEPTHS, singular, n -> n.integer(Hyperparameter.DEPTHS, 1));
        List<NetSize> widths = list(map, Hyperparameter.WIDTH, singular, n -> NetSize.width(n.integer(Hyperparameter.WIDTH, 1)));
        List<NetSize> budgets = list(map, Hyperparameter.P_LIM, singular, n -> {
            long v = n.longInteger(Hyperparameter.P_LIM);
            if (v < 1) throw n.error(Hyperparameter.P_LIM, "got " + v);
            return NetSize.pLim(v);
        });
        if (widths != null && budgets != null) {
            throw map.get(key(Hyperparameter.P_LIM, singular)).error(Hyperparameter.P_LIM, "given together with width (give one: a fixed width or a budget)");
        }
        a.sizes = widths != null ? widths : budgets;
        a.codeSizes = list(map, Hyperparameter.CODE_SIZE, singular, n -> n.integer(Hyperparameter.CODE_SIZE, 1));
        SweepNode initNode = map.get(key(Hyperparameter.INIT, singular));
        if (initNode != null) {
            List<InitChoice> inits = new ArrayList<>();
            for (SweepNode item : initNode.items(Hyperparameter.INIT)) inits.addAll(InitChoice.parse(item));
            a.inits = distinct(initNode, Hyperparameter.INIT, inits);
        }
        a.g = gains(map, Hyperparameter.G, singular);
        a.gIn = gains(map, Hyperparameter.G_IN, singular);
        a.gOut = gains(map, Hyperparameter.G_OUT, singular);
        SweepNode lambdaNode = map.get(key(Hyperparameter.LAMBDA, singular));
        if (lambdaNode != null) a.lambdas = distinct(lambdaNode, Hyperparameter.LAMBDA, lambdas(lambdaNode));
        a.epochs = list(map, Hyperparameter.EPOCHS, singular, n -> n.integer(Hyperparameter.EPOCHS, 1));
        a.batches = list(map, Hyperparameter.BATCH, singular, n -> n.integer(Hyperparameter.BATCH, 1));
        a.epochDecays = list(map, Hyperparameter.EPOCH_DECAY, singular, n -> {
            double v = n.number(Hyperparameter.EPOCH_DECAY);
            if (!(v > 0 && v <= 1)) throw n.error(Hyperparameter.EPOCH_DECAY, "got " + n.describe());
            return v;
        });
        a.clips = list(map, Hyperparameter.CLIP, singular, n -> {
            if (n.isText()) {
                n.choice(Hyperparameter.CLIP, List.of("none"));
                return Double.POSITIVE_INFINITY;
            }
            return n.positive(Hyperparameter.CLIP);
        });
        a.seeds = list(map, Hyperparameter.SEEDS, singular, n -> n.longInteger(Hyperparameter.SEEDS));
        return a;
    }

    /**
     * The lambda axis: one pair {@code [lambda_in, lambda_out]} or a list of pairs
     * {@code [[a, b], [c, d]]}; the pair fixes the per-layer schedule
     * lambda_d = lambda_out (lambda_in/lambda_out)^((D-d)/(D_max-1)) (paper.md).
     */
    private static List<LambdaPair> lambdas(SweepNode n) {
        List<SweepNode> items = n.items(Hyperparameter.LAMBDA);
        if (!n.isList() || items.get(0).isNumber()) return List.of(lambdaPair(n));
        List<LambdaPair> pairs = new ArrayList<>();
        for (SweepNode item : items) pairs.add(lambdaPair(item));
        return pairs;
    }

    private static LambdaPair lambdaPair(SweepNode n) {
        Hyperparameter p = Hyperparameter.LAMBDA;
        if (!n.isList()) throw n.error(p, "got " + n.describe());
        List<SweepNode> items = n.items(p);
        if (items.size() != 2) throw n.error(p, "got a list of " + items.size() + " where a pair [lambda_in, lambda_out] belongs");
        return new LambdaPair(items.get(0).positive(p), items.get(1).positive(p));
    }

    /** A pair as a sweep file writes it: {@code [0.01, 0.001]}. */
    static String show(LambdaPair pair) {
        return "[" + GValues.num(pair.lambdaIn()) + ", " + GValues.num(pair.lambdaOut()) + "]";
    }

    /** The key of axis p at this level. */
    static String key(Hyperparameter p, boolean singular) {
        return singular ? p.singular().orElseThrow() : p.key();
    }

    private static GValues gains(SweepNode map, Hyperparameter p, boolean singular) {
        SweepNode n = map.get(key(p, singular));
        return n == null ? null : GValues.parse(n, p);
    }

    /** The axis's values read one by one, or null when the map does not set it. */
    private static <T> List<T> list(SweepNode map, Hyperparameter p, boolean singular, Function<SweepNode, T> read) {
        SweepNode n = map.get(key(p, singular));
        if (n == null) return null;
        List<T> values = new ArrayList<>();
        for (SweepNode item : n.items(p)) values.add(read.apply(item));
        return distinct(n, p, values);
    }

    /** A value twice on one axis would run the same trials twice: refuse it. */
    private static <T> List<T> distinct(SweepNode n, Hyperparameter p, List<T> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.subList(0, i).contains(values.get(i))) {
                Object v = values.get(i);
                String shown = v instanceof LambdaPair pair ? show(pair)
                        : v instanceof Double d ? (d.isInfinite() ? "none" : GValues.num(d))
                        : v instanceof Activation f ? f.name().toLowerCase(Locale.ROOT)
                        : v.toString();
                throw n.error(p, "got " + shown + " twice");
            }
        }
        return List.copyOf(values);
    }
}
