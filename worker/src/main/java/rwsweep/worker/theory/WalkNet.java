package rwsweep.worker.theory;

import rwsweep.worker.Architecture;
import java.util.Arrays;
import rwsweep.worker.Activation;
import rwsweep.worker.Network;
import rwsweep.worker.init.Init;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.TrialSpec;

/**
 * The net a random walk runs through (paper §2): a net of the training core at initialisation —
 * its layer sizes and nonlinearities ({@link Network}), its init scheme and the gain of every layer
 * (g_in for layer 1, g for the hidden layers, g_out for layer D). Held as a {@link TrialSpec}, the
 * one description of a net and its init, of which only those fields are read: the learning rates,
 * schedule, data and seed of the spec play no part in a walk.
 */
public final class WalkNet {
    private final TrialSpec spec;

    private WalkNet(TrialSpec spec) {
        if (spec.depth() < 2) {
            throw new IllegalArgumentException("a walk needs a hidden layer (depth at least 2), got depth " + spec.depth());
        }
        this.spec = spec;
    }

    /** The net a trial trains, at its initialisation. */
    public static WalkNet of(TrialSpec spec) {
        return new WalkNet(spec);
    }

    /**
     * The paper's Figure 1 and 2 net: D weight layers, every layer (input and output included) of
     * width N, f in every hidden layer, gain g in every layer, init scheme {@code scheme} with its
     * fractional-moment s and leaky slope (2 and 0 when the scheme has none).
     */
    public static WalkNet square(Activation f, int width, int depth, double g, InitScheme scheme, double s, double leakySlope) {
        if (width < 1) throw new IllegalArgumentException("width N must be at least 1, got " + width);
        if (depth < 2) throw new IllegalArgumentException("depth must be at least 2 (one hidden layer), got " + depth);
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, width);
        return new WalkNet(TrialSpec.builder().activation(f).sizes(sizes).init(scheme).fractionalS(s).leakySlope(leakySlope)
                .g(g).lambda(1, 1).epochs(1).batchSize(1).build());
    }

    /** {@link #square(Activation, int, int, double, InitScheme, double, double)} with the paper's init. */
    public static WalkNet square(Activation f, int width, int depth, double g) {
        return square(f, width, depth, g, InitScheme.GAUSSIAN, 2.0, 0.0);
    }

    /** The same net with gain g in every layer (g_in = g = g_out), as the optimum's search varies it. */
    public WalkNet withG(double g) {
        return new WalkNet(spec.toBuilder().g(g).build());
    }

    /** The spec this net reads its architecture, init and gains from. */
    public TrialSpec spec() { return spec; }

    public Network network() { return spec.network(); }

    public Activation activation() { return spec.activation(); }

    /** D, the number of weight layers; the walk has D − 1 steps, from δ_D down to δ_1. */
    public int depth() { return spec.depth(); }

    /** Hidden width N (layer 1). */
    public int width() { return spec.width(); }

    public double g() { return spec.g(); }

    public InitScheme init() { return spec.init(); }

    /**
     * True when the scheme draws every entry i.i.d. Gaussian, so that the walk can be simulated
     * exactly at O(N) per layer ({@link Walker}); orthogonal and parameter-sharing nets need their
     * explicit matrices.
     */
    public boolean gaussianEntries() {
        return switch (spec.init()) {
            case RANDOM_WALK, GAUSSIAN, GLOROT, HE, FRACTIONAL_MOMENT -> true;
            case ORTHOGONAL, PARAMETER_SHARING -> false;
        };
    }

    /** The exact walker of this net: per-layer gains and 1/variance of the scheme, down to δ_1. */
    Walker walker() {
        Network net = spec.network();
        int depth = net.depth();
        Activation[] f = new Activation[depth + 1];
        double[] gains = new double[depth + 1];
        double[] spread = new double[depth + 1];
        f[0] = Activation.LINEAR; // h_0 = x: the input is not passed through f
        for (int d = 1; d <= depth; d++) {
            f[d] = net.activation(d);
            gains[d] = spec.gain(d);
            spread[d] = 1.0 / Init.variance(spec, net, d);
        }
        return new Walker(net.sizes(), f, gains, spread, 1);
    }

    /** "tanh net 784-100x9-10, init random_walk, g 1.2 (g_in 1, g_out 1.2)": the sizes with runs shortened. */
    @Override
    public String toString() {
        String shape = Architecture.shape(spec.sizes());
        String gains = spec.gIn() == spec.g() && spec.gOut() == spec.g() ? ""
                : " (g_in " + spec.gIn() + ", g_out " + spec.gOut() + ")";
        return spec.activation().name().toLowerCase(java.util.Locale.ROOT) + " net " + shape + ", init "
                + spec.init().name().toLowerCase(java.util.Locale.ROOT) + ", g " + spec.g() + gains;
    }
}
