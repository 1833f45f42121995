package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rwsweep.worker.spec.TrialField;

/**
 * The values of every grid axis at one level of a sweep file: the top level (with defaults
 * filled in by {@link SweepFile}) or one {@code combinations} entry. An axis a level does not set
 * is absent (null for the axes with forms of their own, missing from {@link #plain} for the
 * others); {@link #over(GridAxes)} fills those from another level. Immutable; package-private:
 * only SweepFile, Grid and WalkGrid see it.
 *
 * <p>The <em>plain</em> axes are the trial fields whose sweep-file values are the field's values
 * one for one ({@link TrialField#plainAxis()}: nonlinearities, epochs, batch, epoch_decay, clip,
 * seeds, and any such field added later): read, checked and shown by their {@link TrialField}
 * declaration alone. The others have forms of their own: sizes from width or p_lim, the gains'
 * ranges and critical, the λ pair, init's map.
 */
public final class GridAxes {
    final List<Integer> depths;
    final List<NetSize> sizes;          // from width or p_lim
    final List<Integer> codeSizes;
    final List<InitChoice> inits;
    final GainValues g;                 // null after defaults too: then each init's own default (InitChoice.defaultGains)
    final GainValues gIn;               // null after defaults too: then = g
    final GainValues gOut;              // null after defaults too: then = g
    final List<LambdaPair> lambdas;     // [lambda_in, lambda_out] pairs
    final Boolean find;                 // randomwalk: true = find the optimal g; null = not set here
    private final Map<TrialField<?>, List<?>> plain;  // the plain axes this level sets, in TrialField order

