package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of sweep-file keys: each key is described here once (name, allowed values,
 * default, one line on what it does), and that text feeds both the validation messages
 * ({@code sweeps/x.yaml: depths: got 0; allowed: ...}) and {@code rwsweep plan --keys}.
 *
 * <p>An <em>axis</em> takes one value or a list; the grid is the product of all axes. In a
 * {@code combinations} entry an axis is named in the singular ({@code depth}, {@code seed}), so
 * that {@code {depth: 2, g: 1.1}} reads as one point. Keys under {@code data} and {@code init}
 * carry their section in the name ({@code data.n}, {@code init.s}).
 */
public enum SweepKey {
    NAME("name", null, "letters, digits, '.', '_' and '-' (it names the results directory)",
            "the file name without .yaml",
            "The sweep's name; results go to results/<name> unless run --out says otherwise."),
    KIND("kind", null, "train | randomwalk",
            "train",
            "train: a grid of training trials; randomwalk: the random walk of the back-propagated error through random nets (paper Figures 1 and 2), nothing trained."),
    DATA("data", null, "mnist-sample, or a map with source: mnist-sample | fashion-mnist | idx | csv | libsvm",
            "required",
            "The training data; inputs are standardised per dimension on the training set itself."),
    DATA_SOURCE("data.source", null, "mnist-sample | fashion-mnist | idx | csv | libsvm",
            "required",
            "mnist-sample: the bundled 10,000 MNIST digits; fashion-mnist: /usr/share/datasets/fashion-mnist; idx, csv, libsvm: your files."),
    DATA_N("data.n", null, "an integer from 1 to the number of examples in the data",
            "all examples",
            "Training set size: the first n examples are used (and standardised)."),
    DATA_IMAGES("data.images", null, "a readable IDX image file (a relative path starts from the current directory)",
            "required for source idx",
            "IDX file of the inputs (idx3-ubyte, optionally .gz)."),
    DATA_LABELS("data.labels", null, "a readable IDX label file (a relative path starts from the current directory)",
            "required for source idx",
            "IDX file of the labels (idx1-ubyte, optionally .gz)."),
    DATA_FILE("data.file", null, "a readable CSV or LIBSVM file (a relative path starts from the current directory)",
            "required for source csv and libsvm",
            "Dense feature file, one example per line (e.g. stacked TIMIT frames)."),
    DATA_LABEL_COLUMN("data.label_column", null, "an integer >= 0 (csv only)",
            "0 (the first column)",
            "Which CSV column holds the class label 0..classes-1; every other column is a feature."),
    TASK("task", null, "classify | autoencode",
            "classify",
            "classify: softmax output, cross-entropy, error = fraction misclassified; autoencode: linear output, squared error."),
    NONLINEARITIES("nonlinearities", "nonlinearity", "linear | relu | tanh",
            "tanh",
            "Hidden-layer f in h_d = f(g W_d h_{d-1} + b_d)."),
    DEPTHS("depths", "depth", "integers >= 1; for autoencode even and >= 4",
            "required",
            "D, the number of weight layers, output layer included (the paper's counting: D-1 hidden layers)."),
    WIDTH("width", "width", "integers >= 1 (classify only; even with parameter_sharing)",
            "give width or p_lim",
            "Hidden width N of a classifier, the same for every depth."),
    P_LIM("p_lim", "p_lim", "integers >= 1, large enough for one unit per hidden layer",
            "give width or p_lim",
            "Parameter budget: a classifier gets the smallest width N whose weights and biases reach p_lim, so deeper nets are narrower."),
    CODE_SIZE("code_size", "code_size", "integers >= 1 (autoencode only)",
            "30",
            "Width of the auto-encoder's linear code layer, layer D/2."),
    INIT("init", "init", "random_walk | gaussian | glorot | he | orthogonal | fractional_moment | parameter_sharing, or a map {scheme: fractional_moment, s: ..., leaky_slope: ...}",
            "random_walk",
            "How the weights start; every scheme's matrix is then scaled by the layer's gain (g_in, g, g_out)."),
    INIT_S("init.s", null, "numbers in (0, 2] (fractional_moment only)",
            "1",
            "Fractional moment s whose E|x|^s the fractional_moment scheme preserves across layers (s = 2 is He / fan-in)."),
    INIT_LEAKY_SLOPE("init.leaky_slope", null, "numbers in [0, 1) (fractional_moment only)",
            "0 (ReLU)",
            "Leaky-ReLU slope a in the fractional_moment variance formula."),
    G("g", "g", "numbers > 0: a value, a list, {from: A, to: B, steps: K} (K >= 2 evenly spaced, add spacing: log for geometric), critical, or {around: critical, factors: [...]}",
            "critical for random_walk init (the random-walk optimum of each net, see critical), 1 for other schemes",
            "Gain of the hidden weight matrices, the paper's g (of every layer in a randomwalk sweep); 'critical' = the random-walk optimum of each net's own f, widths and depth."),
    G_IN("g_in", "g_in", "the same forms as g",
            "= g",
            "Gain of layer 1 (input scaling)."),
    G_OUT("g_out", "g_out", "the same forms as g",
            "= g",
            "Gain of layer D (the output layer)."),
    CRITICAL("critical", null, "finite-depth | steady-state",
            "finite-depth",
            "Which optimum 'critical' g is: finite-depth = where the mean of ln(|delta_1|/|delta_D|) is zero for random nets of the net's own depth and widths, driven by its data (tanh; linear and ReLU: the paper's formulas); steady-state = the walk's zero drift per layer past its first layers (RandomWalk.optimalG)."),
    LAMBDA("lambda", "lambda", "[lambda_in, lambda_out] pairs of numbers > 0, one pair or a list of pairs",
            "[0.01, 0.01]",
            "Learning rates: the last layer gets lambda_out, layer 1 of a d_max-deep net lambda_in, geometric in between."),
    D_MAX("d_max", null, "an integer >= the largest depth in the file",
            "the largest depth in the file",
            "D_max of the learning-rate schedule, lambda_d = lambda_out (lambda_in/lambda_out)^((D-d)/(D_max-1))."),
    EPOCHS("epochs", "epochs", "integers >= 1",
            "10",
            "Passes over the training set."),
    BATCH("batch", "batch", "integers from 1 to the training set size",
            "100",
            "Minibatch size of plain SGD (no momentum)."),
    EPOCH_DECAY("epoch_decay", "epoch_decay", "numbers in (0, 1]",
            "1 (no decay)",
            "Factor every learning rate is multiplied by after each epoch."),
    CLIP("clip", "clip", "numbers > 0, or none",
            "none",
            "Gradient clipping threshold on the gradient norm; none = no clipping."),
    CHECKPOINT("checkpoint", null, "a number of seconds >= 0, or none",
            "60",
            "A running trial saves its state (weights, decayed rates, data order, curve so far) to DIR/checkpoints/ after an epoch once this many seconds of training have passed since its start or its last save, and a rerun resumes it from there with the same numbers, bit for bit; a trial shorter than that never writes one. 0 = after every epoch; none = never. Not part of the trial key."),
    SEEDS("seeds", "seed", "integers",
            "1",
            "Root seeds: each seed is one repeat of every grid point (initial weights and minibatch order)."),
    FIND("find", "find", "optimal-g | none (randomwalk only)",
            "none: walk at each g",
            "optimal-g: find each net's optimal g (where the mean of ln(|delta_1|/|delta_D|) over its random nets is zero, with a 95% interval) instead of walking at given g."),
    INPUT("input", null, "gaussian | data (randomwalk only)",
            "gaussian",
            "What drives the random nets: x ~ N(0, I) (the paper's Figure 2 set-up; every layer, input and output included, of width N) or the examples of data (input and output layers of the data's sizes)."),
    SOURCE("source", null, "unit | loss (randomwalk only)",
            "unit",
            "Where the walk starts: delta_D a random unit vector (the paper's), or the gradient of the softmax loss on the example's label."),
    NETS("nets", null, "an integer >= 2 (randomwalk only)",
            "400",
            "Random nets per point; the standard error of a mean walk falls as 1/sqrt(nets)."),
    SAMPLE_WALKS("sample_walks", null, "an integer from 0 to nets (randomwalk only)",
            "10",
            "Walks kept whole per point, for Figure 1's sample walks."),
    COMPARE("compare", null, "a results directory of a training sweep (randomwalk only; a relative path starts from the current directory)",
            "none",
            "Puts each optimal g beside that sweep's training results at the same f, width and depth: the g of the lowest Figure 3 error and the zero of the step-0 diagnostic ln(|delta_1|/|delta_D|)."),
    COMBINATIONS("combinations", null, "a list of maps of singular axis names, e.g. [{depth: 2, g: 1.1}, {depth: 10, g: 1.2}]",
            "none: the plain product",
            "Explicit points where a product makes no sense: each entry fixes the axes it names, the others vary over their lists.");

