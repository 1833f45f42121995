package rwsweep.worker.theory;

import java.util.Locale;
import java.util.SplittableRandom;
import rwsweep.worker.Activation;
import rwsweep.worker.Network;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.init.Init;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialSpec;

/**
 * The random walk of the back-propagated error through finite nets (paper §2, Figures 1 and 2):
 * R random nets of one shape ({@link WalkNet}: any depth, widths, nonlinearity, init scheme and
 * gains of the training core), each driven by one input ({@link WalkInput}), the error
 * back-propagated from δ_D ({@link WalkSource}) down to δ_1, and {@code w_d = ln|δ_d| − ln|δ_D|}
 * recorded at every layer. This is the quantity the trainer's step-0 diagnostic measures, and the
 * optimal g of a net of depth D is where the mean of w_1 crosses zero.
 *
 * <p>Unlike {@link RandomWalk#drift}, nothing is burnt in: a tanh net driven by a unit-variance
 * input starts saturated, its forward variance relaxes over its first 10–20 layers, and those
 * layers shrink δ; so the optimum of a finite net lies above the steady-state one and falls towards
 * it as D grows (paper.md).
 *
 * <p>Two exact methods: for schemes with i.i.d. Gaussian entries the O(N)-per-layer walk in
 * distribution of {@link Walker}; for orthogonal and parameter-sharing nets (and on request) the
 * explicit matrices drawn by the training core's {@link Init}, at O(N²) per layer. Net r draws from
 * its own stream, the r-th split of the seed, in the same order at every g: common random numbers,
 * so the mean of w_1 is a smooth, deterministic function of g and the root search converges
 * without noise.
 */
public final class FiniteDepthWalk {
    /** Where the root search may look: g in [G_MIN, G_MAX]. */
    static final double G_MIN = 0.05;
    static final double G_MAX = 8.0;
    /** The search stops when the bracket is this narrow in ln g (far below any sampling error). */
    private static final double LOG_G_TOLERANCE = 1e-7;
    private static final int MAX_EVALUATIONS = 60;

    private FiniteDepthWalk() { }

    /**
     * Runs one point of a random-walk sweep: its walk at its g, or its optimal g and the walk
     * there, with the steady-state optimum of its f and width beside it. {@code data} drives the
     * nets when the spec names data (it must be that data), else x ~ N(0, I). Never throws for a
     * point that cannot be computed: that is a FAILED result with the reason.
     */
    public static WalkResult run(WalkSpec spec, Dataset data) {
        long start = System.nanoTime();
        try {
            WalkInput input = WalkInput.gaussian();
            if (spec.dataId().isPresent()) {
                if (data == null || !spec.dataId().get().equals(data.id())) {
                    throw new IllegalArgumentException("walk spec was made for data " + spec.dataId().get() + ", got " + data);
                }
                input = WalkInput.sample(data);
            }
            double g;
            OptimalG optimum = null;
            double steady = Double.NaN;
            if (spec.kind() == WalkSpec.Kind.OPTIMAL_G) {
                optimum = optimalG(spec.net(1.0), input, spec.source(), spec.nets(), spec.seed());
                g = optimum.g();
                try {
                    steady = RandomWalk.simulatedOptimalG(spec.activation(), CriticalG.walkWidth(spec.sizes()));
                } catch (IllegalArgumentException e) {
                    steady = Double.NaN; // no steady-state optimum (tanh of width 8 or less)
                }
            } else {
                g = spec.g().getAsDouble();
            }
            WalkStatistics stats = simulate(spec.net(g), input, spec.source(), spec.nets(), spec.seed(), spec.keep());
            return new WalkResult(spec, g, stats, optimum, steady, (System.nanoTime() - start) * 1e-9, Provenance.plainJava());
        } catch (RuntimeException e) {
            return WalkResult.failed(spec, e, (System.nanoTime() - start) * 1e-9, Provenance.plainJava());
        }
    }

    /** {@code nets} walks at the net's own g; no sample walks kept. */
    public static WalkStatistics simulate(WalkNet net, WalkInput input, WalkSource source, int nets, long seed) {
        return simulate(net, input, source, nets, seed, 0);
    }

