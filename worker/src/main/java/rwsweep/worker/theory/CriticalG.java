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
 *     nets the g at which the mean of ln(|δ_1|/|δ_D|) over up to {@value #NETS} random nets of their own
 *     sizes, driven by {@code input} (the training data), is zero ({@link FiniteDepthWalk#optimalG},
 *     fixed seed, so the same net always gets the same g).</li>
 * <li>{@link Critical#STEADY_STATE}: {@link RandomWalk#optimalG} at the net's walk width.</li>
 * </ul>
 * A net without a hidden layer (D = 1) has no walk; it gets the steady-state value at its fan-in,
 * in both senses.
 *
 * <p>Cost of a finite-depth tanh optimum: 6–10 simulations of {@link #nets} nets, 15–30 ns per
 * net, layer and unit on one core: under 0.1 s for a 10-layer net of width 100, at most about 2 s
 * for any net (the number of nets falls with depth × width). Callers cache it per net shape.
 */
public final class CriticalG {
    /** Random nets behind a finite-depth optimum of a net of D·N ≤ 10⁴ (see {@link #nets}). */
    public static final int NETS = 400;
    /** Net × layer × unit steps per evaluation of the search: 400 nets of depth 100 and width 100. */
    private static final long STEPS = 4_000_000L;
    /** Fewest random nets behind any optimum. */
    private static final int MIN_NETS = 50;
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
        // a formula is the optimum at every depth (the finite-depth simulation agrees to 0.1%); without one, simulate the net
        if (!simulated(kind, f, spec.depth())) return RandomWalk.optimalG(f, n);
        WalkNet net = WalkNet.of(spec.toBuilder().init(InitScheme.GAUSSIAN).g(1.0).noCritical().build());
        return FiniteDepthWalk.optimalG(net, input, WalkSource.UNIT, nets(spec.sizes()), SEED).g();
    }

    /** True when the optimum of such a net is simulated (0.1–2 s, see the class comment), not a formula. */
    public static boolean simulated(Critical kind, Activation f, int depth) {
        return kind == Critical.FINITE_DEPTH && RandomWalk.formula(f).isEmpty() && depth > 1;
    }

    /**
     * Random nets behind the finite-depth optimum of a net of these sizes: {@value #NETS}, or fewer
     * for deep or wide nets, so that nets × D × N stays at 4·10⁶ (at least {@value #MIN_NETS}).
     * The walk's spread over nets is about √(D/N) and its slope in ln g about D, so the standard
     * error of ln g* goes as 1/√(nets·N·D): the same for every shape, about 0.3% (tanh, D = N = 100),
     * and a 1000-layer net costs no more than a 100-layer one.
     */
    public static int nets(int[] sizes) {
        long units = 0;
        for (int d = 1; d < sizes.length; d++) units += sizes[d];
        return (int) Math.max(MIN_NETS, Math.min(NETS, STEPS / Math.max(units, 1)));
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
