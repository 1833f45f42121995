package rwsweep.worker.theory;

import java.util.Arrays;

/**
 * Statistics of the walk {@code w_d = ln|δ_d| − ln|δ_D|}, d = 1..D, over the nets of one
 * simulation (paper §2, Figure 1): per layer, the mean and variance over the nets whose walk is
 * still alive there. A ReLU net with a layer of all-off units kills its walk (δ = 0 below that
 * layer): such nets are counted in {@link #killed()} and leave the statistics of the layers below,
 * never entering them as −∞ (paper.md).
 *
 * <p>w_1 = ln(|δ_1|/|δ_D|) is the walk after its D − 1 steps, what the trainer's step-0 diagnostic
 * reports; Z = |δ_1|²/|δ_D|², so ln Z = 2 w_1 (paper §2, Figure 2 bottom).
 */
public final class WalkStatistics {
    private final int depth;
    private final long nets;
    private final long[] alive;        // index d = 1..D
    private final double[] mean;       // index d: mean of w_d over the nets alive at d
    private final double[] m2;         // index d: sum of squared deviations (Welford)
    private final double meanAbsLnZ;   // mean |2 w_1| over the nets alive at layer 1
    private final double[][] sampleWalks; // the first nets' w_d, d = 1..D (index d − 1); NaN where a walk is dead

    private WalkStatistics(int depth, long nets, long[] alive, double[] mean, double[] m2, double meanAbsLnZ,
                           double[][] sampleWalks) {
        this.depth = depth;
        this.nets = nets;
        this.alive = alive;
        this.mean = mean;
        this.m2 = m2;
        this.meanAbsLnZ = meanAbsLnZ;
        this.sampleWalks = sampleWalks;
    }

    /** D, the depth of the nets; the walk has D − 1 steps. */
    public int depth() { return depth; }

    /** Nets simulated. */
    public long nets() { return nets; }

    /** Nets whose walk is alive at layer d (1..D). */
    public long alive(int d) { return alive[d]; }

    /** Nets whose walk died on the way down (a ReLU layer with every unit off); 0 for linear and tanh. */
    public long killed() { return nets - alive[1]; }

    /** Mean of w_d = ln|δ_d| − ln|δ_D| over the nets alive at d; 0 at d = D. */
    public double mean(int d) { return mean[d]; }

    /** Sample variance (n − 1) of w_d over the nets alive at d; NaN with fewer than 2. */
    public double variance(int d) { return alive[d] < 2 ? Double.NaN : m2[d] / (alive[d] - 1); }

    /** Standard error of {@link #mean(int)}. */
    public double standardError(int d) { return Math.sqrt(variance(d) / alive[d]); }

    /** Mean of ln(|δ_1|/|δ_D|): zero at the optimal g of this depth. */
    public double meanLogRatio() { return mean[1]; }

    /** Mean growth of ln|δ| per step from the top to layer 1, {@code mean(1)/(D − 1)}. */
    public double driftPerLayer() { return mean[1] / (depth - 1); }

    /**
     * Growth of the variance of the walk per step, {@code variance(1)/(D − 1)}: about 1/(2N) for
     * linear nets and 5/(4N) for ReLU nets at their optimal g (paper §2).
     */
    public double variancePerLayer() { return variance(1) / (depth - 1); }

    /** Mean of |ln Z| = |2 ln(|δ_1|/|δ_D|)| over the nets alive at layer 1 (paper Figure 2, bottom). */
    public double meanAbsLnZ() { return meanAbsLnZ; }

    /** The walks of the first nets, w_d at index d − 1; NaN below a layer that killed the walk. */
    public double[][] sampleWalks() {
        double[][] copy = new double[sampleWalks.length][];
        for (int i = 0; i < copy.length; i++) copy[i] = sampleWalks[i].clone();
        return copy;
    }

    /** Accumulates walks one net at a time (Welford's update per layer). */
    static final class Accumulator {
        private final int depth;
        private final int keep;
        private long nets;
        private final long[] alive;
        private final double[] mean;
        private final double[] m2;
        private double absLnZSum;
        private final double[][] sampleWalks;

        Accumulator(int depth, int keep) {
            this.depth = depth;
            this.keep = keep;
            alive = new long[depth + 1];
            mean = new double[depth + 1];
            m2 = new double[depth + 1];
            sampleWalks = new double[keep][];
        }

        /** One net's walk: logNorm[d] = w_d for d = lowestAlive..D (its δ is non-zero there). */
        void add(double[] logNorm, int lowestAlive) {
            if (nets < keep) {
                double[] walk = new double[depth];
                Arrays.fill(walk, Double.NaN);
                for (int d = lowestAlive; d <= depth; d++) walk[d - 1] = logNorm[d];
                sampleWalks[(int) nets] = walk;
            }
            nets++;
            for (int d = lowestAlive; d <= depth; d++) {
                long k = ++alive[d];
                double delta = logNorm[d] - mean[d];
                mean[d] += delta / k;
                m2[d] += delta * (logNorm[d] - mean[d]);
            }
            if (lowestAlive <= 1) absLnZSum += Math.abs(2 * logNorm[1]);
        }

        WalkStatistics result() {
            double[][] walks = Arrays.copyOf(sampleWalks, (int) Math.min(nets, keep));
            return new WalkStatistics(depth, nets, alive.clone(), mean.clone(), m2.clone(),
                    alive[1] == 0 ? Double.NaN : absLnZSum / alive[1], walks);
        }
    }
}
