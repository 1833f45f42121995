package rwsweep.worker.theory;

import java.util.random.RandomGenerator;
import rwsweep.worker.Activation;

/**
 * One net's worth of random-walk state for a net whose weights are i.i.d. Gaussian, simulated
 * exactly in distribution at O(N) per layer instead of O(N²) (paper §2; {@link RandomWalk}'s class
 * comment derives the two steps):
 * <ul>
 * <li>forward: {@code a_d = W_d h_{d−1}} with W_d entries N(0, σ_d²) independent of h_{d−1} has
 *     i.i.d. N(0, σ_d² |h_{d−1}|²) entries;</li>
 * <li>backward: given the whole forward pass, {@code W_dᵀ δ = h (a_d·δ)/|h|² + σ_d |δ| P η} with
 *     {@code P = I − h hᵀ/|h|²} and η fresh standard normal: the first term is the correlation
 *     between the forward and the backward use of the same matrix, kept, so the walk is exact at
 *     any width.</li>
 * </ul>
 * Layers may differ in width (W_d is size(d) × size(d−1)), nonlinearity and entry variance
 * σ_d² = gain_d² / spread_d, where spread_d is 1/variance of the init scheme before the gain
 * (fan_in for the paper's scheme).
 *
 * <p>Layer 0 holds the input: {@code h_0 = f_0(a_0)}. A finite net of the training core has
 * f_0 = linear and a_0 = x; the steady-state walk of {@link RandomWalk#drift} treats a_0 ~ N(0, 1)
 * as a pre-activation like any other. The walk starts from δ_L at the top (the source) and steps
 * down to layer {@code lowest}: 1 for a trained net (δ_1 is the error of its first layer, as the
 * trainer's step-0 diagnostic measures it), 0 for the steady-state walk.
 *
 * <p>Allocated once per simulation; the draws per net are the same in number and order at every g
 * (common random numbers), and for square nets of the paper's scheme this is, draw for draw and
 * bit for bit, the walker the steady-state optimum has always used.
 */
final class Walker {
    private final int layers;              // L
    private final int lowest;              // the walk ends at δ_lowest
    private final int[] sizes;             // 0..L
    private final Activation[] f;          // 0..L: h_d = f[d](a_d)
    private final double[] gain;           // 1..L
    private final double[] spread;         // 1..L: 1/variance of W_d's entries before the gain
    private final boolean homogeneous;     // every f is linear or ReLU: f(c·a) = c·f(a) for c > 0
    private final double[][] a;            // (L+1) × size(d): pre-activations
    private final double[][] h;            // (L+1) × size(d): h_d = f(a_d), homogeneous nets rescaled to |h_d|² = size(d)
    private final double[] hNorm2;         // |h_d|² as stored
    private final double[] logScale;       // ln(true h_d / stored h_d): the rescaling undone, for the loss at the top
    private final double[] delta;          // (max size): δ of the current layer, kept at unit norm
    private final double[] back;           // (max size): W_dᵀ δ
    private final double[] eta;            // (max size): fresh Gaussian for W' in the backward step
    private final double[] meanLogChi2Less; // 1..L: E ln χ²_{m−1}, m = size(d−1) (ψ(k/2) + ln 2)
    private final double[] meanLogChi2;     // 1..L: E ln χ²_m
    /** ln|δ_d| − ln|δ_L|, d = lowest..L, filled by {@link #backward}. */
    final double[] logNorm;
    /** Σ over the surviving steps of ½(ln R − E ln R), R = |Pη|² ~ χ²: a control variate of mean exactly 0. */
    double controlSum;

