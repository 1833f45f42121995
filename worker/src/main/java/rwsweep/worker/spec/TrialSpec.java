package rwsweep.worker.spec;

import rwsweep.worker.Activation;
import rwsweep.worker.Network;
import rwsweep.worker.Trainer;
import rwsweep.worker.init.InitScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything that decides one trial's numbers: architecture, initialisation, learning rates,
 * schedule, data identity and seed. Immutable; build with {@link #builder()}. Its fields are
 * declared, with their defaults, checks and roles, once in {@link TrialField}.
 *
 * <p>Layer sizes are resolved (from a width or a parameter budget p_lim) before a spec is made, so
 * a spec alone fixes the network. {@link #key()} hashes {@link #canonical()}, which lists the
 * fields plus {@link Trainer#NUMERICS_VERSION}: two specs with equal keys train identically.
 *
 * <p>A final class rather than a record: Spark's Kryo 4 cannot serialise records (it round-trips
 * these private final fields).
 */
public final class TrialSpec {
    private final Task task;
    private final Activation activation;
    private final int[] sizes;          // layer sizes 0..D (input .. output)
    private final int codeLayer;        // auto-encoders: the linear code layer (1..D-1); classifiers: 0, not used
    private final long parameterLimit;  // p_lim the sizes came from; 0 when sizes were given directly
    private final InitScheme init;
    private final double g;             // gain of the hidden layers 2..D-1
    private final double gIn;           // gain of layer 1 (input scaling)
    private final double gOut;          // gain of layer D (output scaling)
    private final double fractionalS;   // s of the fractional-moment scheme, in (0, 2]
    private final double leakySlope;    // slope a of leaky ReLU for the fractional-moment variance; 0 = ReLU
    private final double lambdaIn;
    private final double lambdaOut;
    private final int dMax;
    private final int epochs;
    private final int batchSize;
    private final double epochDecay;
    private final double clipNorm;
    private final long seed;
    private final String dataId;        // identity of the (standardised, subset) training data
    private final int trainSize;        // training examples used
    private final Critical critical;    // which optimum the gains are factors of; null: g given as numbers
    private final double criticalG;     // that optimum (unused when critical is null)

    private TrialSpec(Builder b) {
        task = b.task; activation = b.activation; sizes = b.sizes.clone(); codeLayer = b.codeLayer;
        parameterLimit = b.parameterLimit; init = b.init; g = b.g; gIn = b.gIn; gOut = b.gOut;
        fractionalS = b.fractionalS; leakySlope = b.leakySlope; lambdaIn = b.lambdaIn; lambdaOut = b.lambdaOut;
        dMax = b.dMax == 0 ? b.sizes.length - 1 : b.dMax;
        epochs = b.epochs; batchSize = b.batchSize; epochDecay = b.epochDecay; clipNorm = b.clipNorm; seed = b.seed;
        dataId = b.dataId; trainSize = b.trainSize; critical = b.critical; criticalG = b.criticalG;
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.task = task; b.activation = activation; b.sizes = sizes.clone(); b.codeLayer = codeLayer;
        b.parameterLimit = parameterLimit; b.init = init; b.g = g; b.gIn = gIn; b.gOut = gOut;
        b.fractionalS = fractionalS; b.leakySlope = leakySlope; b.lambdaIn = lambdaIn; b.lambdaOut = lambdaOut;
        b.dMax = dMax; b.epochs = epochs; b.batchSize = batchSize; b.epochDecay = epochDecay; b.clipNorm = clipNorm;
        b.seed = seed; b.dataId = dataId; b.trainSize = trainSize; b.critical = critical; b.criticalG = criticalG;
        return b;
    }

    /** The network this spec trains. */
    public Network network() {
        return task == Task.CLASSIFY
                ? Network.of(sizes, activationsForClassifier(), Task.CLASSIFY)
                : Network.autoencoder(sizes, codeLayer, activation);
    }

    private Activation[] activationsForClassifier() {
        Activation[] acts = new Activation[sizes.length];
        Arrays.fill(acts, activation);
        return acts;
    }

    public Task task() { return task; }
    public Activation activation() { return activation; }
    /** D, the number of weight layers; layer D is the output layer. */
    public int depth() { return sizes.length - 1; }
    public int[] sizes() { return sizes.clone(); }
    /** Hidden width N: size of layer 1 (constant for classifiers); 0 for a net without hidden layers. */
    public int width() { return sizes.length > 2 ? sizes[1] : 0; }
    public int codeLayer() { return codeLayer; }
    public long parameterLimit() { return parameterLimit; }
    public InitScheme init() { return init; }
    public double g() { return g; }
    public double gIn() { return gIn; }
    public double gOut() { return gOut; }
    public double fractionalS() { return fractionalS; }
    public double leakySlope() { return leakySlope; }
    public double lambdaIn() { return lambdaIn; }
    public double lambdaOut() { return lambdaOut; }
    public int dMax() { return dMax; }
    public int epochs() { return epochs; }
    public int batchSize() { return batchSize; }
    public double epochDecay() { return epochDecay; }
    public double clipNorm() { return clipNorm; }
    public long seed() { return seed; }
    public String dataId() { return dataId; }
    public int trainSize() { return trainSize; }

    /**
     * Which random-walk optimum the gains were set from ({@code g: critical}, or random_walk init
     * without g), if they were. Recorded so results say which optimum was used; not part of
     * {@link #canonical()}: the gains themselves are, and they decide the numbers.
     */
    public java.util.Optional<Critical> critical() { return java.util.Optional.ofNullable(critical); }

    /** The value of that optimum for this net, if the gains were set from one. */
    public java.util.OptionalDouble criticalG() {
        return critical == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(criticalG);
    }

    /** Gain of weight layer d: gIn for d = 1, gOut for d = D, g in between (paper.md, "three scales"). */
    public double gain(int d) {
        if (d == 1) return gIn;
        if (d == depth()) return gOut;
        return g;
    }

    /**
     * Every field that decides the numbers, in {@link TrialField#ALL}'s order, numbers in a
     * round-trip format (the record of which critical g the gains came from is not among them). The
     * trial key hashes this, so changing it (or {@link Trainer#NUMERICS_VERSION}) changes every key.
     *
     * <p>Keys are forever. The fields of NUMERICS_VERSION 2 ({@link TrialField.Identity#ALWAYS}) are
     * always written, defaults included (leaving a default out now would change the keys of every
     * stored trial). A field added later is written only when it differs from its default: a trial
     * that does not use it keeps its key and its stored result. GoldenKeyTest pins a few keys and
     * this form of a default-valued spec.
     */
    public String canonical() {
        return canonical(TrialField.ALL);
    }

    /** The canonical form over {@code fields}: the rule of {@link #canonical()}, for any list of declared fields. */
    String canonical(List<TrialField<?>> fields) {
        StringBuilder b = new StringBuilder(256);
        b.append("v=").append(Trainer.NUMERICS_VERSION);
        for (TrialField<?> f : fields) {
            if (f.identity() == TrialField.Identity.UNLESS_DEFAULT && f.atDefault(this)) continue;
            b.append(';').append(f.name()).append('=').append(f.canonical(f.get(this)));
        }
        return b.toString();
    }

    /** 16 hex digits of SHA-256 over {@link #canonical()}: stable across JVMs and runs. */
    public String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialSpec other && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() { return canonical().hashCode(); }

    @Override
    public String toString() { return canonical(); }

    /**
     * Fills a spec field by field, starting from every field's default ({@link TrialField});
     * {@link #build()} checks that it is complete and valid.
     */
    public static final class Builder {
        private Task task;
        private Activation activation;
        private int[] sizes;
        private int codeLayer;
        private long parameterLimit;
        private InitScheme init;
        private double g;
        private double gIn;
        private double gOut;
        private double fractionalS;
        private double leakySlope;
        private double lambdaIn;
        private double lambdaOut;
        private int dMax;
        private int epochs;
        private int batchSize;
        private double epochDecay;
        private double clipNorm;
        private long seed;
        private String dataId;
        private int trainSize;
        private Critical critical;
        private double criticalG = Double.NaN;

        private Builder() {
            for (TrialField<?> f : TrialField.ALL) defaultOf(f);
        }

        private <T> void defaultOf(TrialField<T> f) {
            f.defaultValue().ifPresent(v -> f.set(this, v));
        }

        public Builder task(Task v) { task = v; return this; }
        public Builder activation(Activation v) { activation = v; return this; }
        public Builder sizes(int... v) { sizes = v.clone(); return this; }
        public Builder codeLayer(int v) { codeLayer = v; return this; }
        public Builder parameterLimit(long v) { parameterLimit = v; return this; }
        public Builder init(InitScheme v) { init = v; return this; }
        /** Sets g and, unless set separately afterwards, gIn and gOut to the same value. */
        public Builder g(double v) { g = v; gIn = v; gOut = v; return this; }
        public Builder gIn(double v) { gIn = v; return this; }
        public Builder gOut(double v) { gOut = v; return this; }
        public Builder fractionalS(double v) { fractionalS = v; return this; }
        public Builder leakySlope(double v) { leakySlope = v; return this; }
        public Builder lambdaIn(double v) { lambdaIn = v; return this; }
        public Builder lambdaOut(double v) { lambdaOut = v; return this; }
        public Builder lambda(double in, double out) { lambdaIn = in; lambdaOut = out; return this; }
        /** D_max of the rate schedule; 0 (the default) is the depth. */
        public Builder dMax(int v) { dMax = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder epochDecay(double v) { epochDecay = v; return this; }
        public Builder clipNorm(double v) { clipNorm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder dataId(String v) { dataId = v; return this; }
        public Builder trainSize(int v) { trainSize = v; return this; }
        public Builder data(String id, int n) { dataId = id; trainSize = n; return this; }
        /** Records that the gains are factors of the optimum {@code kind} of value {@code value} (see {@link TrialSpec#critical()}). */
        public Builder critical(Critical kind, double value) { critical = kind; criticalG = value; return this; }
        /** Records that the gains were given as numbers. */
        public Builder noCritical() { critical = null; criticalG = Double.NaN; return this; }

        /**
         * The spec; {@code dMax} defaults to the depth. Every field must pass its own check
         * ({@link TrialField#accepts}), then the checks across fields. Throws
         * IllegalArgumentException naming the bad field.
         */
        public TrialSpec build() {
            require(sizes != null, "sizes", "must be set");
            TrialSpec t = new TrialSpec(this);
            for (TrialField<?> f : TrialField.ALL) check(f, t);
            require(t.dMax >= t.depth(), "dMax", "must be at least the depth " + t.depth() + ", got " + t.dMax);
            require(t.critical == null || positive(t.criticalG), "criticalG", "must be finite and > 0 when critical is set, got " + t.criticalG);
            if (t.task == Task.AUTOENCODE && t.depth() > 1) {
                require(t.codeLayer >= 1 && t.codeLayer < t.depth(), "codeLayer", "must be a hidden layer 1.." + (t.depth() - 1));
            }
            return t;
        }

        private static <T> void check(TrialField<T> f, TrialSpec t) {
            T v = f.get(t);
            require(f.accepts(v), f.name(), "got " + (v == null ? "none" : f.text(v)) + "; allowed: " + f.allowed());
        }

        private static boolean positive(double v) { return v > 0 && Double.isFinite(v); }

        private static void require(boolean ok, String field, String what) {
            if (!ok) throw new IllegalArgumentException("trial spec field '" + field + "': " + what);
        }
    }
}
