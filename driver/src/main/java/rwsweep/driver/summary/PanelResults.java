package rwsweep.driver.summary;

import rwsweep.driver.sweep.LambdaPair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * One panel's results on its grid: g × depth D × (λin, λout), each point the {@link Replicates}
 * over its seeds, and the minima the paper's figures show.
 *
 * <p>Minima are taken over medians (median over seeds first, then the minimum over settings), so
 * one lucky seed cannot make a setting look good. A minimum names one setting: on equal medians
 * the first in order, the smaller λin, then λout; the smaller g. Settings whose seeds all FAILED
 * have no median and take no part in a minimum (their counts still show).
 *
 * <p>Which g is best is a different question from which cell is lowest: two cells whose medians
 * differ by less than their seeds' own spread, or by less than {@value #TIE_EXAMPLES} training
 * examples, are not told apart ({@link #tied}), and {@link #bestGs} returns every g tied with the
 * lowest cell.
 */
public final class PanelResults {
    /** A grid point: g, depth D and the learning-rate pair. */
    public record Setting(double g, int depth, LambdaPair pair) { }

    /** The setting that attains a minimum, with its seeds. */
    public record Best(Setting setting, Replicates replicates) {
        public double error() { return replicates.median(); }
    }

    private final Panel panel;
    private final String label;
    private final String slug;
    private final SortedSet<Double> gs = new TreeSet<>();
    private final SortedSet<Integer> depths = new TreeSet<>();
    private final SortedSet<LambdaPair> pairs = new TreeSet<>();
    private final Map<Setting, Replicates> settings = new LinkedHashMap<>();

    private PanelResults(Panel panel, String label, String slug, Map<Setting, List<TrialResult>> grouped, double trainedBelow) {
        this.panel = panel;
        this.label = label;
        this.slug = slug;
        for (Map.Entry<Setting, List<TrialResult>> e : grouped.entrySet()) {
            Setting s = e.getKey();
            gs.add(s.g());
            depths.add(s.depth());
            pairs.add(s.pair());
            settings.put(s, new Replicates(e.getValue(), trainedBelow));
        }
    }

    /** The results split into panels (in {@link Panel#ORDER}, grouped as {@link Panel#group} says) and settings. */
    public static List<PanelResults> split(List<TrialResult> results, double trainedBelow) {
        Map<Panel, Map<Setting, List<TrialResult>>> byPanel = new TreeMap<>(Panel.ORDER);
        Panel.group(results).forEach((panel, trials) -> {
            Map<Setting, List<TrialResult>> grouped = byPanel.computeIfAbsent(panel, p -> new LinkedHashMap<>());
            for (TrialResult r : trials) {
                TrialSpec s = r.spec();
                grouped.computeIfAbsent(new Setting(s.g(), s.depth(), LambdaPair.of(s)), k -> new ArrayList<>()).add(r);
            }
        });
        List<PanelResults> panels = new ArrayList<>();
        byPanel.forEach((p, grouped) -> panels.add(
                new PanelResults(p, p.label(byPanel.keySet()), p.slug(byPanel.keySet()), grouped, trainedBelow)));
        return panels;
    }

    public Panel panel() { return panel; }
    /** "tanh, gaussian, classify" plus whatever else tells this panel from the others of the sweep. */
    public String label() { return label; }
    /** {@link #label()} as a file-name stem. */
    public String slug() { return slug; }
    public SortedSet<Double> gs() { return Collections.unmodifiableSortedSet(gs); }
    public SortedSet<Integer> depths() { return Collections.unmodifiableSortedSet(depths); }
    public SortedSet<LambdaPair> pairs() { return Collections.unmodifiableSortedSet(pairs); }

    /** The seeds at one grid point, if the sweep has any there. */
    public Optional<Replicates> at(double g, int depth, LambdaPair pair) {
        return Optional.ofNullable(settings.get(new Setting(g, depth, pair)));
    }

    /** Every grid point with its seeds, in the order first seen. */
    public Map<Setting, Replicates> settings() { return Collections.unmodifiableMap(settings); }

    /** Figure 3's cell: the pair with the lowest median at (g, D); empty when no pair there has an error. */
    public Optional<Best> bestOverPairs(double g, int depth) {
        Best best = null;
        for (LambdaPair p : pairs) best = better(best, new Setting(g, depth, p));
        return Optional.ofNullable(best);
    }

    /** Figure 4's cell: the g with the lowest median for (D, pair). */
    public Optional<Best> bestOverG(int depth, LambdaPair pair) {
        Best best = null;
        for (double g : gs) best = better(best, new Setting(g, depth, pair));
        return Optional.ofNullable(best);
    }

    /** The lowest median at depth D over every g and pair. */
    public Optional<Best> best(int depth) {
        Best best = null;
        for (double g : gs) {
            for (LambdaPair p : pairs) best = better(best, new Setting(g, depth, p));
        }
        return Optional.ofNullable(best);
    }

    /**
     * Every g whose Figure 3 cell at depth D is {@link #tied} with the lowest one (several g often
     * reach the same error, e.g. 0, or errors within the seeds' spread): the best g is a set, not
     * a point. Ascending; empty when D has no error.
     */
    public List<Double> bestGs(int depth) {
        Optional<Best> best = best(depth);
        List<Double> tied = new ArrayList<>();
        if (best.isEmpty()) return tied;
        for (double g : gs) {
            Optional<Best> cell = bestOverPairs(g, depth);
            if (cell.isPresent() && tied(cell.get(), best.get())) tied.add(g);
        }
        return tied;
    }

    /**
     * Training examples two classifier settings' errors must differ by, at least, to be ordered:
     * a difference of one example (or 1.5, a median of two seeds) is a single mistake, which a
     * different example order can make or undo.
     */
    public static final int TIE_EXAMPLES = 2;

    /**
     * How far apart two settings' medians may be and still be tied: the larger seed spread of the
     * two ({@link Replicates#spread}) and, for classifiers, {@link #TIE_EXAMPLES} examples
     * (TIE_EXAMPLES/n) — the only margin a setting of one seed has.
     */
    public double tieTolerance(Best a, Best b) {
        double examples = panel.task() == Task.CLASSIFY ? (double) TIE_EXAMPLES / trainSize() : 0;
        return Math.max(examples, Math.max(a.replicates().spread(), b.replicates().spread()));
    }

    /**
     * Two settings are tied when their medians are equal or differ by less than
     * {@link #tieTolerance}: the sweep cannot say which is lower. (Errors are whole examples over n,
     * so a difference of exactly TIE_EXAMPLES/n is ordered; the 1e-9 absorbs the rounding of k/n.)
     */
    public boolean tied(Best a, Best b) {
        double diff = Math.abs(a.error() - b.error());
        return diff == 0 || diff < tieTolerance(a, b) * (1 - 1e-9);
    }

    /** Seeds at (g, D) over every pair: the counts a Figure 3 cell shows besides its minimum. */
    public Counts countsAt(double g, int depth) {
        Counts c = Counts.NONE;
        for (LambdaPair p : pairs) {
            Optional<Replicates> r = at(g, depth, p);
            if (r.isPresent()) c = c.plus(r.get());
        }
        return c;
    }

    /** Seeds at (D, pair) over every g: the counts a Figure 4 cell shows. */
    public Counts countsAt(int depth, LambdaPair pair) {
        Counts c = Counts.NONE;
        for (double g : gs) {
            Optional<Replicates> r = at(g, depth, pair);
            if (r.isPresent()) c = c.plus(r.get());
        }
        return c;
    }

    /** The seeds of several settings by status: what a table cell counts besides its minimum. */
    public record Counts(StatusCounts statuses, Optional<TrialResult> furthestPruned) {
        static final Counts NONE = new Counts(StatusCounts.NONE, Optional.empty());

        /** The counts of one setting's seeds. */
        public Counts(Replicates r) {
            this(r.counts(), r.furthestPruned());
        }

        Counts plus(Replicates r) {
            List<TrialResult> pruned = new ArrayList<>();
            furthestPruned.ifPresent(pruned::add);
            r.furthestPruned().ifPresent(pruned::add);
            return new Counts(statuses.plus(r.counts()), Replicates.furthestPruned(pruned));
        }

        public int pruned() { return statuses.pruned(); }

        public int trials() { return statuses.total(); }
        public int diverged() { return statuses.diverged(); }
        public int failed() { return statuses.failed(); }
    }

    /**
     * The hidden width N shared by every hidden layer of every trial at depth D, the N of the
     * random-walk formulas; empty when D has no hidden layer or the widths differ (auto-encoders).
     */
    public OptionalInt constantWidth(int depth) {
        Integer width = null;
        for (Map.Entry<Setting, Replicates> e : settings.entrySet()) {
            if (e.getKey().depth() != depth) continue;
            for (TrialResult r : e.getValue().results()) {
                int[] sizes = r.spec().sizes();
                if (sizes.length < 3) return OptionalInt.empty();
                for (int d = 1; d < sizes.length - 1; d++) {
                    if (sizes[d] != sizes[1]) return OptionalInt.empty();
                }
                if (width != null && width != sizes[1]) return OptionalInt.empty();
                width = sizes[1];
            }
        }
        return width == null ? OptionalInt.empty() : OptionalInt.of(width);
    }

    /** The number of training examples shared by the panel's trials (part of the panel key). */
    public int trainSize() {
        return settings.values().iterator().next().results().get(0).spec().trainSize();
    }

    /**
     * The gap between the grid's g values around {@code g}: between the two that bracket it, or the
     * first (last) gap when g lies below (above) the grid. NaN with fewer than two g values.
     */
    public double gridStepAround(double g) {
        Double[] grid = gs.toArray(new Double[0]);
        if (grid.length < 2) return Double.NaN;
        for (int i = 0; i + 1 < grid.length; i++) {
            if (g <= grid[i + 1]) return grid[i + 1] - grid[i];
        }
        return grid[grid.length - 1] - grid[grid.length - 2];
    }

    private Best better(Best best, Setting s) {
        Replicates r = settings.get(s);
        if (r == null || !r.hasError()) return best;
        if (best == null || r.median() < best.error()) return new Best(s, r);
        return best;
    }
}