    /**
     * {@code nets} walks at the net's own g, keeping the first {@code keep} walks whole (Figure 1).
     * The exact O(N) method when the scheme's entries are Gaussian, else explicit matrices.
     */
    public static WalkStatistics simulate(WalkNet net, WalkInput input, WalkSource source, int nets, long seed, int keep) {
        return simulate(net, input, source, nets, seed, keep, !net.gaussianEntries());
    }

    /** As {@link #simulate(WalkNet, WalkInput, WalkSource, int, long, int)}, through explicit matrices if {@code explicit}. */
    static WalkStatistics simulate(WalkNet net, WalkInput input, WalkSource source, int nets, long seed, int keep,
                                   boolean explicit) {
        if (nets < 1) throw new IllegalArgumentException("nets must be at least 1, got " + nets);
        if (keep < 0) throw new IllegalArgumentException("keep must be at least 0, got " + keep);
        if (!explicit && !net.gaussianEntries()) {
            throw new IllegalArgumentException("init " + net.init() + " has no i.i.d. Gaussian entries: its walk needs explicit matrices");
        }
        Network shape = net.network();
        checkInput(shape, input, source);
        Drive drive = new Drive(shape, input, source);
        WalkStatistics.Accumulator stats = new WalkStatistics.Accumulator(shape.depth(), keep);
        SplittableRandom root = new SplittableRandom(seed);
        if (explicit) {
            ExplicitNet walker = new ExplicitNet(net.spec(), shape);
            for (int r = 0; r < nets; r++) {
                SplittableRandom stream = root.split();
                walker.draw(stream.split());
                double[] x = drive.input(r, stream);
                int label = drive.label(r, stream);
                walker.forward(x);
                double[] start = drive.source(walker.output(), walker.storedOutput(), x, label, stream);
                int survived = start == null ? 0 : walker.backward(start);
                stats.add(walker.logNorm, shape.depth() - survived);
            }
        } else {
            Walker walker = net.walker();
            for (int r = 0; r < nets; r++) {
                SplittableRandom stream = root.split();
                double[] x = drive.input(r, stream);
                int label = drive.label(r, stream);
                walker.input(x);
                walker.forward(stream);
                int survived;
                if (source == WalkSource.UNIT) {
                    walker.unitSource(stream);
                    survived = walker.backward(stream);
                } else {
                    double[] start = drive.source(walker.output(), walker.storedOutput(), x, label, stream);
                    if (start == null) {
                        survived = 0;
                    } else {
                        walker.source(start);
                        survived = walker.backward(stream);
                    }
                }
                stats.add(walker.logNorm, shape.depth() - survived);
            }
        }
        return stats.result();
    }

    /**
     * The g (in every layer: g_in = g = g_out) at which the mean of ln(|δ_1|/|δ_D|) over
     * {@code nets} random nets of this shape and input is zero: a secant search in ln g to a
     * bracket of the root, then the Illinois variant of regula falsi inside it, every evaluation
     * with the same random numbers. The confidence interval comes from the spread over the nets
     * at the root ({@link OptimalG}).
     *
     * <p>Cost: one simulation per evaluation, 4–8 evaluations; a simulation on the O(N) path costs
     * about 15 ns per net, layer and unit (two Gaussian draws), plus 15 ns for each tanh: 0.1 s for
     * 400 tanh nets of depth 100 and width 100 on one core.
     *
     * @throws IllegalArgumentException if the mean stays on one side of zero for g in
     *     [{@value #G_MIN}, {@value #G_MAX}] (tanh nets of width 8 or less: no g makes the walk unbiased)
     */
    public static OptimalG optimalG(WalkNet net, WalkInput input, WalkSource source, int nets, long seed) {
        return optimalG(net, input, source, nets, seed, !net.gaussianEntries());
    }

