package rwsweep.worker.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;

/**
 * The one declaration of every field of a {@link TrialSpec}: its name in the key, its column in a
 * results directory, its sweep-file key (and singular name on a combinations axis), its type,
 * default, check and allowed values, a line on what it does, and its roles — whether it is part of
 * the trial's identity, an axis of the sweep file, and what the report does with it (an axis of a
 * figure, a panel key, a gain that may be tied to g). Everything that lists fields is derived from
 * {@link #ALL}: {@link TrialSpec#canonical()} and the builder's defaults and checks here; in the
 * driver the sweep-file keys and their validation, {@code plan --keys} and {@code --help}, the
 * store's columns and how a stored record reads back, and the report's panels.
 *
 * <p><b>Adding a field</b> is a declaration here ({@link Identity#UNLESS_DEFAULT}: left out of the
 * key at its default, so every stored key and result survives), the field in {@link TrialSpec}
 * (its value, accessor and builder setter), and the code that uses it. A field with a sweep-file
 * axis of its own ({@link #plainAxis()}) is then read, checked, multiplied out, stored and grouped
 * with nothing else to write.
 *
 * <p>Not a field: which critical g a trial's gains came from ({@link TrialSpec#critical()}), a
 * record about the trial that decides none of its numbers, stored beside the fields.
 *
 * @param <T> the value's Java type
 */
public final class TrialField<T> {
    /** What a value is. CHOICE values are the constants of an enum, written in lower case. */
    public enum Type { CHOICE, TEXT, INT, LONG, DOUBLE, INTS }

    /** What the report does with a field (see the driver's summary Panel). */
    public enum Role {
        /** Varies inside a panel: an axis of the paper's figures (g, depth, λ, seed) or a field that follows from one. */
        AXIS,
        /** Equal within a panel: trials that differ in it are never averaged or compared as seeds. */
        PANEL,
        /** The input and output gains: tied to g or fixed at values, read off the trials. */
        GAIN
    }

    /** How a field enters {@link TrialSpec#canonical()}, the text a trial key hashes. */
    public enum Identity {
        /** The fields of NUMERICS_VERSION 2: always written, defaults included (the keys of every stored trial hash them so). */
        ALWAYS,
        /** A field added later: written only when it differs from its default, so existing keys do not change. */
        UNLESS_DEFAULT
    }

    private final String name;
    private final String column;
    private final Optional<String> sweepKey;
    private final Optional<String> singular;
    private final boolean plainAxis;
    private final Type type;
    private final List<T> choices;
    private final Map<String, T> words;
    private final Optional<T> defaultValue;
    private final String defaultText;
    private final Predicate<T> check;
    private final String allowed;
    private final String description;
    private final Role role;
    private final Identity identity;
    private final Function<TrialSpec, T> get;
    private final BiConsumer<TrialSpec.Builder, T> set;

    private TrialField(Declaring<T> d, Function<TrialSpec, T> get, BiConsumer<TrialSpec.Builder, T> set) {
        this.name = d.name;
        this.column = d.column == null ? d.name : d.column;
        this.sweepKey = Optional.ofNullable(d.sweepKey);
        this.singular = Optional.ofNullable(d.singular);
        this.plainAxis = d.plainAxis;
        this.type = d.type;
        this.choices = List.copyOf(d.choices);
        this.words = Map.copyOf(d.words);
        this.defaultValue = Optional.ofNullable(d.defaultValue);
        this.defaultText = d.defaultText != null ? d.defaultText
                : d.defaultValue != null ? word(d.defaultValue).orElse(text(d.defaultValue)) : "required";
        this.check = d.check;
        this.allowed = d.allowed;
        this.description = d.description;
        this.role = d.role;
        this.identity = d.identity;
        this.get = get;
        this.set = set;
    }

    // ---- The fields, in the order of the canonical form (NUMERICS_VERSION 2's order; a new field goes last). ----

