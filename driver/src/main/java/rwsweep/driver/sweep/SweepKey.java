package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import rwsweep.worker.spec.TrialField;

/**
 * The one table of sweep-file keys: each key is described here once (name, allowed values,
 * default, one line on what it does), and that text feeds both the validation messages
 * ({@code sweeps/x.yaml: depths: got 0; allowed: ...}), {@code rwsweep plan --keys} and the
 * commands' {@code --help}. A key that sets a trial field takes all of it from the field's
 * {@link TrialField} declaration ({@link #of}); a trial field declared with a sweep-file key of its
 * own joins the table by that declaration alone.
 *
 * <p>An <em>axis</em> takes one value or a list; the grid is the product of all axes. In a
 * {@code combinations} entry an axis is named in the singular ({@code depth}, {@code seed}), so
 * that {@code {depth: 2, g: 1.1}} reads as one point. Keys under {@code data} and {@code init}
 * carry their section in the name ({@code data.n}, {@code init.s}).
 */
public final class SweepKey {
    private static final java.util.Map<TrialField<?>, SweepKey> OF_FIELD = new java.util.LinkedHashMap<>();

    public static final SweepKey NAME = new SweepKey("name", null, "up to " + Limits.MAX_NAME_LENGTH + " letters, digits, '.', '_' and '-' (it names the results directory)",
            "the file name without .yaml",
            "The sweep's name; results go to results/<name> unless run --out says otherwise.");
    public static final SweepKey KIND = new SweepKey("kind", null, "train | randomwalk",
            "train",
            "train: a grid of training trials; randomwalk: the random walk of the back-propagated error through random nets (paper Figures 1 and 2), nothing trained.");
    public static final SweepKey DATA = new SweepKey("data", null, "mnist-sample, or a map with source: mnist-sample | fashion-mnist | idx | csv | libsvm",
            "required",
            "The training data; inputs are standardised per dimension on the training set itself.");
    public static final SweepKey DATA_SOURCE = new SweepKey("data.source", null, "mnist-sample | fashion-mnist | idx | csv | libsvm",
            "required",
            "mnist-sample: the bundled 10,000 MNIST digits; fashion-mnist: /usr/share/datasets/fashion-mnist; idx, csv, libsvm: your files.");
    public static final SweepKey DATA_N = of(TrialField.TRAIN_SIZE);
    public static final SweepKey DATA_IMAGES = new SweepKey("data.images", null, "a readable IDX image file (a relative path starts from the current directory; or a Hadoop URI: hdfs://..., s3a://...)",
            "required for source idx",
            "IDX file of the inputs (idx3-ubyte, optionally .gz).");
    public static final SweepKey DATA_LABELS = new SweepKey("data.labels", null, "a readable IDX label file (a relative path starts from the current directory; or a Hadoop URI: hdfs://..., s3a://...)",
            "required for source idx",
            "IDX file of the labels (idx1-ubyte, optionally .gz).");
    public static final SweepKey DATA_FILE = new SweepKey("data.file", null, "a readable CSV or LIBSVM file (a relative path starts from the current directory; or a Hadoop URI: hdfs://..., s3a://...)",
            "required for source csv and libsvm",
            "Dense feature file, one example per line (e.g. stacked TIMIT frames).");
    public static final SweepKey DATA_LABEL_COLUMN = new SweepKey("data.label_column", null, "an integer >= 0, or the name of a header column (csv only)",
            "0 (the first column)",
            "Which CSV column holds the class label 0..classes-1, by 0-based index or header name; every other column is a feature. Cells may be quoted (RFC 4180).");
    public static final SweepKey TASK = of(TrialField.TASK);
    public static final SweepKey NONLINEARITIES = of(TrialField.ACTIVATION);
    public static final SweepKey DEPTHS = new SweepKey("depths", "depth", "integers from 1 to " + Limits.MAX_DEPTH + "; for autoencode even and >= 4",
            "required",
            "D, the number of weight layers, output layer included (the paper's counting: D-1 hidden layers).");
    public static final SweepKey WIDTH = new SweepKey("width", "width", "integers >= 1 (classify only; even with parameter_sharing) whose net fits in a trial's "
            + (Limits.MAX_TRIAL_BYTES >> 30) + " GiB",
            "give width or p_lim",
            "Hidden width N of a classifier, the same for every depth.");
    public static final SweepKey P_LIM = of(TrialField.PARAMETER_LIMIT);
    public static final SweepKey CODE_SIZE = new SweepKey("code_size", "code_size", "integers >= 1 (autoencode only) whose net fits in a trial's "
            + (Limits.MAX_TRIAL_BYTES >> 30) + " GiB",
            Integer.toString(SweepFile.DEFAULT_CODE_SIZE),
            "Width of the auto-encoder's linear code layer, layer D/2.");
    public static final SweepKey INIT = of(TrialField.INIT);
    public static final SweepKey INIT_S = of(TrialField.FRACTIONAL_S);
    public static final SweepKey INIT_LEAKY_SLOPE = of(TrialField.LEAKY_SLOPE);
    public static final SweepKey G = of(TrialField.G);
    public static final SweepKey G_IN = of(TrialField.G_IN);
    public static final SweepKey G_OUT = of(TrialField.G_OUT);
    public static final SweepKey CRITICAL = new SweepKey("critical", null, "finite-depth | steady-state",
            "finite-depth",
            "Which optimum 'critical' g is: finite-depth = where the mean of ln(|delta_1|/|delta_D|) is zero for random nets of the net's own depth and widths, driven by its data (tanh; linear and ReLU: the paper's formulas); steady-state = the walk's zero drift per layer past its first layers (RandomWalk.optimalG).");
    public static final SweepKey LAMBDA = new SweepKey("lambda", "lambda", "[lambda_in, lambda_out] pairs of numbers > 0, one pair or a list of pairs, or a random search {sample: uniform | log-uniform, in: [from, to] or a number, out: [from, to] or a number, n: K, seed: S (optional)}",
            "[0.01, 0.01]",
            "Learning rates: the last layer gets lambda_out, layer 1 of a d_max-deep net lambda_in, geometric in between.");
    public static final SweepKey D_MAX = of(TrialField.D_MAX);
    public static final SweepKey EPOCHS = of(TrialField.EPOCHS);
    public static final SweepKey BATCH = of(TrialField.BATCH);
    public static final SweepKey EPOCH_DECAY = of(TrialField.EPOCH_DECAY);
    public static final SweepKey CLIP = of(TrialField.CLIP);
    public static final SweepKey SEEDS = of(TrialField.SEED);
    public static final SweepKey CHECKPOINT = new SweepKey("checkpoint", null, "a number of seconds >= 0, or none",
            "60",
            "A running trial saves its state (weights, decayed rates, data order, curve so far) to DIR/checkpoints/ after an epoch once this many seconds of training have passed since its start or its last save, and a rerun resumes it from there with the same numbers, bit for bit; a trial shorter than that never writes one. 0 = after every epoch; none = never. Not part of the trial key.");
    public static final SweepKey PRUNE = new SweepKey("prune", null, "none, or a map with halving and/or chance",
            "none: every trial runs every epoch",
            "Stops hopeless trials early, at fixed epochs (rungs), by rules that depend only on the errors every trial of a net recorded there, never on the order trials finish in; a stopped trial is a result with status PRUNED (its curve so far), shown as pruned, never as a trained value. Not part of the trial key: a trial that runs to its end has the numbers it has without pruning, bit for bit.");
    public static final SweepKey PRUNE_HALVING = new SweepKey("prune.halving", null, "a map with grace, reduction, rungs",
            "none",
            "Successive halving: at each rung epoch the trials of one net (nonlinearity, layer sizes, task, data) are ranked by their training error after that epoch (ties by trial key) and the best ceil(n/reduction) go on.");
    public static final SweepKey PRUNE_GRACE = new SweepKey("prune.halving.grace", null, "an integer >= 1 (not with rungs)",
            Integer.toString(Pruning.Halving.DEFAULT_GRACE),
            "The first rung: epochs every trial runs before any is ranked; the later rungs are grace*reduction, grace*reduction^2, ...");
    public static final SweepKey PRUNE_REDUCTION = new SweepKey("prune.halving.reduction", null, "an integer >= 2",
            Integer.toString(Pruning.Halving.DEFAULT_REDUCTION),
            "At each rung 1/reduction of a net's trials go on.");
    public static final SweepKey PRUNE_RUNGS = new SweepKey("prune.halving.rungs", null, "a list of increasing integers >= 1 (not with grace)",
            "grace, grace*reduction, ...",
            "The rung epochs, given instead of grace.");
    public static final SweepKey PRUNE_CHANCE = new SweepKey("prune.chance", null, "a map with after and within (classify only)",
            "none",
            "The chance rule: a classifier whose training error after epoch 'after' is still within 'within' of chance (1 - 1/classes) stops there.");
    public static final SweepKey PRUNE_AFTER = new SweepKey("prune.chance.after", null, "an integer >= 1",
            "required",
            "The epoch after which the chance rule looks.");
    public static final SweepKey PRUNE_WITHIN = new SweepKey("prune.chance.within", null, "a number from 0 to below 1",
            Double.toString(Pruning.Chance.DEFAULT_WITHIN),
            "How close to chance the error may be and still stop the trial: error >= 1 - 1/classes - within.");
    public static final SweepKey FIND = new SweepKey("find", "find", "optimal-g | none (randomwalk only)",
            "none: walk at each g",
            "optimal-g: find each net's optimal g (where the mean of ln(|delta_1|/|delta_D|) over its random nets is zero, with a 95% interval) instead of walking at given g.");
    public static final SweepKey INPUT = new SweepKey("input", null, "gaussian | data (randomwalk only)",
            "gaussian",
            "What drives the random nets: x ~ N(0, I) (the paper's Figure 2 set-up; every layer, input and output included, of width N) or the examples of data (input and output layers of the data's sizes).");
    public static final SweepKey SOURCE = new SweepKey("source", null, "unit | loss (randomwalk only)",
            "unit",
            "Where the walk starts: delta_D a random unit vector (the paper's), or the gradient of the softmax loss on the example's label.");
    public static final SweepKey NETS = new SweepKey("nets", null, "an integer >= 2 (randomwalk only)",
            "400",
            "Random nets per point; the standard error of a mean walk falls as 1/sqrt(nets).");
    public static final SweepKey SAMPLE_WALKS = new SweepKey("sample_walks", null, "an integer from 0 to nets (randomwalk only)",
            "10",
            "Walks kept whole per point, for Figure 1's sample walks.");
    public static final SweepKey COMPARE = new SweepKey("compare", null, "a results directory of a training sweep (randomwalk only; a relative path starts from the current directory)",
            "none",
            "Puts each optimal g beside that sweep's training results at the same f, width and depth: the g of the lowest Figure 3 error and the zero of the step-0 diagnostic ln(|delta_1|/|delta_D|).");
    public static final SweepKey COMBINATIONS = new SweepKey("combinations", null, "a list of maps of singular axis names, e.g. [{depth: 2, g: 1.1}, {depth: 10, g: 1.2}]",
            "none: the plain product",
            "Explicit points where a product makes no sense: each entry fixes the axes it names, the others vary over their lists.");

