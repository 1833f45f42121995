package rwsweep.worker;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The random walk of the back-propagated error (paper.md, "The random walk"; Sussillo and Abbott
 * 2014, sections 2-3): the formulas for the g that makes it unbiased, a simulator of the walk, and
 * the numerically optimal g (the only way to get it for tanh).
 *
 * <p>In a net of width N with {@code a_d = g W_d h_{d-1}}, {@code h_d = f(a_d)}, zero biases and
 * W_d entries N(0, 1/N), the error {@code δ_{d-1} = f'(a_{d-1}) ⊙ g W_dᵀ δ_d} changes its log-norm by
 * {@code ln g + ½ ln z_d} per layer, with {@code z = |diag(f') Wᵀ u|²} for a unit vector u. The walk
 * has no drift when {@code g = exp(-<ln z>/2)}.
 *
 * <p><b>How the walk is simulated.</b> Not with explicit N×N matrices but exactly in distribution,
 * at O(N) cost per layer instead of O(N²):
 * <ul>
 * <li>forward: W_d is Gaussian and independent of h_{d-1}, so {@code W_d h_{d-1}} has i.i.d.
 *     N(0, |h_{d-1}|²/N) entries: {@code a_d = g |h_{d-1}|/√N · ξ}, ξ standard normal;</li>
 * <li>backward: given the whole forward pass the W_d are independent, and W_d given
 *     {@code W_d h = y} (y = a_d/g) is {@code y hᵀ/|h|² + W' P} with W' a fresh Gaussian matrix and
 *     {@code P = I − h hᵀ/|h|²}. Hence {@code g W_dᵀ δ = h (a_d·δ)/|h|² + g |δ|/√N · P η}, η standard
 *     normal. The first term is the correlation between the forward and the backward use of the same
 *     matrix, which mean-field treatments drop; it is kept here, so the simulation is exact at any N.</li>
 * </ul>
 * A test checks this against a brute-force walk through explicit matrices.
 *
 * <p>The input is treated as the pre-activation a_0 of a layer like the others (a_0 ~ N(0, 1),
 * h_0 = f(a_0)), so each of the D steps of the walk applies f'. For ReLU a layer with every unit off
 * gives δ = 0: the walk is killed; killed walks are counted apart and leave the log-norm statistics
 * (paper.md) instead of putting −∞ into them.
 */
public final class RandomWalk {
    /** Units × layers of walk behind each drift estimate of {@link #simulatedOptimalG}. */
    static final int DRIFT_SAMPLES = 600_000;
    /** Layers per backward walk in a drift estimate; the forward chain runs on between walks. */
    private static final int DRIFT_WALK_LAYERS = 200;
    /** Forward layers before the first measured layer, so tanh activations reach their steady state. */
    private static final int DRIFT_BURN_IN = 200;
    /**
     * Where the optimal g is looked for: a scan from G_LOW in steps of G_STEP up to G_HIGH for the
     * first bracket in which the drift turns from negative to positive, then bisection in it. The
     * walk shrinks at g = 1 for every f (ln g = 0 and <ln z> < 0).
     */
    private static final double G_LOW = 1.0;
    private static final double G_STEP = 0.25;
    private static final double G_HIGH = 4.0;
    /** Bisection stops here: well below the sampling error of the optimum (see simulatedOptimalG). */
    private static final double G_TOLERANCE = 2e-3;
    private static final long SEED = 20141221L; // fixed: the numerical optimum is a function of (f, N) only

    private static final ConcurrentHashMap<String, Double> SIMULATED = new ConcurrentHashMap<>();

    private RandomWalk() { }

    /** {@code g = exp(1/(2N))}: for linear f, z ~ χ²_N/N and {@code <ln z> ≈ −1/N} (paper.md table). */
    public static double gLinear(int n) {
        requireWidth(n);
        return Math.exp(1.0 / (2.0 * n));
    }

    /**
     * {@code g = √2 · exp(1.2 / (max(N, 6) − 2.4))}: for ReLU, z ~ χ²_k/N with k ~ Binomial(N, ½);
     * the paper's fit, clamped at N = 6 below which it is not meant to be used (paper.md table).
     */
    public static double gRelu(int n) {
        requireWidth(n);
        return Math.sqrt(2.0) * Math.exp(1.2 / (Math.max(n, 6) - 2.4));
    }

    /**
     * The random-walk g of width N: the paper's formula for linear and ReLU, the simulated optimum
     * ({@link #simulatedOptimalG}) for tanh, which has no closed form.
     */
    public static double optimalG(Activation f, int n) {
        return switch (f) {
            case LINEAR -> gLinear(n);
            case RELU -> gRelu(n);
            case TANH -> simulatedOptimalG(f, n);
        };
    }

    /**
     * The g at which the simulated walk has zero mean growth of ln|δ| per layer in the steady state
     * ({@link #drift}: the forward activity already at its fixed point, the D → ∞ limit; a finite
     * net fed unit-variance inputs starts saturated and needs a larger g): the first g in [1, 4]
     * where the drift turns from negative to positive, located by a scan in steps of 0.25 and then
     * bisection. The same random numbers are used at every g (a fixed seed), which makes the drift
     * a smooth function of g and the result deterministic. Cached per (f, N).
     *
     * <p>Precision, tanh, measured over 20 other seeds (the fixed seed's value; standard deviation;
     * range): N = 10: 1.882; 0.020; 1.870-1.940. N = 30: 1.237; 0.007; 1.233-1.259. N = 100: 1.116;
     * 0.011; 1.087-1.124. N = 1000: 1.054; 0.021; 1.001-1.069. At large N the tanh drift is flat
     * near its zero (mean-field theory gives g²<f'²> = 1 + O((g − 1)²) without biases) and slow
     * fluctuations of the forward activity set the error; at N = 100 the drift changes by 0.09 per
     * unit of g, so over that spread it stays within about ±0.002 per layer of zero. Each optimum
     * takes 0.3-0.6 s at N ≤ 100 and 1.4 s at N = 1000.
     *
     * @throws IllegalArgumentException if the drift stays negative for every g in [1, 4]: tanh nets
     *     of width 8 or less saturate before the walk can be made unbiased
     */
    public static double simulatedOptimalG(Activation f, int n) {
        requireWidth(n);
        return SIMULATED.computeIfAbsent(f + "/" + n, key -> simulatedOptimalG(f, n, SEED));
    }

    /** {@link #simulatedOptimalG(Activation, int)} with another seed, uncached, to see its spread. */
    static double simulatedOptimalG(Activation f, int n, long seed) {
        double lo = G_LOW;
        double driftLo = drift(f, n, lo, seed);
        double best = driftLo;
        double bestG = lo;
        for (double hi = G_LOW + G_STEP; hi <= G_HIGH + 1e-9; lo = hi, hi += G_STEP) {
            double driftHi = drift(f, n, hi, seed);
            if (driftLo < 0 && driftHi >= 0) return bisect(f, n, lo, hi, seed);
            if (driftHi > best) {
                best = driftHi;
                bestG = hi;
            }
            driftLo = driftHi;
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "no g makes the %s random walk unbiased at width N = %d: the mean growth of ln|δ| "
                + "per layer stays negative for g in [%.0f, %.0f] (largest %.4f at g = %.2f); "
                + "give g explicitly or use a wider net", f, n, G_LOW, G_HIGH, best, bestG));
    }

    private static double bisect(Activation f, int n, double lo, double hi, long seed) {
        while (hi - lo > G_TOLERANCE) {
            double mid = 0.5 * (lo + hi);
            if (drift(f, n, mid, seed) < 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Mean growth of ln|δ| per layer, {@code ln g + ½<ln z>}, in the steady state of a deep net of
     * width N with gain g: a forward chain of {@value #DRIFT_BURN_IN} layers to reach the steady state,
     * then walks of {@value #DRIFT_WALK_LAYERS} layers back through it, {@value #DRIFT_SAMPLES} units ×
     * layers in all, fixed seed. A ReLU step that kills the walk is left out (paper.md) and the
     * forward chain restarts from a fresh input. Paper Figure 2 plots this against g.
     *
     * <p>The estimator subtracts ½(ln|Pη|² − E ln|Pη|²) per layer, a control variate of exactly known
     * mean 0 (|Pη|² ~ χ²_{N−1}, E ln χ²_k = ψ(k/2) + ln 2): it carries the χ² noise of the fresh
     * Gaussian part of each step, nearly all the noise of a linear walk, and leaves the mean as it is.
     */
    public static double drift(Activation f, int n, double g) {
        return drift(f, n, g, SEED);
    }

    /** {@link #drift(Activation, int, double)} with another seed, to see its sampling error. */
    static double drift(Activation f, int n, double g, long seed) {
        requireWidth(n);
        requireGain(g);
        RandomGenerator rng = new SplittableRandom(seed ^ (31L * n + f.ordinal()));
        int layers = DRIFT_WALK_LAYERS;
        Walker walker = new Walker(f, n, layers, g);
        walker.freshInput(rng);
        for (int d = 0; d < DRIFT_BURN_IN; d++) walker.forwardOneLayer(rng);
        double sum = 0;
        long steps = 0;
        while (steps * (long) n < DRIFT_SAMPLES) {
            walker.forward(rng);
            int survived = walker.backward(rng);
            // ln|δ| after the steps that did not kill, minus the zero-mean control variate
            sum += walker.logNorm[layers - survived] - walker.controlSum;
            steps += survived;
            if (survived < layers) walker.freshInput(rng);
        }
        return sum / steps;
    }

    /**
     * {@code walks} independent walks through fresh nets of width N and the given depth and g, each
     * from a fresh random input (a_0 ~ N(0, 1), no burn-in) and a random unit δ_D at the top. Paper
     * Figure 1 (sample walks and their variance per layer) comes from this; the statistics count
     * each layer over the walks alive there.
     */
    public static Statistics simulate(Activation f, int n, int depth, double g, int walks, RandomGenerator rng) {
        requireWidth(n);
        if (depth < 1) throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        if (walks < 1) throw new IllegalArgumentException("walks must be at least 1, got " + walks);
        requireGain(g);
        Walker walker = new Walker(f, n, depth, g);
        Statistics stats = new Statistics(depth);
        for (int w = 0; w < walks; w++) {
            walker.freshInput(rng);
            walker.forward(rng);
            int survived = walker.backward(rng);
            stats.add(walker.logNorm, depth - survived);
        }
        return stats;
    }

    /**
     * ψ(x), the digamma function, for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then
     * the asymptotic series ln x − 1/(2x) − Σ B_2k/(2k x^2k) to x⁻¹⁰ (next term below 1e-14 there).
     */
    static double digamma(double x) {
        double shift = 0;
        while (x < 10) {
            shift -= 1.0 / x;
            x += 1;
        }
        double inv2 = 1.0 / (x * x);
        return shift + Math.log(x) - 0.5 / x
                - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
    }

    private static void requireWidth(int n) {
        if (n < 1) throw new IllegalArgumentException("width N must be at least 1, got " + n);
    }

    private static void requireGain(double g) {
        if (!(g > 0 && Double.isFinite(g))) throw new IllegalArgumentException("g must be finite and > 0, got " + g);
    }

    /**
     * Per-layer statistics of ln|δ_d|, d = 0..D (ln|δ_D| = 0: the walk starts from a unit vector at
     * the top), over the walks still alive at layer d.
     */
    public static final class Statistics {
        private final int depth;
        private final long[] alive;   // index d: walks with δ_d ≠ 0
        private final double[] mean;  // Welford running mean of ln|δ_d| over the alive walks
        private final double[] m2;    // Welford running sum of squared deviations

        private Statistics(int depth) {
            this.depth = depth;
            alive = new long[depth + 1];
            mean = new double[depth + 1];
            m2 = new double[depth + 1];
        }

        /** Adds one walk whose δ is non-zero at layers {@code lowestAlive..D}. */
        private void add(double[] logNorm, int lowestAlive) {
            for (int d = lowestAlive; d <= depth; d++) {
                long k = ++alive[d];
                double delta = logNorm[d] - mean[d];
                mean[d] += delta / k;
                m2[d] += delta * (logNorm[d] - mean[d]);
            }
        }

        /** D, the number of steps of each walk. */
        public int depth() { return depth; }

        /** Walks that reached layer d alive. */
        public long alive(int d) { return alive[d]; }

        /** Walks killed on the way down (a ReLU layer with every unit off); 0 for linear and tanh. */
        public long killed() { return alive[depth] - alive[0]; }

        /** Mean of ln|δ_d| over the walks alive at d. */
        public double mean(int d) { return mean[d]; }

        /** Sample variance (n − 1) of ln|δ_d| over the walks alive at d; NaN with fewer than 2. */
        public double variance(int d) { return alive[d] < 2 ? Double.NaN : m2[d] / (alive[d] - 1); }

        /** Mean growth of ln|δ| per layer from the top to the input, {@code mean(0) / D}. */
        public double driftPerLayer() { return mean[0] / depth; }

        /** Growth of the variance of ln|δ| per layer, {@code variance(0) / D}: 1/(2N) linear, 5/(4N) ReLU. */
        public double variancePerLayer() { return variance(0) / depth; }
    }

    /**
     * One net's worth of walk state: the forward pass of {@code layers} layers (a_d and h_d,
     * d = 0..layers, each (N)) and the back-propagated δ. Allocated once per simulation.
     */
    private static final class Walker {
        private final Activation f;
        private final int n;
        private final int layers;
        private final double g;
        private final boolean homogeneous; // f(c·a) = c·f(a) for c > 0: linear and ReLU
        private final double[][] a;      // (layers+1) × N: pre-activations a_0..a_L
        private final double[][] h;      // (layers+1) × N: h_d = f(a_d), for linear and ReLU rescaled to |h_d|² = N
        private final double[] hNorm2;   // |h_d|²
        private final double[] delta;    // (N): δ, kept at unit norm
        private final double[] eta;      // (N): fresh Gaussian for W' in the backward step
        final double[] logNorm;          // ln|δ_d|, d = 0..layers; logNorm[layers] = 0
        /** Σ over the surviving steps of ½(ln R − E ln R), R = |Pη|² ~ χ²_{N−1}: mean exactly 0. */
        double controlSum;
        private final double meanLogChi2Less; // E ln χ²_{N−1} = ψ((N−1)/2) + ln 2; unused for N = 1
        private final double meanLogChi2;     // E ln χ²_N = ψ(N/2) + ln 2

        Walker(Activation f, int n, int layers, double g) {
            this.f = f;
            this.n = n;
            this.layers = layers;
            this.g = g;
            homogeneous = switch (f) {
                case LINEAR, RELU -> true;
                case TANH -> false;
            };
            a = new double[layers + 1][n];
            h = new double[layers + 1][n];
            hNorm2 = new double[layers + 1];
            delta = new double[n];
            eta = new double[n];
            logNorm = new double[layers + 1];
            meanLogChi2Less = n > 1 ? digamma((n - 1) / 2.0) + Math.log(2.0) : 0.0;
            meanLogChi2 = digamma(n / 2.0) + Math.log(2.0);
        }

        /** a_0 ~ N(0, 1): the next {@link #forward} starts from a random input. */
        void freshInput(RandomGenerator rng) {
            for (int i = 0; i < n; i++) a[0][i] = rng.nextGaussian();
            activate(0);
        }

        /** One forward layer from the current top state, written back into slot 0 (burn-in). */
        void forwardOneLayer(RandomGenerator rng) {
            step(0, 0, rng);
        }

        /** Layers 1..L from the state in slot 0; afterwards slot L is copied to slot 0 to continue. */
        void forward(RandomGenerator rng) {
            for (int d = 1; d <= layers; d++) step(d - 1, d, rng);
        }

        /** a_to = g W h_from with W fresh: a_to = g |h_from|/√N · ξ (exact in distribution). */
        private void step(int from, int to, RandomGenerator rng) {
            double scale = g * Math.sqrt(hNorm2[from] / n);
            double[] out = a[to];
            for (int i = 0; i < n; i++) out[i] = scale * rng.nextGaussian();
            activate(to);
        }

        private void activate(int d) {
            double[] ad = a[d];
            double[] hd = h[d];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = f.value(ad[i]);
                hd[i] = v;
                sum += v * v;
            }
            if (homogeneous && sum > 0) {
                // For linear and ReLU, f' depends only on the sign of a and the next layer only on
                // the direction of h, so h_d may be rescaled to |h|² = N: the walk is unchanged and a
                // deep chain cannot overflow (its norm is itself a random walk). a_d keeps its value,
                // which is g W_d h_{d−1} for the stored h_{d−1}, as the backward step needs.
                double c = Math.sqrt(n / sum);
                for (int i = 0; i < n; i++) hd[i] *= c;
                sum = n;
            }
            hNorm2[d] = sum;
        }

        /**
         * δ from a random unit vector at layer L down to layer 0, filling logNorm. Returns the number
         * of steps survived (L unless a ReLU layer killed δ). Leaves slot 0 holding layer L's state
         * so the forward chain can continue.
         */
        int backward(RandomGenerator rng) {
            double norm2 = 0;
            for (int i = 0; i < n; i++) {
                double v = rng.nextGaussian();
                delta[i] = v;
                norm2 += v * v;
            }
            scale(delta, 1.0 / Math.sqrt(norm2));
            logNorm[layers] = 0;
            controlSum = 0;
            int survived = 0;
            for (int d = layers; d >= 1; d--) {
                double[] hPrev = h[d - 1];
                double hh = hNorm2[d - 1];
                for (int i = 0; i < n; i++) eta[i] = rng.nextGaussian();
                // g W_dᵀ δ = h (a_d·δ)/|h|² + g/√N · P η, P = I − h hᵀ/|h|², |δ| = 1. With h = 0
                // (the forward signal died or underflowed) the forward pass put no constraint on W_d.
                // Written with the unit vector h/|h| so that a tiny forward signal cannot overflow.
                boolean constrained = hh >= Double.MIN_NORMAL;
                double hNorm = Math.sqrt(hh);
                double along = constrained ? dot(a[d], delta) / hNorm : 0;   // (a_d·δ)/|h|
                double project = constrained ? dot(hPrev, eta) / hNorm : 0;  // (h·η)/|h|
                double r = dot(eta, eta) - project * project; // |Pη|² ~ χ² with N−1 (or N) d.o.f.
                double meanLogR = constrained ? meanLogChi2Less : meanLogChi2;
                double noise = g / Math.sqrt(n);
                double rankOne = constrained ? (along - noise * project) / hNorm : 0;
                double[] aPrev = a[d - 1];
                norm2 = 0;
                for (int i = 0; i < n; i++) {
                    double back = hPrev[i] * rankOne + noise * eta[i];
                    double v = derivativeFromOutput(aPrev[i], hPrev[i]) * back;
                    delta[i] = v;
                    norm2 += v * v;
                }
                if (norm2 == 0) break;
                logNorm[d - 1] = logNorm[d] + 0.5 * Math.log(norm2);
                if (n > 1) controlSum += 0.5 * (Math.log(r) - meanLogR); // N = 1: P = 0, no noise term
                scale(delta, 1.0 / Math.sqrt(norm2));
                survived++;
            }
            System.arraycopy(a[layers], 0, a[0], 0, n);
            System.arraycopy(h[layers], 0, h[0], 0, n);
            hNorm2[0] = hNorm2[layers];
            return survived;
        }

        /** f'(a) from a and the stored h (tanh: h = tanh(a), so f' = 1 − h² without a second tanh). */
        private double derivativeFromOutput(double pre, double out) {
            return switch (f) {
                case LINEAR -> 1.0;
                case RELU -> pre > 0 ? 1.0 : 0.0;
                case TANH -> 1.0 - out * out;
            };
        }

        private static double dot(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += x[i] * y[i];
            return s;
        }

        private static void scale(double[] x, double c) {
            for (int i = 0; i < x.length; i++) x[i] *= c;
        }
    }
}