    GridAxes(List<Integer> depths, List<NetSize> sizes, List<Integer> codeSizes, List<InitChoice> inits, GainValues g,
             GainValues gIn, GainValues gOut, List<LambdaPair> lambdas, Boolean find, Map<TrialField<?>, List<?>> plain) {
        this.depths = depths;
        this.sizes = sizes;
        this.codeSizes = codeSizes;
        this.inits = inits;
        this.g = g;
        this.gIn = gIn;
        this.gOut = gOut;
        this.lambdas = lambdas;
        this.find = find;
        Map<TrialField<?>, List<?>> ordered = new LinkedHashMap<>();
        for (TrialField<?> f : TrialField.ALL) if (plain.containsKey(f)) ordered.put(f, List.copyOf(plain.get(f)));
        this.plain = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The values of plain axis {@code f} at this level; null when the level does not set it. */
    @SuppressWarnings("unchecked")
    <T> List<T> values(TrialField<T> f) {
        return (List<T>) plain.get(f);
    }

    /** The plain axes this level sets, in TrialField order. */
    Map<TrialField<?>, List<?>> plain() { return plain; }

    /** The plain trial fields: those whose sweep-file axis is the field itself. */
    static List<TrialField<?>> plainFields() {
        return TrialField.ALL.stream().filter(TrialField::plainAxis).toList();
    }

    /**
     * This level's axes with the unset ones taken from {@code base}. A size given here (width or
     * p_lim) replaces base's size of either kind.
     */
    GridAxes over(GridAxes base) {
        Map<TrialField<?>, List<?>> merged = new LinkedHashMap<>(base.plain);
        merged.putAll(plain);
        return new GridAxes(depths != null ? depths : base.depths, sizes != null ? sizes : base.sizes,
                codeSizes != null ? codeSizes : base.codeSizes, inits != null ? inits : base.inits,
                g != null ? g : base.g, gIn != null ? gIn : base.gIn, gOut != null ? gOut : base.gOut,
                lambdas != null ? lambdas : base.lambdas, find != null ? find : base.find, merged);
    }

    /**
     * Reads the axes a map sets; {@code singular} for a combinations entry, whose axes are named
     * {@code depth}, {@code seed}, ... Unknown keys are the caller's to check.
     */
    static GridAxes parse(YamlValue map, boolean singular) {
        return parse(map, singular, "");
    }

    /** As {@link #parse(YamlValue, boolean)}; a sampled axis without a seed derives one from {@code sweepName}. */
    static GridAxes parse(YamlValue map, boolean singular, String sweepName) {
        Map<TrialField<?>, List<?>> plain = new LinkedHashMap<>();
        for (TrialField<?> f : plainFields()) {
            List<?> values = plainAxis(map, f, singular);
            if (values != null) plain.put(f, values);
        }
        List<Integer> depths = list(map, SweepKey.DEPTHS, singular, n -> n.integer(SweepKey.DEPTHS, 1));
        List<NetSize> widths = list(map, SweepKey.WIDTH, singular, n -> NetSize.width(n.integer(SweepKey.WIDTH, 1)));
        List<NetSize> budgets = list(map, SweepKey.P_LIM, singular, n -> {
            long v = n.longInteger(SweepKey.P_LIM);
            if (v < 1) throw n.error(SweepKey.P_LIM, "got " + v);
            return NetSize.pLim(v);
        });
        if (widths != null && budgets != null) {
            throw map.get(key(SweepKey.P_LIM, singular)).error(SweepKey.P_LIM, "given together with width (give one: a fixed width or a budget)");
        }
        List<Integer> codeSizes = list(map, SweepKey.CODE_SIZE, singular, n -> n.integer(SweepKey.CODE_SIZE, 1));
        List<InitChoice> inits = null;
        YamlValue initNode = map.get(key(SweepKey.INIT, singular));
        if (initNode != null) {
            List<InitChoice> choices = new ArrayList<>();
            for (YamlValue item : initNode.items(SweepKey.INIT)) choices.addAll(InitChoice.parse(item));
            inits = distinct(initNode, SweepKey.INIT, choices, Object::toString);
        }
        Boolean find = null;
        YamlValue findNode = map.get(key(SweepKey.FIND, singular));
        if (findNode != null) find = findNode.choice(SweepKey.FIND, List.of("optimal-g", "none")).equals("optimal-g");
        List<LambdaPair> lambdas = null;
        YamlValue lambdaNode = map.get(key(SweepKey.LAMBDA, singular));
        if (lambdaNode != null) {
            lambdas = lambdaNode.isMap() ? LambdaSample.parse(lambdaNode, sweepName)
                    : distinct(lambdaNode, SweepKey.LAMBDA, lambdas(lambdaNode), GridAxes::show);
        }
        return new GridAxes(depths, widths != null ? widths : budgets, codeSizes, inits, gains(map, SweepKey.G, singular, sweepName),
                gains(map, SweepKey.G_IN, singular, sweepName), gains(map, SweepKey.G_OUT, singular, sweepName), lambdas, find, plain);
    }

    /** A plain axis: each item one value of the field, checked by the field's own declaration. */
    private static <T> List<T> plainAxis(YamlValue map, TrialField<T> f, boolean singular) {
        SweepKey p = SweepKey.of(f);
        return list(map, p, singular, n -> value(n, f, p), v -> show(f, v));
    }

    /** One value of field {@code f} as the sweep file writes it: a word ({@code none}), a choice, or a number. */
    static <T> T value(YamlValue n, TrialField<T> f, SweepKey p) {
        if (n.isText() && !f.words().isEmpty()) {
            String word = n.text(p).trim().toLowerCase(java.util.Locale.ROOT);
            if (f.words().containsKey(word)) return f.words().get(word);
            if (f.type() != TrialField.Type.CHOICE && f.type() != TrialField.Type.TEXT) {
                n.choice(p, List.copyOf(f.words().keySet()));  // throws, with the nearest word
            }
        }
        Object v = switch (f.type()) {
            case CHOICE -> f.choice(n.choice(p, f.choiceNames())).orElseThrow();
            case TEXT -> n.text(p);
            case INT -> n.integer(p, Integer.MIN_VALUE);
            case LONG -> n.longInteger(p);
            case DOUBLE -> n.number(p);
            case INTS -> throw new IllegalArgumentException(f + " has no plain sweep-file form");
        };
        @SuppressWarnings("unchecked")
        T t = (T) v;
        if (!f.accepts(t)) throw n.error(p, "got " + n.describe());
        return t;
    }

    /** A value as a sweep file writes it: {@code none}, {@code tanh}, {@code 0.95}. */
    static String show(TrialField<?> f, Object v) {
        return f.word(v).orElseGet(() -> v instanceof Double d ? NumberText.plain(d) : f.text(v));
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
        return "[" + NumberText.plain(pair.lambdaIn()) + ", " + NumberText.plain(pair.lambdaOut()) + "]";
    }

    /** The key of axis p at this level. */
    static String key(SweepKey p, boolean singular) {
        return singular ? p.singular().orElseThrow() : p.key();
    }

    private static GainValues gains(YamlValue map, SweepKey p, boolean singular, String sweepName) {
        YamlValue n = map.get(key(p, singular));
        return n == null ? null : GainValues.parse(n, p, sweepName);
    }

    /** The axis's values read one by one, or null when the map does not set it. */
    private static <T> List<T> list(YamlValue map, SweepKey p, boolean singular, Function<YamlValue, T> read) {
        return list(map, p, singular, read, Object::toString);
    }

    private static <T> List<T> list(YamlValue map, SweepKey p, boolean singular, Function<YamlValue, T> read, Function<T, String> shown) {
        YamlValue n = map.get(key(p, singular));
        if (n == null) return null;
        List<T> values = new ArrayList<>();
        for (YamlValue item : n.items(p)) values.add(read.apply(item));
        return distinct(n, p, values, shown);
    }

    /** A value twice on one axis would run the same trials twice: refuse it (one pass, not every pair). */
    private static <T> List<T> distinct(YamlValue n, SweepKey p, List<T> values, Function<T, String> shown) {
        java.util.Set<T> seen = new java.util.HashSet<>(2 * values.size());
        for (T value : values) {
            if (!seen.add(value)) throw n.error(p, "got " + shown.apply(value) + " twice");
        }
        return List.copyOf(values);
    }
}