    public static final TrialField<Task> TASK = choice("task", Task.values())
            .sweep("task", null, false).byDefault(Task.CLASSIFY).role(Role.PANEL)
            .about("classify: softmax output, cross-entropy, error = fraction misclassified; autoencode: linear output, squared error.")
            .of(TrialSpec::task, TrialSpec.Builder::task);
    public static final TrialField<Activation> ACTIVATION = choice("f", Activation.values())
            .sweep("nonlinearities", "nonlinearity", true).byDefault(Activation.TANH).role(Role.PANEL)
            .about("Hidden-layer f in h_d = f(g W_d h_{d-1} + b_d).")
            .of(TrialSpec::activation, TrialSpec.Builder::activation);
    public static final TrialField<int[]> SIZES = sizes("sizes")
            .check(s -> s.length >= 2 && Arrays.stream(s).allMatch(v -> v >= 1), "at least input and output sizes, each >= 1")
            .role(Role.AXIS).about("Layer sizes 0..D, from depth and width or p_lim (the depth is an axis of the figures).")
            .of(TrialSpec::sizes, TrialSpec.Builder::sizes);
    public static final TrialField<Integer> CODE_LAYER = integer("code").column("codeLayer").byDefault(0)
            .check(v -> v >= 0, "0 (classifiers) or a hidden layer 1..D-1").role(Role.AXIS)
            .about("The auto-encoder's linear code layer, D/2; 0 for classifiers (it follows from the depth).")
            .of(TrialSpec::codeLayer, TrialSpec.Builder::codeLayer);
    public static final TrialField<Long> PARAMETER_LIMIT = longInteger("plim").column("parameterLimit")
            .sweep("p_lim", "p_lim", false).byDefault(0L).defaultText("give width or p_lim").check(v -> v >= 0, "integers >= 1, large enough for one unit per hidden layer")
            .role(Role.PANEL)
            .about("Parameter budget: a classifier gets the smallest width N whose weights and biases reach p_lim, so deeper nets are narrower.")
            .of(TrialSpec::parameterLimit, TrialSpec.Builder::parameterLimit);
    public static final TrialField<InitScheme> INIT = choice("init", InitScheme.values())
            .sweep("init", "init", false).byDefault(InitScheme.GAUSSIAN).defaultText("random_walk")
            .allowed(String.join(" | ", spellings(InitScheme.values()))
                    + ", or a map {scheme: fractional_moment, s: ..., leaky_slope: ...}")
            .role(Role.PANEL)
            .about("How the weights start; every scheme's matrix is then scaled by the layer's gain (g_in, g, g_out). "
                    + "random_walk is gaussian at each net's critical g: the paper's scheme.")
            .of(TrialSpec::init, TrialSpec.Builder::init);
    public static final TrialField<Double> G = number("g").sweep("g", "g", false).byDefault(1.0)
            .defaultText("critical for random_walk init (the random-walk optimum of each net, see critical), 1 for other schemes")
            .check(TrialField::positive, "numbers > 0: a value, a list, {from: A, to: B, steps: K} (K >= 2 evenly spaced, add spacing: log "
                    + "for geometric), critical, {around: critical, factors: [...]}, or a random search {sample: uniform | log-uniform, from: A, to: B, "
                    + "n: K, seed: S (optional; else derived from the sweep's name)}")
            .role(Role.AXIS)
            .about("Gain of the hidden weight matrices, the paper's g (of every layer in a randomwalk sweep); 'critical' = the random-walk "
                    + "optimum of each net's own f, widths and depth.")
            .of(TrialSpec::g, TrialSpec.Builder::g);
    public static final TrialField<Double> G_IN = number("gIn").sweep("g_in", "g_in", false).defaultText("= g")
            .check(TrialField::positive, "the same forms as g").role(Role.GAIN).about("Gain of layer 1 (input scaling).")
            .of(TrialSpec::gIn, TrialSpec.Builder::gIn);
    public static final TrialField<Double> G_OUT = number("gOut").sweep("g_out", "g_out", false).defaultText("= g")
            .check(TrialField::positive, "the same forms as g").role(Role.GAIN).about("Gain of layer D (the output layer).")
            .of(TrialSpec::gOut, TrialSpec.Builder::gOut);
    public static final TrialField<Double> FRACTIONAL_S = number("s").sweep("init.s", null, false).byDefault(2.0)
            .defaultText("1 (every scheme but fractional_moment carries 2, the fan-in limit, unused)")
            .check(v -> v > 0 && v <= 2, "numbers in (0, 2] (fractional_moment only)").role(Role.PANEL)
            .about("Fractional moment s whose E|x|^s the fractional_moment scheme preserves across layers (s = 2 is He / fan-in).")
            .of(TrialSpec::fractionalS, TrialSpec.Builder::fractionalS);
    public static final TrialField<Double> LEAKY_SLOPE = number("leak").column("leakySlope").sweep("init.leaky_slope", null, false)
            .byDefault(0.0).defaultText("0 (ReLU)")
            .check(v -> v >= 0 && v < 1, "numbers in [0, 1) (fractional_moment only)").role(Role.PANEL)
            .about("Leaky-ReLU slope a in the fractional_moment variance formula.")
            .of(TrialSpec::leakySlope, TrialSpec.Builder::leakySlope);
    public static final TrialField<Double> LAMBDA_IN = number("lambdaIn").byDefault(0.01)
            .check(TrialField::positive, "numbers > 0").role(Role.AXIS)
            .about("Learning rate of layer 1 of a d_max-deep net (the sweep file's lambda pair).")
            .of(TrialSpec::lambdaIn, TrialSpec.Builder::lambdaIn);
    public static final TrialField<Double> LAMBDA_OUT = number("lambdaOut").byDefault(0.01)
            .check(TrialField::positive, "numbers > 0").role(Role.AXIS)
            .about("Learning rate of layer D (the sweep file's lambda pair).")
            .of(TrialSpec::lambdaOut, TrialSpec.Builder::lambdaOut);
    public static final TrialField<Integer> D_MAX = integer("dMax").sweep("d_max", null, false)
            .defaultText("the largest depth in the file")
            .check(v -> v >= 0, "an integer >= the largest depth in the file").role(Role.AXIS)
            .about("D_max of the learning-rate schedule, lambda_d = lambda_out (lambda_in/lambda_out)^((D-d)/(D_max-1)).")
            .of(TrialSpec::dMax, TrialSpec.Builder::dMax);
    public static final TrialField<Integer> EPOCHS = integer("epochs").sweep("epochs", "epochs", true).byDefault(10)
            .check(v -> v >= 1, "integers >= 1").role(Role.PANEL).about("Passes over the training set.")
            .of(TrialSpec::epochs, TrialSpec.Builder::epochs);
    public static final TrialField<Integer> BATCH = integer("batch").sweep("batch", "batch", true).byDefault(100)
            .check(v -> v >= 1, "integers from 1 to the training set size").role(Role.PANEL)
            .about("Minibatch size of plain SGD (no momentum).")
            .of(TrialSpec::batchSize, TrialSpec.Builder::batchSize);
    /** (0, 1]: a factor above 1 would grow every rate without bound over the epochs; the sweep file always allowed only (0, 1]. */
    public static final TrialField<Double> EPOCH_DECAY = number("decay").sweep("epoch_decay", "epoch_decay", true).byDefault(1.0)
            .defaultText("1 (no decay)").check(v -> v > 0 && v <= 1, "numbers in (0, 1]").role(Role.PANEL)
            .about("Factor every learning rate is multiplied by after each epoch.")
            .of(TrialSpec::epochDecay, TrialSpec.Builder::epochDecay);
    public static final TrialField<Double> CLIP = number("clip").sweep("clip", "clip", true)
            .word("none", Double.POSITIVE_INFINITY).byDefault(Double.POSITIVE_INFINITY)
            .check(v -> v > 0, "numbers > 0, or none").role(Role.PANEL)
            .about("Gradient clipping threshold on the gradient norm; none = no clipping.")
            .of(TrialSpec::clipNorm, TrialSpec.Builder::clipNorm);
    public static final TrialField<Long> SEED = longInteger("seed").sweep("seeds", "seed", true).byDefault(1L)
            .check(v -> true, "integers").role(Role.AXIS)
            .about("Root seeds: each seed is one repeat of every grid point (initial weights and minibatch order).")
            .of(TrialSpec::seed, TrialSpec.Builder::seed);
    public static final TrialField<String> DATA = textField("data").byDefault("")
            .check(v -> true, "the identity of a data set").role(Role.PANEL)
            .about("Identity of the (standardised, subset) training data: the hash Dataset.id.")
            .of(TrialSpec::dataId, TrialSpec.Builder::dataId);
    public static final TrialField<Integer> TRAIN_SIZE = integer("n").sweep("data.n", null, false).byDefault(0)
            .defaultText("all examples").check(v -> v >= 0, "an integer from 1 to the number of examples in the data").role(Role.PANEL)
            .about("Training set size: the first n examples are used (and standardised).")
            .of(TrialSpec::trainSize, TrialSpec.Builder::trainSize);