    Walker(int[] sizes, Activation[] f, double[] gain, double[] spread, int lowest) {
        this.layers = sizes.length - 1;
        if (layers < 1) throw new IllegalArgumentException("a walk needs at least one layer, got sizes of length " + sizes.length);
        if (lowest < 0 || lowest >= layers) throw new IllegalArgumentException("lowest layer " + lowest + " must lie in 0.." + (layers - 1));
        this.lowest = lowest;
        this.sizes = sizes.clone();
        this.f = f.clone();
        this.gain = gain.clone();
        this.spread = spread.clone();
        boolean hom = true;
        for (Activation act : f) hom &= act.positivelyHomogeneous();
        homogeneous = hom;
        int max = 0;
        a = new double[layers + 1][];
        h = new double[layers + 1][];
        for (int d = 0; d <= layers; d++) {
            a[d] = new double[sizes[d]];
            h[d] = new double[sizes[d]];
            max = Math.max(max, sizes[d]);
        }
        hNorm2 = new double[layers + 1];
        logScale = new double[layers + 1];
        delta = new double[max];
        back = new double[max];
        eta = new double[max];
        logNorm = new double[layers + 1];
        meanLogChi2Less = new double[layers + 1];
        meanLogChi2 = new double[layers + 1];
        for (int d = 1; d <= layers; d++) {
            int m = sizes[d - 1];
            meanLogChi2Less[d] = m > 1 ? RandomWalk.digamma((m - 1) / 2.0) + Math.log(2.0) : 0.0;
            meanLogChi2[d] = RandomWalk.digamma(m / 2.0) + Math.log(2.0);
        }
    }

    int layers() { return layers; }

    int lowest() { return lowest; }

    /** a_0 ~ N(0, 1) in every unit: the next {@link #forward} starts from a random input. */
    void freshInput(RandomGenerator rng) {
        double[] a0 = a[0];
        for (int i = 0; i < a0.length; i++) a0[i] = rng.nextGaussian();
        logScale[0] = 0;
        activate(0);
    }

    /** a_0 = x (size(0) values). */
    void input(double[] x) {
        System.arraycopy(x, 0, a[0], 0, sizes[0]);
        logScale[0] = 0;
        activate(0);
    }

    /** One forward layer from the state in slot 0, written back into slot 0 (burn-in of a square chain). */
    void forwardOneLayer(RandomGenerator rng) {
        step(0, 0, 1, rng);
    }

    /** Layers 1..L from the state in slot 0. */
    void forward(RandomGenerator rng) {
        for (int d = 1; d <= layers; d++) step(d - 1, d, d, rng);
    }

    /** a_to = W h_from with W the fresh matrix of layer {@code d}: a_to = gain·|h_from|/√spread · ξ. */
    private void step(int from, int to, int d, RandomGenerator rng) {
        double scale = gain[d] * Math.sqrt(hNorm2[from] / spread[d]);
        double[] out = a[to];
        for (int i = 0; i < out.length; i++) out[i] = scale * rng.nextGaussian();
        logScale[to] = logScale[from];
        activate(to);
    }

    private void activate(int d) {
        double[] ad = a[d];
        double[] hd = h[d];
        Activation fd = f[d];
        double sum = 0;
        for (int i = 0; i < ad.length; i++) {
            double v = fd.value(ad[i]);
            hd[i] = v;
            sum += v * v;
        }
        if (homogeneous && sum > 0) {
            // For linear and ReLU, f' depends only on the sign of a and the next layer only on the
            // direction of h, so h_d may be rescaled to |h|² = size: the walk is unchanged and a deep
            // chain cannot overflow (its norm is itself a random walk). a_d keeps its value, which
            // is W_d h_{d−1} for the stored h_{d−1}, as the backward step needs; logScale keeps
            // the factor, for a loss at the top that needs the true output.
            double c = Math.sqrt(ad.length / sum);
            for (int i = 0; i < ad.length; i++) hd[i] *= c;
            sum = ad.length;
            logScale[d] -= Math.log(c);
        }
        hNorm2[d] = sum;
    }

    /** The net's output a_L at its true scale (size(L)); a fresh array. */
    double[] output() {
        double[] out = a[layers].clone();
        double c = Math.exp(logScale[layers - 1]);
        if (c != 1) for (int i = 0; i < out.length; i++) out[i] *= c;
        return out;
    }

    /** The stored output, whose direction is the true one's (for a loss whose scale overflowed). */
    double[] storedOutput() {
        return a[layers].clone();
    }