    static OptimalG optimalG(WalkNet net, WalkInput input, WalkSource source, int nets, long seed, boolean explicit) {
        Search search = new Search(net, input, source, nets, seed, explicit);
        double slopeGuess = net.depth() - 1; // each step adds ln g
        double u0 = Math.log(guess(net));
        double m0 = search.mean(u0);
        if (m0 == 0) return search.finish(u0, slopeGuess);
        double step = clamp(-m0 / slopeGuess, 0.3);
        if (Math.abs(step) < 1e-4) step = Math.copySign(1e-4, step);
        double u1 = u0 + step;
        double m1 = search.mean(u1);
        // walk towards the root until the sign changes: secant steps that overshoot a little so
        // that the root gets bracketed, none shorter than the step before
        while (Math.signum(m1) == Math.signum(m0)) {
            double dir = m1 < 0 ? 1 : -1;
            double slope = (m1 - m0) / (u1 - u0);
            double next = slope > 0 ? -1.5 * m1 / slope : dir * 2 * Math.abs(u1 - u0);
            if (Math.signum(next) != dir || Math.abs(next) < Math.abs(u1 - u0)) next = dir * Math.abs(u1 - u0);
            next = dir * Math.min(Math.abs(next), 1.0);
            u0 = u1;
            m0 = m1;
            u1 = u1 + next;
            if (u1 < Math.log(G_MIN) || u1 > Math.log(G_MAX)) throw search.noRoot();
            m1 = search.mean(u1);
            if (m1 == 0) return search.finish(u1, slope);
        }
        double lo = m0 < 0 ? u0 : u1, mLo = m0 < 0 ? m0 : m1;
        double hi = m0 < 0 ? u1 : u0, mHi = m0 < 0 ? m1 : m0;
        double fLo = mLo, fHi = mHi; // the values Illinois halves; mLo, mHi stay the true means
        int side = 0;                // Illinois: halve the value kept at an end that was kept twice in a row
        // Stop once the bracket is far below the sampling error of the root (5% of its standard
        // error; the secant root inside it is closer still) — or at 1e-7 in ln g, or when the
        // mean is 0 to rounding.
        while (hi - lo > Math.max(LOG_G_TOLERANCE, 0.05 * search.standardErrorOfRoot((mHi - mLo) / (hi - lo)))) {
            double u = lo - fLo * (hi - lo) / (fHi - fLo);
            double m = search.mean(u);
            if (m == 0 || Math.abs(m) < 1e-12 * (net.depth() - 1)) return search.finish(u, (mHi - mLo) / (hi - lo));
            if (m < 0) {
                lo = u;
                mLo = m;
                fLo = m;
                if (side == -1) fHi /= 2;
                side = -1;
            } else {
                hi = u;
                mHi = m;
                fHi = m;
                if (side == 1) fLo /= 2;
                side = 1;
            }
        }
        // the root of the secant through the two true means at the ends of the final bracket
        double slope = (mHi - mLo) / (hi - lo);
        return search.finish(lo - mLo / slope, slope);
    }