    public static final SweepKey REFINE = new SweepKey("refine", null, "{axis: g, rounds: R (1 to " + Refinement.MAX_ROUNDS + "), points: P (1 to "
            + Refinement.MAX_POINTS + "), tolerance: T (a number > 0, optional)} (training sweeps only)",
            "none: the grid alone",
            "Adaptive refinement after the grid: each round places up to P new g values per net (nonlinearity, depth, width, init) around the lowest error and the two edges of the band of g tied with it, as new trials of the same results directory, until those are bracketed to T (default " + NumberText.plain(Refinement.DEFAULT_TOLERANCE) + ") or R rounds are done. Worst case: grid + R x P g values per net.");

    /** Every key in the table's order; a trial field's key that no constant above names comes after the trials' keys. */
    private static final List<SweepKey> ALL = all();

    private static List<SweepKey> all() {
        List<SweepKey> keys = new ArrayList<>(List.of(NAME, KIND, DATA, DATA_SOURCE, DATA_N, DATA_IMAGES, DATA_LABELS, DATA_FILE, DATA_LABEL_COLUMN, TASK, NONLINEARITIES, DEPTHS, WIDTH, P_LIM, CODE_SIZE, INIT, INIT_S, INIT_LEAKY_SLOPE, G, G_IN, G_OUT, CRITICAL, LAMBDA, D_MAX, EPOCHS, BATCH, EPOCH_DECAY, CLIP, SEEDS,
                CHECKPOINT, PRUNE, PRUNE_HALVING, PRUNE_GRACE, PRUNE_REDUCTION, PRUNE_RUNGS, PRUNE_CHANCE, PRUNE_AFTER, PRUNE_WITHIN, FIND, INPUT, SOURCE, NETS, SAMPLE_WALKS, COMPARE, COMBINATIONS, REFINE));
        int trialKeysEnd = keys.indexOf(FIND);
        for (TrialField<?> f : TrialField.ALL) {
            if (f.sweepKey().isPresent() && !keys.contains(of(f))) keys.add(trialKeysEnd++, of(f));
        }
        return List.copyOf(keys);
    }

