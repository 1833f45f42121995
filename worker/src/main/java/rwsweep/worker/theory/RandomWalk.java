package rwsweep.worker.theory;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import rwsweep.worker.Activation;

/**
 * The random walk of the back-propagated error (paper §2; paper.md, "The random walk"): the
 * formulas for the g that makes it unbiased, and its steady-state optimum — the g at which the
 * walk has no drift per layer once a deep chain's activity has reached its fixed point (for tanh
 * the only way to get it). The walk through finite nets, and their optimum, is {@link FiniteDepthWalk}'s.
 *
 * <p>In a net of width N with {@code a_d = g W_d h_{d-1}}, {@code h_d = f(a_d)}, zero biases and
 * W_d entries N(0, 1/N), the error {@code δ_{d-1} = f'(a_{d-1}) ⊙ g W_dᵀ δ_d} changes its log-norm by
 * {@code ln g + ½ ln z_d} per layer, with {@code z = |diag(f') Wᵀ u|²} for a unit vector u. The walk
 * has no drift when {@code g = exp(-<ln z>/2)}.
 *
 * <p><b>How the walk is simulated.</b> Not with explicit N×N matrices but exactly in distribution,
 * at O(N) cost per layer instead of O(N²) ({@link Walker}):
 * <ul>
 * <li>forward: W_d is Gaussian and independent of h_{d-1}, so {@code W_d h_{d-1}} has i.i.d.
 *     N(0, |h_{d-1}|²/N) entries: {@code a_d = g |h_{d-1}|/√N · ξ}, ξ standard normal;</li>
 * <li>backward: given the whole forward pass the W_d are independent, and W_d given
 *     {@code W_d h = y} (y = a_d/g) is {@code y hᵀ/|h|² + W' P} with W' a fresh Gaussian matrix and
 *     {@code P = I − h hᵀ/|h|²}. Hence {@code g W_dᵀ δ = h (a_d·δ)/|h|² + g |δ|/√N · P η}, η standard
 *     normal. The first term is the correlation between the forward and the backward use of the same
 *     matrix, which mean-field treatments drop; it is kept here, so the simulation is exact at any N.</li>
 * </ul>
 * Tests check this against walks through explicit matrices.
 *
 * <p>In the steady-state chain the input is treated as the pre-activation a_0 of a layer like the
 * others (a_0 ~ N(0, 1), h_0 = f(a_0)), and 200 layers are burnt in before anything is measured.
 * For ReLU a layer with every unit off gives δ = 0: the walk is killed; killed walks are counted
 * apart and leave the log-norm statistics (paper.md) instead of putting −∞ into them.
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

    /**
     * The paper's closed forms for the walk of one nonlinearity (paper.md table): its optimal g at
     * width N (a real N, so a curve through them is smooth) and the walk's variance per layer at that
     * g, varianceTimesN / N, each with the label the figures give it.
     */
    public record Formula(DoubleUnaryOperator g, String gLabel, double varianceTimesN, String varianceLabel) {
        /** The optimal g at width N. */
        public double g(double n) { return g.applyAsDouble(n); }
        /** The walk's variance per layer at width N. */
        public double variancePerLayer(double n) { return varianceTimesN / n; }
    }

    /**
     * The one place a nonlinearity's random-walk theory is stated: the paper's formulas where it
     * has them (linear, ReLU), empty where only simulation knows the optimum (tanh,
     * {@link #simulatedOptimalG}). A nonlinearity added to {@link Activation} does not compile here
     * until it is given its formula or none; everything else (the critical g, the root search's start,
     * the summary's predictions and plots) reads this.
     */
    public static Optional<Formula> formula(Activation f) {
        return switch (f) {
            case LINEAR -> Optional.of(new Formula(RandomWalk::gLinear, "exp(1/(2N))", 0.5, "(D − d)/(2N)"));
            case RELU -> Optional.of(new Formula(RandomWalk::gRelu, "√2·exp(1.2/(max(N,6)−2.4))", 1.25, "5(D − d)/(4N)"));
            case TANH -> Optional.empty();
        };
    }

    /** {@code g = exp(1/(2N))}: for linear f, z ~ χ²_N/N and {@code <ln z> ≈ −1/N} (paper.md table). */
    public static double gLinear(int n) {
        requireWidth(n);
        return gLinear((double) n);
    }

    private static double gLinear(double n) {
        return Math.exp(1.0 / (2.0 * n));
    }

    /**
     * {@code g = √2 · exp(1.2 / (max(N, 6) − 2.4))}: for ReLU, z ~ χ²_k/N with k ~ Binomial(N, ½);
     * the paper's fit, clamped at N = 6 below which it is not meant to be used (paper.md table).
     */
    public static double gRelu(int n) {
        requireWidth(n);
        return gRelu((double) n);
    }

    private static double gRelu(double n) {
        return Math.sqrt(2.0) * Math.exp(1.2 / (Math.max(n, 6) - 2.4));
    }

    /**
     * Where a search for the optimal g of width N starts: the formula, or 1 + 1.5/√N where there is
     * none (the tanh optima, simulated, lie near it: 1.48 at N = 10, 1.15 at N = 100).
     */
    public static double searchStart(Activation f, int n) {
        return formula(f).map(x -> x.g(n)).orElse(1 + 1.5 / Math.sqrt(n));
    }

    /**
     * The random-walk g of width N: the paper's formula ({@link #formula}: linear and ReLU), else the
     * simulated optimum ({@link #simulatedOptimalG}: tanh, which has no closed form).
     */
    public static double optimalG(Activation f, int n) {
        requireWidth(n);
        Optional<Formula> formula = formula(f);
        return formula.isPresent() ? formula.get().g(n) : simulatedOptimalG(f, n);
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
        Walker walker = squareChain(f, n, layers, g);
        walker.freshInput(rng);
        for (int d = 0; d < DRIFT_BURN_IN; d++) walker.forwardOneLayer(rng);
        double sum = 0;
        long steps = 0;
        while (steps * (long) n < DRIFT_SAMPLES) {
            walker.forward(rng);
            walker.unitSource(rng);
            int survived = walker.backward(rng);
            walker.carryTopToInput();
            // ln|δ| after the steps that did not kill, minus the zero-mean control variate
            sum += walker.logNorm[layers - survived] - walker.controlSum;
            steps += survived;
            if (survived < layers) walker.freshInput(rng);
        }
        return sum / steps;
    }

    /**
     * The chain of the steady-state walk: {@code layers} square layers of width N, W entries
     * N(0, 1/N) times g, the same f in every layer, a_0 treated as a pre-activation, and the walk
     * running down to δ_0.
     */
    private static Walker squareChain(Activation f, int n, int layers, double g) {
        int[] sizes = new int[layers + 1];
        java.util.Arrays.fill(sizes, n);
        Activation[] fs = new Activation[layers + 1];
        java.util.Arrays.fill(fs, f);
        double[] gains = new double[layers + 1];
        java.util.Arrays.fill(gains, g);
        double[] spread = new double[layers + 1];
        java.util.Arrays.fill(spread, n); // 1/variance = fan_in: the paper's N(0, 1/N)
        return new Walker(sizes, fs, gains, spread, 0);
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
}