    /** Every field, in the order of the canonical form. */
    public static final List<TrialField<?>> ALL = List.of(TASK, ACTIVATION, SIZES, CODE_LAYER, PARAMETER_LIMIT, INIT, G, G_IN, G_OUT,
            FRACTIONAL_S, LEAKY_SLOPE, LAMBDA_IN, LAMBDA_OUT, D_MAX, EPOCHS, BATCH, EPOCH_DECAY, CLIP, SEED, DATA, TRAIN_SIZE);

    /** Name in the canonical form and the API ({@code f}, {@code epochs}, {@code decay}). */
    public String name() { return name; }
    /** Column of a stored trial ({@code f}, {@code codeLayer}, {@code decay}). */
    public String column() { return column; }
    /** The sweep-file key ({@code nonlinearities}, {@code data.n}), if the sweep file sets this field by a key of its own. */
    public Optional<String> sweepKey() { return sweepKey; }
    /** The name inside a combinations entry, for an axis of the sweep file ({@code nonlinearity}). */
    public Optional<String> singular() { return singular; }
    /**
     * True for a sweep-file axis whose values are this field's values one for one, read, checked
     * and multiplied out by the same code for every such field (the others — sizes, gains, the λ
     * pair, init's map — have forms of their own).
     */
    public boolean plainAxis() { return plainAxis; }
    public Type type() { return type; }
    /** The values of a CHOICE field, in declaration order. */
    public List<T> choices() { return choices; }
    /** Named values a sweep file may write instead of a number ({@code clip: none}). */
    public Map<String, T> words() { return words; }
    /** The value a spec gets when none is given (the builder, a sweep file, an older record without the column). */
    public Optional<T> defaultValue() { return defaultValue; }
    /** The default as {@code plan --keys} states it. */
    public String defaultText() { return defaultText; }
    /** What a value may be, as error messages and {@code plan --keys} state it. */
    public String allowed() { return allowed; }
    /** One line on what the field does. */
    public String description() { return description; }
    public Role role() { return role; }
    public Identity identity() { return identity; }

