package rwsweep.worker.theory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.TrialSpec;

/**
 * One point of a random-walk sweep (paper §2, Figures 1 and 2): a net shape and init, how its
 * walk is driven, how many random nets, and either a g to walk at or the instruction to find the
 * optimal g. Everything that decides the point's numbers; {@link #key()} hashes it. Immutable;
 * build with {@link #builder()}. A final class, not a record: Spark's Kryo 4 cannot serialise records.
 */
public final class WalkSpec {
    /** Bump when a change alters any walk's numbers: it is part of every walk key. */
    public static final int WALK_VERSION = 1;

    /** What a point computes. */
    public enum Kind {
        /** The walk's statistics at the given g. */
        WALK,
        /** The finite-depth optimal g (and the walk's statistics there), beside the steady-state one. */
        OPTIMAL_G
    }

    private Kind kind;
    private Activation activation;
    private int[] sizes;          // layer sizes 0..D
    private InitScheme init;
    private double fractionalS;
    private double leakySlope;
    private double g;             // WALK: the gain of every layer; OPTIMAL_G: NaN
    private Critical critical;    // WALK: which optimum g is (null: given as a number)
    private String dataId;        // "" for the Gaussian input
    private int dataSize;         // examples of the data input (0 for Gaussian)
    private WalkSource source;
    private int nets;
    private long seed;
    private int keep;             // walks kept whole (Figure 1)

    private WalkSpec() { }

    public static Builder builder() { return new Builder(); }

    public Kind kind() { return kind; }
    public Activation activation() { return activation; }
    public int[] sizes() { return sizes.clone(); }
    /** D, the number of weight layers. */
    public int depth() { return sizes.length - 1; }
    /** Hidden width N (layer 1). */
    public int width() { return sizes[1]; }
    public InitScheme init() { return init; }
    public double fractionalS() { return fractionalS; }
    public double leakySlope() { return leakySlope; }
    /** The g of every layer of a WALK point; empty for OPTIMAL_G. */
    public OptionalDouble g() { return kind == Kind.WALK ? OptionalDouble.of(g) : OptionalDouble.empty(); }
    /** Which optimum g is, when it came from {@code g: critical}. */
    public Optional<Critical> critical() { return Optional.ofNullable(critical); }
    /** Identity of the data that drives the nets, or empty for x ~ N(0, I). */
    public Optional<String> dataId() { return dataId.isEmpty() ? Optional.empty() : Optional.of(dataId); }
    public int dataSize() { return dataSize; }
    public WalkSource source() { return source; }
    public int nets() { return nets; }
    public long seed() { return seed; }
    public int keep() { return keep; }

    /** The net of this point at gain g (every layer). */
    public WalkNet net(double gain) {
        return WalkNet.of(TrialSpec.builder().activation(activation).sizes(sizes).init(init).fractionalS(fractionalS)
                .leakySlope(leakySlope).g(gain).lambda(1, 1).epochs(1).batchSize(1).build());
    }

    /** Every field in a fixed order, numbers in a round-trip format, with {@link #WALK_VERSION}. */
    public String canonical() {
        StringBuilder b = new StringBuilder(160);
        b.append("walk=").append(WALK_VERSION)
         .append(";kind=").append(kind)
         .append(";f=").append(activation)
         .append(";sizes=");
        for (int i = 0; i < sizes.length; i++) b.append(i > 0 ? "," : "").append(sizes[i]);
        b.append(";init=").append(init)
         .append(";s=").append(num(fractionalS))
         .append(";leak=").append(num(leakySlope))
         .append(";g=").append(kind == Kind.WALK ? num(g) : "optimal")
         .append(";data=").append(dataId)
         .append(";n=").append(dataSize)
         .append(";source=").append(source)
         .append(";nets=").append(nets)
         .append(";seed=").append(seed)
         .append(";keep=").append(keep);
        return b.toString();
    }

    /** 16 hex digits of SHA-256 over {@link #canonical()}. */
    public String key() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String num(double v) {
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalkSpec other && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() { return canonical().hashCode(); }

    @Override
    public String toString() { return canonical(); }

    /** Fills a spec field by field; {@link #build()} checks it. */
    public static final class Builder {
        private final WalkSpec s = new WalkSpec();

        private Builder() {
            s.kind = Kind.WALK;
            s.init = InitScheme.RANDOM_WALK;
            s.fractionalS = 2.0;
            s.leakySlope = 0.0;
            s.g = Double.NaN;
            s.dataId = "";
            s.source = WalkSource.UNIT;
            s.seed = 1;
        }

        public Builder activation(Activation v) { s.activation = v; return this; }
        public Builder sizes(int... v) { s.sizes = v.clone(); return this; }
        public Builder init(InitScheme scheme, double fractionalS, double leakySlope) {
            s.init = scheme;
            s.fractionalS = fractionalS;
            s.leakySlope = leakySlope;
            return this;
        }
        /** A WALK point at gain g; {@code critical} names the optimum g is, or null. */
        public Builder walkAt(double g, Critical critical) { s.kind = Kind.WALK; s.g = g; s.critical = critical; return this; }
        /** An OPTIMAL_G point. */
        public Builder findOptimalG() { s.kind = Kind.OPTIMAL_G; s.g = Double.NaN; s.critical = null; return this; }
        /** Driven by the data set of this identity and size; without it, by x ~ N(0, I). */
        public Builder data(String id, int size) { s.dataId = id; s.dataSize = size; return this; }
        public Builder source(WalkSource v) { s.source = v; return this; }
        public Builder nets(int v) { s.nets = v; return this; }
        public Builder seed(long v) { s.seed = v; return this; }
        public Builder keep(int v) { s.keep = v; return this; }

        public WalkSpec build() {
            WalkSpec t = new WalkSpec();
            t.kind = s.kind; t.activation = s.activation; t.sizes = s.sizes == null ? null : s.sizes.clone();
            t.init = s.init; t.fractionalS = s.fractionalS; t.leakySlope = s.leakySlope; t.g = s.g; t.critical = s.critical;
            t.dataId = s.dataId; t.dataSize = s.dataSize; t.source = s.source; t.nets = s.nets; t.seed = s.seed; t.keep = s.keep;
            require(t.activation != null, "activation", "must be set");
            require(t.sizes != null && t.sizes.length >= 3, "sizes", "need a hidden layer: at least input, hidden and output sizes");
            for (int v : t.sizes) require(v >= 1, "sizes", "every layer needs at least 1 unit");
            require(t.kind != Kind.WALK || (t.g > 0 && Double.isFinite(t.g)), "g", "must be finite and > 0, got " + t.g);
            require(t.nets >= 2, "nets", "must be at least 2 (a variance needs two), got " + t.nets);
            require(t.keep >= 0 && t.keep <= t.nets, "keep", "must lie in 0..nets, got " + t.keep);
            require(t.dataId.isEmpty() == (t.dataSize == 0), "data", "an identity needs a size and a size an identity");
            return t;
        }

        private static void require(boolean ok, String field, String what) {
            if (!ok) throw new IllegalArgumentException("walk spec field '" + field + "': " + what);
        }
    }
}
