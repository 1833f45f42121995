package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rwsweep.worker.spec.TrialSpec;

/**
 * Adaptive refinement of the g axis ({@code refine: {axis: g, rounds: R, points: P, tolerance: T}}):
 * after the grid, each round places up to P new g values in each group of trials that differ only
 * in g, seed and learning rates (one net: its nonlinearity, depth, width, init, task), where the
 * finished results leave the answer coarse — next to the lowest error and at the two edges of the
 * trainable band. The band is the set of g tied with the lowest error (the summary's best-g
 * notion: within the seeds' spread or two training examples), read by the caller from the results;
 * this class only decides where the new points go, from numbers alone.
 *
 * <p>The placement rule, for the group's run g values in ascending order:
 * <ol>
 *   <li>The intervals that bracket an unknown, in this order: below the band's low edge (from the
 *       last g below the band to its lowest g), above its high edge (from its highest g to the
 *       first g above), and either side of the best g (its neighbours). An edge at the end of the
 *       g values run has no interval: the band reaches past the range searched, and the summary
 *       says so. The same interval named twice counts once.</li>
 *   <li>Only intervals wider than the tolerance T take part: an edge or the argmin is located
 *       when its intervals are at most T wide.</li>
 *   <li>The P points are dealt out one at a time over those intervals in that order, round robin;
 *       an interval dealt k points gets them at equal spacing inside it (k = 1: its midpoint),
 *       each rounded to {@value #DIGITS} significant digits ({@link NumberText#rounded}) so that a
 *       trial key reads like the table. A point that rounds onto a g already run is dropped.</li>
 * </ol>
 * Each round thus at least halves every unlocated interval: from a grid step h, a feature is
 * located after ceil(log2(h/T)) rounds. The new points depend on the finished results only, so a
 * rerun of a killed refinement places the same values.
 */
public final class Refinement {
    /** Significant digits of a placed g. */
    public static final int DIGITS = 4;
    /** The tolerance when the file gives none: g to ±0.01, finer than the paper's tanh band 1.1–1.3 by a factor 20. */
    public static final double DEFAULT_TOLERANCE = 0.01;
    private static final List<String> KEYS = List.of("axis", "rounds", "points", "tolerance");

    private final int rounds;
    private final int points;
    private final double tolerance;

    public Refinement(int rounds, int points, double tolerance) {
        if (rounds < 1 || points < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("rounds and points >= 1, tolerance > 0; got " + rounds + ", " + points + ", " + tolerance);
        }
        this.rounds = rounds;
        this.points = points;
        this.tolerance = tolerance;
    }

    /** R: the most rounds after the grid. */
    public int rounds() { return rounds; }
    /** P: the most new g values per group and round. */
    public int points() { return points; }
    /** T: how narrow an interval must be for what it brackets to count as located. */
    public double tolerance() { return tolerance; }

    /**
     * What one group's finished results say: the g values run (ascending, distinct), the g of the
     * lowest error, and the band [low, high] of g tied with it (both among the g values, low ≤ best ≤ high).
     */
    public record Group(double[] gs, double best, double low, double high) {
        public Group {
            gs = gs.clone();
            for (int i = 1; i < gs.length; i++) {
                if (!(gs[i - 1] < gs[i])) throw new IllegalArgumentException("g values not ascending: " + Arrays.toString(gs));
            }
            if (index(gs, low) < 0 || index(gs, best) < 0 || index(gs, high) < 0 || !(low <= best && best <= high)) {
                throw new IllegalArgumentException("band " + low + ".." + high + " with best " + best + " not on " + Arrays.toString(gs));
            }
        }
    }

    /** The new g values for one group this round, ascending; empty when everything is located (or nothing can be placed). */
    public List<Double> place(Group group) {
        List<double[]> open = openIntervals(group);
        if (open.isEmpty()) return List.of();
        int[] dealt = new int[open.size()];
        for (int i = 0; i < points; i++) dealt[i % open.size()]++;
        Set<Double> run = new java.util.HashSet<>();
        for (double g : group.gs()) run.add(g);
        Set<Double> placed = new java.util.TreeSet<>();
        for (int i = 0; i < open.size(); i++) {
            double a = open.get(i)[0], b = open.get(i)[1];
            for (int k = 1; k <= dealt[i]; k++) {
                double g = NumberText.rounded(a + (b - a) * k / (dealt[i] + 1), DIGITS);
                if (g > a && g < b && !run.contains(g)) placed.add(g);
            }
        }
        return List.copyOf(placed);
    }