    /** Where the search starts: the paper's formulas, 1 + 1.5/√N for tanh, divided by the scheme's scale relative to 1/fan_in. */
    private static double guess(WalkNet net) {
        int n = Math.max(net.width(), 1);
        double g = RandomWalk.searchStart(net.activation(), n);
        TrialSpec spec = net.spec();
        Network shape = spec.network();
        double relative = Init.variance(spec, shape, 2) * shape.size(1);
        return Math.min(Math.max(g / Math.sqrt(relative), 2 * G_MIN), G_MAX / 2);
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private static void checkInput(Network shape, WalkInput input, WalkSource source) {
        input.data().ifPresent(data -> {
            if (data.dim() != shape.inputs()) {
                throw new IllegalArgumentException("walk input " + data + " has dimension " + data.dim()
                        + ", the net's input layer " + shape.inputs());
            }
            if (source == WalkSource.LOSS && shape.task() == Task.CLASSIFY && data.classes() != shape.outputs()) {
                throw new IllegalArgumentException("walk source loss: " + data + " has " + data.classes()
                        + " classes, the net's output layer " + shape.outputs());
            }
        });
        if (source == WalkSource.LOSS && shape.task() == Task.AUTOENCODE && shape.inputs() != shape.outputs()) {
            throw new IllegalArgumentException("walk source loss of an auto-encoder needs as many outputs as inputs");
        }
    }

    /** Evaluations of the mean walk at ln g = u, all with the same random numbers. */
    private static final class Search {
        private final WalkNet net;
        private final WalkInput input;
        private final WalkSource source;
        private final int nets;
        private final long seed;
        private final boolean explicit;
        private int evaluations;
        private WalkStatistics last;

        Search(WalkNet net, WalkInput input, WalkSource source, int nets, long seed, boolean explicit) {
            this.net = net;
            this.input = input;
            this.source = source;
            this.nets = nets;
            this.seed = seed;
            this.explicit = explicit;
        }

        double mean(double u) {
            evaluations++;
            if (evaluations > MAX_EVALUATIONS) {
                throw new IllegalStateException("the optimal-g search for " + net + " did not converge in " + MAX_EVALUATIONS + " simulations");
            }
            last = simulate(net.withG(Math.exp(u)), input, source, nets, seed, 0, explicit);
            if (last.alive(1) == 0) {
                throw new IllegalArgumentException("every walk through " + net.withG(Math.exp(u)) + " died: no optimal g");
            }
            return last.meanLogRatio();
        }

        /** Standard error of the root in ln g: that of the last mean over the mean's slope. */
        double standardErrorOfRoot(double slope) {
            return last.standardError(1) / Math.abs(slope);
        }

        /**
         * The result at the root u, the mean's slope there from the final bracket (common random
         * numbers make the mean smooth in g, so the secant slope of a narrow bracket is its
         * derivative); the standard error is that of the last simulation, within the bracket.
         */
        OptimalG finish(double u, double slope) {
            return new OptimalG(Math.exp(u), standardErrorOfRoot(slope), slope, last.nets(), last.killed(), evaluations);
        }

        IllegalArgumentException noRoot() {
            return new IllegalArgumentException(String.format(Locale.ROOT,
                    "no g makes the walk through %s unbiased: the mean of ln(|δ_1|/|δ_D|) keeps its sign for g in [%s, %s]; "
                    + "give g explicitly or use a wider net", net, G_MIN, G_MAX));
        }
    }

    /** What drives net r: its input, its label, and the source of its walk. */
    private static final class Drive {
        private final Network shape;
        private final Dataset data;    // null: Gaussian input
        private final WalkSource source;
        private final double[] x;

        Drive(Network shape, WalkInput input, WalkSource source) {
            this.shape = shape;
            this.data = input.data().orElse(null);
            this.source = source;
            this.x = new double[shape.inputs()];
        }

        /** Net r's input: example r mod n of the data, or size(0) standard Gaussian draws. */
        double[] input(int r, SplittableRandom stream) {
            if (data == null) {
                for (int i = 0; i < x.length; i++) x[i] = stream.nextGaussian();
            } else {
                float[] xs = data.x();
                int off = (r % data.size()) * data.dim();
                for (int i = 0; i < x.length; i++) x[i] = xs[off + i];
            }
            return x;
        }

        /** Net r's label for a classifier's loss: the example's, or uniform for a Gaussian input; -1 when unused. */
        int label(int r, SplittableRandom stream) {
            if (source != WalkSource.LOSS || shape.task() != Task.CLASSIFY) return -1;
            return data == null ? stream.nextInt(shape.outputs()) : data.labels()[r % data.size()];
        }

        /**
         * δ_D: a random unit vector (size(D) Gaussian draws), or the loss gradient at the output —
         * softmax minus one-hot (classifier), a_D − x (auto-encoder); null when that gradient is
         * exactly zero (a saturated softmax at the right label), which kills the walk at the top.
         */
        double[] source(double[] output, double[] storedOutput, double[] input, int label, SplittableRandom stream) {
            if (source == WalkSource.UNIT) {
                double[] u = new double[output.length];
                double norm2 = 0;
                for (int i = 0; i < u.length; i++) {
                    u[i] = stream.nextGaussian();
                    norm2 += u[i] * u[i];
                }
                for (int i = 0; i < u.length; i++) u[i] /= Math.sqrt(norm2);
                return u;
            }
            double[] g = new double[output.length];
            if (shape.task() == Task.AUTOENCODE) {
                for (int i = 0; i < g.length; i++) g[i] = output[i] - input[i];
            } else {
                boolean finite = true;
                for (double v : output) finite &= Double.isFinite(v);
                double[] z = finite ? output : storedOutput;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) max = Math.max(max, v);
                if (finite) {
                    double sum = 0;
                    for (int i = 0; i < g.length; i++) {
                        g[i] = Math.exp(z[i] - max);
                        sum += g[i];
                    }
                    for (int i = 0; i < g.length; i++) g[i] /= sum;
                } else {
                    // the output overflowed: the softmax is one-hot at the largest logit
                    for (int i = 0; i < g.length; i++) g[i] = z[i] == max ? 1 : 0;
                }
                g[label] -= 1;
            }
            double norm2 = 0;
            for (double v : g) norm2 += v * v;
            return norm2 > 0 && Double.isFinite(norm2) ? g : null;
        }
    }