    private final String key;
    private final String singular;   // name inside a combinations entry; null: not an axis
    private final String allowed;
    private final String defaultValue;
    private final String description;
    private final TrialField<?> field;  // the trial field this key sets, or null

    private SweepKey(String key, String singular, String allowed, String defaultValue, String description) {
        this(key, singular, allowed, defaultValue, description, null);
    }

    private SweepKey(String key, String singular, String allowed, String defaultValue, String description, TrialField<?> field) {
        this.key = key;
        this.singular = singular;
        this.allowed = allowed;
        this.defaultValue = defaultValue;
        this.description = description;
        this.field = field;
    }

    /** The key of a trial field that the sweep file sets by a key of its own; all its text is the field's. */
    public static synchronized SweepKey of(TrialField<?> f) {
        return OF_FIELD.computeIfAbsent(f, x -> new SweepKey(x.sweepKey().orElseThrow(
                () -> new IllegalArgumentException("trial field " + x + " has no sweep-file key")), x.singular().orElse(null),
                x.allowed(), x.defaultText(), x.description(), x));
    }

    /** Every key, in the table's order. */
    public static List<SweepKey> values() { return ALL; }

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

    /** The trial field this key sets, if it sets one by itself. */
    public Optional<TrialField<?>> field() { return Optional.ofNullable(field); }