    /** True when the band's edges and the best g are located to the tolerance (no interval left to refine). */
    public boolean located(Group group) {
        return openIntervals(group).isEmpty();
    }

    /** The intervals wider than the tolerance that bracket an edge or the argmin, in the rule's order, each once. */
    List<double[]> openIntervals(Group group) {
        double[] gs = group.gs();
        int low = index(gs, group.low()), high = index(gs, group.high()), best = index(gs, group.best());
        Set<Integer> starts = new LinkedHashSet<>();  // an interval is (gs[i], gs[i + 1]): named by i
        if (low > 0) starts.add(low - 1);
        if (high < gs.length - 1) starts.add(high);
        if (best > 0) starts.add(best - 1);
        if (best < gs.length - 1) starts.add(best);
        List<double[]> open = new ArrayList<>();
        for (int i : starts) {
            // the 1e-9 absorbs the rounding of placed values: a gap of exactly T counts as located
            if (gs[i + 1] - gs[i] > tolerance * (1 + 1e-9)) open.add(new double[] {gs[i], gs[i + 1]});
        }
        return open;
    }

    private static int index(double[] gs, double g) {
        for (int i = 0; i < gs.length; i++) if (gs[i] == g) return i;
        return -1;
    }

    /** {@code t} at gain {@code g}: g_in and g_out follow where they equal t's g (tied to it), else keep their value. */
    public static TrialSpec withG(TrialSpec t, double g) {
        TrialSpec.Builder b = t.toBuilder().g(g);
        if (t.gIn() != t.g()) b.gIn(t.gIn());
        if (t.gOut() != t.g()) b.gOut(t.gOut());
        return b.build();
    }

    /**
     * The most trials the sweep can run: the grid's, plus per net R·P new g values, each with as
     * many trials (seeds × learning-rate pairs) as the net has at one g of the grid. A net is the
     * grid's trials that differ only in g, seed and learning rates.
     */
    public long worstCase(List<TrialSpec> grid) {
        java.util.Map<String, java.util.Map<Double, Integer>> perNet = new java.util.HashMap<>();
        for (TrialSpec t : grid) {
            String net = withG(t, 1).toBuilder().seed(0).lambda(1, 1).build().key();
            perNet.computeIfAbsent(net, k -> new java.util.HashMap<>()).merge(t.g(), 1, Integer::sum);
        }
        long total = grid.size();
        for (java.util.Map<Double, Integer> atG : perNet.values()) {
            total += (long) rounds * points * atG.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
        return total;
    }

    /** Reads a {@code refine:} block; the only axis refined is g. */
    static Optional<Refinement> parse(YamlValue root) {
        SweepKey p = SweepKey.REFINE;
        YamlValue n = root.get(p.key());
        if (n == null) return Optional.empty();
        if (!n.isMap()) throw n.error(p, "got " + n.describe());
        n.requireKnownKeys(KEYS);
        YamlValue axis = n.get("axis");
        if (axis != null) axis.choice(p, List.of("g"));
        for (String key : List.of("rounds", "points")) {
            if (n.get(key) == null) throw n.error(p, "got a map without '" + key + "'");
        }
        int rounds = n.get("rounds").integer(p, 1);
        if (rounds > MAX_ROUNDS) throw n.get("rounds").error(p, "got " + rounds + " rounds");
        int points = n.get("points").integer(p, 1);
        if (points > MAX_POINTS) throw n.get("points").error(p, "got " + points + " points");
        YamlValue tol = n.get("tolerance");
        double tolerance = tol == null ? DEFAULT_TOLERANCE : tol.positive(p);
        return Optional.of(new Refinement(rounds, points, tolerance));
    }

    /** Most rounds a file may ask for: 20 halvings take a grid step of 1 below 1e-6, past the placed values' digits. */
    public static final int MAX_ROUNDS = 20;
    /** Most points per group and round: more is a finer grid, which the file can say directly. */
    public static final int MAX_POINTS = 100;

    /** The block as a sweep file writes it. */
    public String yaml() {
        return "{axis: g, rounds: " + rounds + ", points: " + points + ", tolerance: " + NumberText.plain(tolerance) + "}";
    }

    @Override
    public String toString() { return yaml(); }
}
