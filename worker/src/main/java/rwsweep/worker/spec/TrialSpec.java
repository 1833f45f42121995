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
import java.util.Locale;

/**
 * Everything that decides one trial's numbers: architecture, initialisation, learning rates,
 * schedule, data identity and seed. Immutable; build with {@link #builder()}.
 *
 * <p>Layer sizes are resolved (from a width or a parameter budget p_lim) before a spec is made, so
 * a spec alone fixes the network. {@link #key()} hashes {@link #canonical()}, which lists every
 * field plus {@link Trainer#NUMERICS_VERSION}: two specs with equal keys train identically.
 *
 * <p>A final class rather than a record: Spark's Kryo 4 cannot serialise records.
 */
public final class TrialSpec {
    private Task task;
    private Activation activation;
    private int[] sizes;          // layer sizes 0..D (input .. output)
    private int codeLayer;        // auto-encoders: the linear code layer (1..D-1); classifiers: 0, not used
    private long parameterLimit;  // p_lim the sizes came from; 0 when sizes were given directly
    private InitScheme init;
    private double g;             // gain of the hidden layers 2..D-1
    private double gIn;           // gain of layer 1 (input scaling)
    private double gOut;          // gain of layer D (output scaling)
    private double fractionalS;   // s of the fractional-moment scheme, in (0, 2]
    private double leakySlope;    // slope a of leaky ReLU for the fractional-moment variance; 0 = ReLU
    private double lambdaIn;
    private double lambdaOut;
    private int dMax;
    private int epochs;
    private int batchSize;
    private double epochDecay;
    private double clipNorm;
    private long seed;
    private String dataId;        // identity of the (standardised, subset) training data
    private int trainSize;        // training examples used
    private Critical critical;    // which optimum the gains are factors of; null: g given as numbers
    private double criticalG;     // that optimum (NaN when critical is null)