    /** The entry a key names: its full key, its key inside a section, or its singular name. */
    public static Optional<SweepKey> named(String key) {
        for (SweepKey p : ALL) {
            if (p.key.equals(key) || p.localKey().equals(key) || key.equals(p.singular)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The keys of one section: "" for the top level, "data" or "init" for those maps. */
    public static List<SweepKey> section(String section) {
        List<SweepKey> keys = new ArrayList<>();
        for (SweepKey p : ALL) {
            int dot = p.key.lastIndexOf('.');
            String own = dot < 0 ? "" : p.key.substring(0, dot);
            if (own.equals(section)) keys.add(p);
        }
        return keys;
    }

    /** The axes, by their singular names: the keys a {@code combinations} entry may use. */
    public static List<SweepKey> axes() {
        List<SweepKey> axes = new ArrayList<>();
        for (SweepKey p : ALL) if (p.isAxis()) axes.add(p);
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
        for (SweepKey p : ALL) {
            b.append("  ").append(p.key).append(p.isAxis() ? "  [axis; " + p.singular + "]" : "").append('\n');
            b.append("      ").append(p.description).append('\n');
            b.append("      allowed: ").append(p.allowed).append('\n');
            b.append("      default: ").append(p.defaultValue).append('\n');
        }
        return b.toString();
    }

    /** For a command's {@code --help}: the axes, each with its default, one line each. */
    public static List<String> axesHelp() {
        List<String> lines = new ArrayList<>();
        lines.add("Sweep-file axes (each a value or a list; the grid is their product):");
        for (SweepKey p : axes()) {
            if (p == FIND) continue;
            lines.add(String.format(Locale.ROOT, "  %-16s %s", p.key, "default: " + p.defaultValue));
        }
        lines.add("Every key, its allowed values and meaning: rwsweep plan --keys");
        return lines;
    }

    @Override
    public String toString() { return key; }
}