    /**
     * A net with explicit weights drawn by the training core's {@link Init}, walked in double
     * precision: {@code a_d = W_d h_{d−1}}, {@code δ_{d−1} = f'(a_{d−1}) ⊙ W_dᵀ δ_d}. O(N²) per layer.
     */
    private static final class ExplicitNet {
        private final TrialSpec spec;
        private final Network shape;
        private final int depth;
        private final float[] params;
        private final boolean homogeneous;
        private final double[][] a;       // (D+1) × size(d)
        private final double[][] h;       // (D+1) × size(d), homogeneous nets rescaled to |h_d|² = size(d)
        private double logScale;          // ln(true h_{D−1} / stored h_{D−1})
        private final double[] delta;
        private final double[] back;
        final double[] logNorm;           // w_d, d = 1..D

        ExplicitNet(TrialSpec spec, Network shape) {
            this.spec = spec;
            this.shape = shape;
            this.depth = shape.depth();
            this.params = new float[shape.parameterCount()];
            boolean hom = true;
            for (int d = 1; d < depth; d++) hom &= shape.activation(d).positivelyHomogeneous();
            homogeneous = hom;
            a = new double[depth + 1][];
            h = new double[depth + 1][];
            int max = 0;
            for (int d = 0; d <= depth; d++) {
                a[d] = new double[shape.size(d)];
                h[d] = new double[shape.size(d)];
                max = Math.max(max, shape.size(d));
            }
            delta = new double[max];
            back = new double[max];
            logNorm = new double[depth + 1];
        }

        void draw(SplittableRandom rng) {
            Init.initialize(spec, shape, params, rng);
        }

        void forward(double[] x) {
            System.arraycopy(x, 0, h[0], 0, x.length);
            logScale = 0;
            for (int d = 1; d <= depth; d++) {
                int rows = shape.size(d);
                int cols = shape.size(d - 1);
                int off = shape.weightOffset(d);
                double[] out = a[d];
                java.util.Arrays.fill(out, 0);
                double[] in = h[d - 1];
                for (int j = 0; j < cols; j++) {
                    double hj = in[j];
                    if (hj == 0) continue;
                    int col = off + j * rows;
                    for (int i = 0; i < rows; i++) out[i] += params[col + i] * hj;
                }
                if (d == depth) break;
                Activation f = shape.activation(d);
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    double v = f.value(out[i]);
                    h[d][i] = v;
                    sum += v * v;
                }
                if (homogeneous && sum > 0) {
                    double c = Math.sqrt(rows / sum); // as in Walker: only directions and signs matter
                    for (int i = 0; i < rows; i++) h[d][i] *= c;
                    logScale -= Math.log(c);
                }
            }
        }

        double[] output() {
            double[] out = a[depth].clone();
            double c = Math.exp(logScale);
            if (c != 1) for (int i = 0; i < out.length; i++) out[i] *= c;
            return out;
        }

        double[] storedOutput() { return a[depth].clone(); }

        /** From δ_D in the direction of {@code start} to δ_1; returns the steps survived. */
        int backward(double[] start) {
            int n = shape.size(depth);
            double norm2 = 0;
            for (int i = 0; i < n; i++) norm2 += start[i] * start[i];
            for (int i = 0; i < n; i++) delta[i] = start[i] / Math.sqrt(norm2);
            logNorm[depth] = 0;
            int survived = 0;
            for (int d = depth; d > 1; d--) {
                int rows = shape.size(d);
                int cols = shape.size(d - 1);
                int off = shape.weightOffset(d);
                Activation f = shape.activation(d - 1);
                norm2 = 0;
                for (int j = 0; j < cols; j++) {
                    int col = off + j * rows;
                    double s = 0;
                    for (int i = 0; i < rows; i++) s += params[col + i] * delta[i];
                    double v = Walker.derivativeFromOutput(f, a[d - 1][j], h[d - 1][j]) * s;
                    back[j] = v;
                    norm2 += v * v;
                }
                if (norm2 == 0) break;
                double inv = 1.0 / Math.sqrt(norm2);
                for (int j = 0; j < cols; j++) delta[j] = back[j] * inv;
                logNorm[d - 1] = logNorm[d] + 0.5 * Math.log(norm2);
                survived++;
            }
            return survived;
        }
    }
}
