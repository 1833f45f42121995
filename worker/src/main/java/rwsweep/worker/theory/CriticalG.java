package rwsweep.worker.theory;

import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.TrialSpec;

/**
 * The critical g of a net — the random-walk optimum its {@code g: critical} and random_walk init
 * are set from (paper §2) — in either of the two senses of {@link Critical}. Defined for the
 * paper's scheme, W_d ~ N(0, 1/fan_in), with the same g in every layer; other schemes take factors
 * of it as they take any g.
 *
 * <ul>
 * <li>{@link Critical#FINITE_DEPTH}: linear and ReLU nets get the paper's formulas for their width
 *     (the walk's drift per step is the same in every layer, whatever the depth and input); tanh
 *     nets the g at which the mean of ln(|δ_1|/|δ_D|) over {@value #NETS} random nets of their own
 *     sizes, driven by {@code input} (the training data), is zero ({@link FiniteDepthWalk#optimalG},
 *     fixed seed, so the same net always gets the same g).</li>
 * <li>{@link Critical#STEADY_STATE}: {@link RandomWalk#optimalG} at the net's walk width.</li>
 * </ul>
 * A net without a hidden layer (D = 1) has no walk; it gets the steady-state value at its fan-in,
 * in both senses.
 *
 * <p>Cost of a finite-depth tanh optimum: about 6 simulations of {@value #NETS} nets, 15–30 ns per
 * net, layer and unit on one core: 0.1 s for a 10-layer net of width 100, 2 s for 100 layers of
 * width 200. Callers cache it per net shape.
 */
public final class CriticalG {
    /** Random nets behind a finite-depth optimum: its standard error is about 0.3% of g at D = 100, N = 100. */
    public static final int NETS = 400;
    /** Fixed: the critical g of a net is a function of its shape and input only. */
    public static final long SEED = 20141221L;

    private CriticalG() { }

    /**
     * The critical g of the net {@code spec} describes (its task, nonlinearity, sizes and code
     * layer; its init and gains are not used).
     *
     * @throws IllegalArgumentException when no g makes the walk unbiased (tanh nets of width 8 or less)
     */
    public static double of(Critical kind, TrialSpec spec, WalkInput input) {
        Activation f = spec.activation();
        int n = walkWidth(spec.sizes());
        boolean simulated = kind == Critical.FINITE_DEPTH && f == Activation.TANH && spec.depth() > 1;
        if (!simulated) return RandomWalk.optimalG(f, n);
        WalkNet net = WalkNet.of(spec.toBuilder().init(InitScheme.RANDOM_WALK).g(1.0).noCritical().build());
        return FiniteDepthWalk.optimalG(net, input, WalkSource.UNIT, NETS, SEED).g();
    }

    /**
     * The N whose formula g a net gets: a classifier's hidden width; for an auto-encoder the
     * harmonic mean of its hidden sizes, since the walk's drift per layer goes as 1/N (paper §2)
     * and adds up over the layers; a depth-1 net's only fan-in, its input dimension.
     */
    public static int walkWidth(int[] sizes) {
        int depth = sizes.length - 1;
        if (depth == 1) return sizes[0];
        double inverseSum = 0;
        for (int d = 1; d < depth; d++) inverseSum += 1.0 / sizes[d];
        return (int) Math.round((depth - 1) / inverseSum);
    }
}