    /** True when {@code v} passes this field's own check (a spec's cross-field checks aside). */
    public boolean accepts(T v) { return v != null && check.test(v); }

    /** The field's value in {@code spec}. */
    public T get(TrialSpec spec) { return get.apply(spec); }

    /** Sets the field in {@code b}; {@code v} must be of this field's type. */
    public void set(TrialSpec.Builder b, Object v) { set.accept(b, cast(v)); }

    @SuppressWarnings("unchecked")
    private T cast(Object v) { return (T) v; }

    /** True when {@code spec} holds this field's default (a field without one never is at it). */
    public boolean atDefault(TrialSpec spec) {
        return defaultValue.isPresent() && same(defaultValue.get(), get(spec));
    }

    private static boolean same(Object a, Object b) {
        return a instanceof int[] x && b instanceof int[] y ? Arrays.equals(x, y) : a.equals(b);
    }

    /**
     * A value as files, columns, tables and messages spell it: a CHOICE in lower case, as the sweep
     * file writes it ({@code tanh}, {@code random_walk}); sizes {@code ,}-joined; other values as Java writes them.
     */
    public String text(Object v) {
        if (v instanceof Enum<?> e) return spelling(e);
        if (v instanceof int[] a) return join(a);
        return String.valueOf(v);
    }

    /** The sweep-file word for {@code v} ({@code none} for clip = infinity), if it has one. */
    public Optional<String> word(Object v) {
        for (Map.Entry<String, T> w : words.entrySet()) if (same(w.getValue(), v)) return Optional.of(w.getKey());
        return Optional.empty();
    }

    /**
     * A value in the canonical form: NUMERICS_VERSION 2's spelling, never to change — enum
     * constants by name ({@code TANH}), doubles in Java's round-trip form in lower case
     * ({@code infinity}), sizes {@code ,}-joined.
     */
    String canonical(Object v) {
        if (v instanceof Enum<?> e) return e.name();
        if (v instanceof Double d) return Double.toString(d).toLowerCase(Locale.ROOT);
        if (v instanceof int[] a) return join(a);
        return String.valueOf(v);
    }