    private TrialSpec() { }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.s = copy();
        return b;
    }

    private TrialSpec copy() {
        TrialSpec c = new TrialSpec();
        // sizes is shared, not cloned: no spec or builder writes into it (the builder replaces it
        // with a copy, sizes() hands out copies), and a million specs of one net keep one array
        c.task = task; c.activation = activation; c.sizes = sizes;
        c.codeLayer = codeLayer; c.parameterLimit = parameterLimit; c.init = init;
        c.g = g; c.gIn = gIn; c.gOut = gOut; c.fractionalS = fractionalS; c.leakySlope = leakySlope;
        c.lambdaIn = lambdaIn; c.lambdaOut = lambdaOut; c.dMax = dMax; c.epochs = epochs;
        c.batchSize = batchSize; c.epochDecay = epochDecay; c.clipNorm = clipNorm; c.seed = seed;
        c.dataId = dataId; c.trainSize = trainSize; c.critical = critical; c.criticalG = criticalG;
        return c;
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
     * Every field that decides the numbers, in a fixed order, numbers in a round-trip format (the
     * record of which critical g the gains came from is not among them). The trial key hashes
     * this, so changing it (or {@link Trainer#NUMERICS_VERSION}) changes every key.
     *
     * <p>Keys are forever. The fields below are those of NUMERICS_VERSION 2 and are always written,
     * defaults included (leaving a default out now would change the keys of every stored trial). A
     * field added later is appended only when it differs from its default, as
     * {@code if (x != DEFAULT) b.append(";x=")...}: a trial that does not use it keeps its key and
     * its stored result. GoldenKeyTest pins a few keys and this form of a default-valued spec.
     */
    public String canonical() {
        StringBuilder b = new StringBuilder(256);
        b.append("v=").append(Trainer.NUMERICS_VERSION)
         .append(";task=").append(task)
         .append(";f=").append(activation)
         .append(";sizes=").append(join(sizes))
         .append(";code=").append(codeLayer)
         .append(";plim=").append(parameterLimit)
         .append(";init=").append(init)
         .append(";g=").append(num(g))
         .append(";gIn=").append(num(gIn))
         .append(";gOut=").append(num(gOut))
         .append(";s=").append(num(fractionalS))
         .append(";leak=").append(num(leakySlope))
         .append(";lambdaIn=").append(num(lambdaIn))
         .append(";lambdaOut=").append(num(lambdaOut))
         .append(";dMax=").append(dMax)
         .append(";epochs=").append(epochs)
         .append(";batch=").append(batchSize)
         .append(";decay=").append(num(epochDecay))
         .append(";clip=").append(num(clipNorm))
         .append(";seed=").append(seed)
         .append(";data=").append(dataId)
         .append(";n=").append(trainSize);
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

    private static String join(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            b.append(values[i]);
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialSpec other && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() { return canonical().hashCode(); }

    @Override
    public String toString() { return canonical(); }

    /** Fills a spec field by field; {@link #build()} checks that it is complete and valid. */
    public static final class Builder {
        private TrialSpec s = new TrialSpec();

        private Builder() {
            s.task = Task.CLASSIFY;
            s.init = InitScheme.GAUSSIAN;
            s.codeLayer = 0;
            s.fractionalS = 2.0;
            s.leakySlope = 0.0;
            s.epochDecay = 1.0;
            s.clipNorm = Double.POSITIVE_INFINITY;
            s.dataId = "";
            s.criticalG = Double.NaN;
        }

        public Builder task(Task v) { s.task = v; return this; }
        public Builder activation(Activation v) { s.activation = v; return this; }
        public Builder sizes(int... v) { s.sizes = v.clone(); return this; }
        public Builder codeLayer(int v) { s.codeLayer = v; return this; }
        public Builder parameterLimit(long v) { s.parameterLimit = v; return this; }
        public Builder init(InitScheme v) { s.init = v; return this; }
        /** Sets g and, unless set separately afterwards, gIn and gOut to the same value. */
        public Builder g(double v) { s.g = v; s.gIn = v; s.gOut = v; return this; }
        public Builder gIn(double v) { s.gIn = v; return this; }
        public Builder gOut(double v) { s.gOut = v; return this; }
        public Builder fractionalS(double v) { s.fractionalS = v; return this; }
        public Builder leakySlope(double v) { s.leakySlope = v; return this; }
        public Builder lambdaIn(double v) { s.lambdaIn = v; return this; }
        public Builder lambdaOut(double v) { s.lambdaOut = v; return this; }
        public Builder lambda(double in, double out) { s.lambdaIn = in; s.lambdaOut = out; return this; }
        public Builder dMax(int v) { s.dMax = v; return this; }
        public Builder epochs(int v) { s.epochs = v; return this; }
        public Builder batchSize(int v) { s.batchSize = v; return this; }
        public Builder epochDecay(double v) { s.epochDecay = v; return this; }
        public Builder clipNorm(double v) { s.clipNorm = v; return this; }
        public Builder seed(long v) { s.seed = v; return this; }
        public Builder data(String id, int trainSize) { s.dataId = id; s.trainSize = trainSize; return this; }
        /** Records that the gains are factors of the optimum {@code kind} of value {@code value} (see {@link TrialSpec#critical()}). */
        public Builder critical(Critical kind, double value) { s.critical = kind; s.criticalG = value; return this; }
        /** Records that the gains were given as numbers. */
        public Builder noCritical() { s.critical = null; s.criticalG = Double.NaN; return this; }

        /** The spec; {@code dMax} defaults to the depth. Throws IllegalArgumentException naming the bad field. */
        public TrialSpec build() {
            TrialSpec t = s.copy();
            require(t.activation != null, "activation", "must be set");
            require(t.sizes != null && t.sizes.length >= 2, "sizes", "need at least input and output sizes");
            if (Arrays.stream(t.sizes).anyMatch(v -> v < 1)) {
                require(false, "sizes", "every layer needs at least 1 unit, got " + Arrays.toString(t.sizes));
            }
            if (t.dMax == 0) t.dMax = t.depth();
            require(t.dMax >= t.depth(), "dMax", "must be at least the depth " + t.depth() + ", got " + t.dMax);
            require(positive(t.g) && positive(t.gIn) && positive(t.gOut), "g", "gains must be finite and > 0");
            require(positive(t.lambdaIn) && positive(t.lambdaOut), "lambda", "learning rates must be finite and > 0");
            require(t.fractionalS > 0 && t.fractionalS <= 2, "s", "must lie in (0, 2], got " + t.fractionalS);
            require(t.leakySlope >= 0 && t.leakySlope < 1, "leakySlope", "must lie in [0, 1), got " + t.leakySlope);
            require(t.epochs >= 1, "epochs", "must be at least 1, got " + t.epochs);
            require(t.batchSize >= 1, "batchSize", "must be at least 1, got " + t.batchSize);
            require(positive(t.epochDecay), "epochDecay", "must be finite and > 0, got " + t.epochDecay);
            require(t.clipNorm > 0 && !Double.isNaN(t.clipNorm), "clipNorm", "must be > 0 (infinite = no clipping), got " + t.clipNorm);
            require(t.critical == null || positive(t.criticalG), "criticalG", "must be finite and > 0 when critical is set, got " + t.criticalG);
            if (t.task == Task.AUTOENCODE && t.depth() > 1) {
                require(t.codeLayer >= 1 && t.codeLayer < t.depth(), "codeLayer", "must be a hidden layer 1.." + (t.depth() - 1));
            }
            return t;
        }

        private static boolean positive(double v) { return v > 0 && Double.isFinite(v); }

        private static void require(boolean ok, String field, String what) {
            if (!ok) throw new IllegalArgumentException("trial spec field '" + field + "': " + what);
        }
    }
}