    private final String key;
    private final String singular;   // name inside a combinations entry; null: not an axis
    private final String allowed;
    private final String defaultValue;
    private final String description;

    SweepKey(String key, String singular, String allowed, String defaultValue, String description) {
        this.key = key;
        this.singular = singular;
        this.allowed = allowed;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key as written in a sweep file; keys inside a section carry it as a prefix ({@code data.n}). */
    public String key() { return key; }

    /** The key's last part, as it appears inside its map ({@code n} for {@code data.n}). */
    public String localKey() { return key.substring(key.lastIndexOf('.') + 1); }

    /** The key inside a {@code combinations} entry, for axes only. */
    public Optional<String> singular() { return Optional.ofNullable(singular); }

    /** True for a grid axis: one value or a list. */
    public boolean isAxis() { return singular != null; }

    /** What a value may be; quoted in every validation message about this key. */
    public String allowed() { return allowed; }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }

    /** The entry a key names: its full key, its key inside a section, or its singular name. */
    public static Optional<SweepKey> named(String key) {
        for (SweepKey p : values()) {
            if (p.key.equals(key) || p.localKey().equals(key) || key.equals(p.singular)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The keys of one section: "" for the top level, "data" or "init" for those maps. */
    public static List<SweepKey> section(String section) {
        List<SweepKey> keys = new ArrayList<>();
        for (SweepKey p : values()) {
            int dot = p.key.lastIndexOf('.');
            String own = dot < 0 ? "" : p.key.substring(0, dot);
            if (own.equals(section)) keys.add(p);
        }
        return keys;
    }

    /** The axes, by their singular names: the keys a {@code combinations} entry may use. */
    public static List<SweepKey> axes() {
        List<SweepKey> axes = new ArrayList<>();
        for (SweepKey p : values()) if (p.isAxis()) axes.add(p);
        return axes;
    }

    /**
     * The table as printed by {@code rwsweep plan --keys}: per key its name (and singular name
     * for combinations), allowed values, default and description.
     */
    public static String table() {
        StringBuilder b = new StringBuilder();
        b.append("Sweep-file keys. An axis takes one value or a list; the grid is the product of the axes.\n")
         .append("In a combinations entry an axis is named in the singular (shown in brackets).\n\n");
        for (SweepKey p : values()) {
            b.append(String.format(Locale.ROOT, "  %s%s%n", p.key, p.isAxis() ? "  [axis; " + p.singular + "]" : ""));
            b.append("      ").append(p.description).append('\n');
            b.append("      allowed: ").append(p.allowed).append('\n');
            b.append("      default: ").append(p.defaultValue).append('\n');
        }
        return b.toString();
    }
}