    /** The constant of a CHOICE field a text names, in any case, '-' for '_' ({@code TANH}, {@code random-walk}); empty if none. */
    public Optional<T> choice(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (T c : choices) if (spelling((Enum<?>) c).equals(wanted)) return Optional.of(c);
        return Optional.empty();
    }

    /** The spelling of every choice, in declaration order. */
    public List<String> choiceNames() {
        List<String> names = new ArrayList<>();
        for (T c : choices) names.add(spelling((Enum<?>) c));
        return names;
    }

    /** The field whose canonical name, column or sweep-file key (or singular) is {@code name}. */
    public static Optional<TrialField<?>> named(String name) {
        for (TrialField<?> f : ALL) {
            if (f.name.equals(name) || f.column.equals(name) || f.sweepKey.filter(name::equals).isPresent()
                    || f.singular.filter(name::equals).isPresent()) return Optional.of(f);
        }
        return Optional.empty();
    }

    /** The one spelling of an enum value in files, columns, tables and sweep files: its name in lower case. */
    public static String spelling(Enum<?> v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> spellings(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> v : values) names.add(spelling(v));
        return names;
    }

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) b.append(i > 0 ? "," : "").append(values[i]);
        return b.toString();
    }

    private static boolean positive(double v) { return v > 0 && Double.isFinite(v); }

    @Override
    public String toString() { return name; }

    // ---- Declaring a field: one chain of calls per field above. ----

    static Declaring<Double> number(String name) { return new Declaring<>(name, Type.DOUBLE); }

    static Declaring<Integer> integer(String name) { return new Declaring<>(name, Type.INT); }

    private static Declaring<Long> longInteger(String name) { return new Declaring<>(name, Type.LONG); }

    private static Declaring<String> textField(String name) { return new Declaring<>(name, Type.TEXT); }

    private static Declaring<int[]> sizes(String name) { return new Declaring<>(name, Type.INTS); }

    @SafeVarargs
    private static <E extends Enum<E>> Declaring<E> choice(String name, E... values) {
        Declaring<E> d = new Declaring<>(name, Type.CHOICE);
        d.choices = List.of(values);
        d.allowed = String.join(" | ", spellings(values));
        return d;
    }

    /** One field's declaration, filled by a chain of calls and closed by {@link #of}. */
    static final class Declaring<T> {
        final String name;
        final Type type;
        String column;
        String sweepKey;
        String singular;
        boolean plainAxis;
        List<T> choices = List.of();
        final Map<String, T> words = new LinkedHashMap<>();
        T defaultValue;
        String defaultText;
        Predicate<T> check = v -> true;
        String allowed = "";
        String description = "";
        Role role;
        Identity identity = Identity.ALWAYS;

        Declaring(String name, Type type) { this.name = name; this.type = type; }

        Declaring<T> column(String c) { column = c; return this; }
        /** The sweep-file key; {@code singular} for an axis; {@code plain} when its values are this field's one for one. */
        Declaring<T> sweep(String key, String singularName, boolean plain) { sweepKey = key; singular = singularName; plainAxis = plain; return this; }
        Declaring<T> word(String w, T v) { words.put(w, v); return this; }
        Declaring<T> byDefault(T v) { defaultValue = v; return this; }
        Declaring<T> defaultText(String t) { defaultText = t; return this; }
        Declaring<T> check(Predicate<T> c, String allowedText) { check = c; allowed = allowedText; return this; }
        Declaring<T> allowed(String a) { allowed = a; return this; }
        Declaring<T> about(String d) { description = d; return this; }
        Declaring<T> role(Role r) { role = r; return this; }
        /** A field added after NUMERICS_VERSION 2: in the key only when not at its default. */
        Declaring<T> addedLater() { identity = Identity.UNLESS_DEFAULT; return this; }

        TrialField<T> of(Function<TrialSpec, T> get, BiConsumer<TrialSpec.Builder, T> set) {
            if (role == null) throw new IllegalStateException("trial field " + name + " has no role");
            if (identity == Identity.UNLESS_DEFAULT && defaultValue == null) {
                throw new IllegalStateException("trial field " + name + " is left out of the key at its default, so it needs one");
            }
            return new TrialField<>(this, get, set);
        }
    }
}