    /** δ_L a uniformly random unit vector (size(L) Gaussian draws). */
    void unitSource(RandomGenerator rng) {
        int n = sizes[layers];
        double norm2 = 0;
        for (int i = 0; i < n; i++) {
            double v = rng.nextGaussian();
            delta[i] = v;
            norm2 += v * v;
        }
        scale(delta, n, 1.0 / Math.sqrt(norm2));
    }

    /** δ_L in the direction of {@code v} (size(L) values, not all zero). */
    void source(double[] v) {
        int n = sizes[layers];
        double norm2 = 0;
        for (int i = 0; i < n; i++) {
            delta[i] = v[i];
            norm2 += v[i] * v[i];
        }
        if (!(norm2 > 0) || !Double.isFinite(norm2)) throw new IllegalArgumentException("the source of a walk must be a finite non-zero vector");
        scale(delta, n, 1.0 / Math.sqrt(norm2));
    }

    /**
     * δ from the source at layer L down to layer {@code lowest}, filling logNorm (size(d−1)
     * Gaussian draws per step). Returns the number of steps survived: L − lowest unless a ReLU
     * layer with every unit off made δ exactly 0.
     */
    int backward(RandomGenerator rng) {
        logNorm[layers] = 0;
        controlSum = 0;
        int survived = 0;
        for (int d = layers; d > lowest; d--) {
            double[] hPrev = h[d - 1];
            int m = hPrev.length;                 // fan-in of W_d
            int nOut = sizes[d];
            double hh = hNorm2[d - 1];
            for (int i = 0; i < m; i++) eta[i] = rng.nextGaussian();
            // W_dᵀ δ = h (a_d·δ)/|h|² + σ P η with σ = gain/√spread and |δ| = 1. With h = 0 (the
            // forward signal died or underflowed) the forward pass put no constraint on W_d.
            // Written with the unit vector h/|h| so that a tiny forward signal cannot overflow.
            boolean constrained = hh >= Double.MIN_NORMAL;
            double hNorm = Math.sqrt(hh);
            double along = constrained ? dot(a[d], delta, nOut) / hNorm : 0;   // (a_d·δ)/|h|
            double project = constrained ? dot(hPrev, eta, m) / hNorm : 0;     // (h·η)/|h|
            double r = dot(eta, eta, m) - project * project; // |Pη|² ~ χ² with m−1 (or m) d.o.f.
            double meanLogR = constrained ? meanLogChi2Less[d] : meanLogChi2[d];
            double noise = gain[d] / Math.sqrt(spread[d]);
            double rankOne = constrained ? (along - noise * project) / hNorm : 0;
            double[] aPrev = a[d - 1];
            Activation fPrev = f[d - 1];
            double norm2 = 0;
            for (int i = 0; i < m; i++) {
                double b = hPrev[i] * rankOne + noise * eta[i];
                double v = derivativeFromOutput(fPrev, aPrev[i], hPrev[i]) * b;
                back[i] = v;
                norm2 += v * v;
            }
            if (norm2 == 0) break;
            System.arraycopy(back, 0, delta, 0, m);
            logNorm[d - 1] = logNorm[d] + 0.5 * Math.log(norm2);
            if (m > 1) controlSum += 0.5 * (Math.log(r) - meanLogR); // m = 1: P = 0, no noise term
            scale(delta, m, 1.0 / Math.sqrt(norm2));
            survived++;
        }
        return survived;
    }

    /** Moves layer L's state into slot 0, so a square chain can run on (steady state). */
    void carryTopToInput() {
        System.arraycopy(a[layers], 0, a[0], 0, sizes[0]);
        System.arraycopy(h[layers], 0, h[0], 0, sizes[0]);
        hNorm2[0] = hNorm2[layers];
        logScale[0] = logScale[layers];
    }

    /** f'(a) from a and the stored h ({@link Activation#derivative(double, double)}: no second tanh). */
    static double derivativeFromOutput(Activation f, double pre, double out) {
        return f.derivative(pre, out);
    }

    private static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += x[i] * y[i];
        return s;
    }

    private static void scale(double[] x, int n, double c) {
        for (int i = 0; i < n; i++) x[i] *= c;
    }
}
