package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.RandomWalk;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSpec;

/**
 * The tables of a random-walk sweep (paper §2, Figures 1 and 2), each from the stored points
 * alone: the optimal g of every optimal-g point beside the paper's formula and the steady-state
 * optimum; the walk's drift and variance per layer of every walk point beside 1/(2N) or 5/(4N);
 * and, when the sweep names a training results directory to compare with, the optimum beside
 * that sweep's Figure 3 argmin g and the zero of its step-0 diagnostic.
 */
final class WalkTables {
    private WalkTables() { }

    /** The paper's formula for the optimal g of f at width N, if it has one ({@link RandomWalk#formula}: linear, ReLU). */
    static OptionalDouble formula(Activation f, int n) {
        return RandomWalk.formula(f).map(x -> OptionalDouble.of(x.g(n))).orElse(OptionalDouble.empty());
    }

    /** The paper's variance of the walk per layer: 1/(2N) linear, 5/(4N) ReLU ({@link RandomWalk#formula}). */
    static OptionalDouble variancePrediction(Activation f, int n) {
        return RandomWalk.formula(f).map(x -> OptionalDouble.of(x.variancePerLayer(n))).orElse(OptionalDouble.empty());
    }

    /** "gaussian" or "data" (with the source when it is the loss). */
    static String input(WalkSpec s) {
        return (s.dataId().isPresent() ? "data" : "gaussian") + (s.source() == rwsweep.worker.theory.WalkSource.LOSS ? ", loss" : "");
    }

    static String init(WalkSpec s) {
        return TrialField.spelling(s.init()) + (s.init() == InitScheme.FRACTIONAL_MOMENT ? "(s=" + NumberText.compact(s.fractionalS()) + ")" : "");
    }

    static String f(WalkSpec s) {
        return TrialField.spelling(s.activation());
    }

    /** The OK optimal-g points, ordered by f, input, depth, width. */
    static List<WalkResult> optima(List<WalkResult> walks) {
        List<WalkResult> out = new ArrayList<>();
        for (WalkResult r : walks) {
            if (r.status() == TrialStatus.OK && r.spec().kind() == WalkSpec.Kind.OPTIMAL_G) out.add(r);
        }
        out.sort(Comparator.comparing((WalkResult r) -> r.spec().activation())
                .thenComparing(r -> input(r.spec())).thenComparing(r -> init(r.spec()))
                .thenComparingInt(r -> r.spec().depth()).thenComparingInt(r -> r.spec().width())
                .thenComparingLong(r -> r.spec().seed()));
        return out;
    }

    /** The OK walk points, ordered by f, input, depth, width, g. */
    static List<WalkResult> walksAtG(List<WalkResult> walks) {
        List<WalkResult> out = new ArrayList<>();
        for (WalkResult r : walks) {
            if (r.status() == TrialStatus.OK && r.spec().kind() == WalkSpec.Kind.WALK) out.add(r);
        }
        out.sort(Comparator.comparing((WalkResult r) -> r.spec().activation())
                .thenComparing(r -> input(r.spec())).thenComparing(r -> init(r.spec()))
                .thenComparingInt(r -> r.spec().depth()).thenComparingInt(r -> r.spec().width())
                .thenComparingDouble(WalkResult::g).thenComparingLong(r -> r.spec().seed()));
        return out;
    }

    /** Figure 2 (top): the simulated optimum with its 95% interval beside the formula and the steady-state optimum. */
    static Table optimalG(List<WalkResult> walks) {
        Table t = new Table("optimal-g", "Optimal g: simulated (finite depth) against the paper's formula and the steady state",
                List.of("f", "N", "D", "input", "init", "nets", "killed", "optimal g", "95% interval", "formula", "optimal / formula − 1",
                        "steady state"));
        for (WalkResult r : optima(walks)) {
            WalkSpec s = r.spec();
            OptionalDouble formula = s.init().isPaperScheme()
                    ? formula(s.activation(), s.width()) : OptionalDouble.empty();
            double g = r.optimalG().getAsDouble();
            t.add(List.of(f(s), Integer.toString(s.width()), Integer.toString(s.depth()), input(s), init(s),
                    Integer.toString(s.nets()), Integer.toString(r.killed()), NumberText.fixed(g, 4),
                    NumberText.fixed(r.optimalLow(), 4) + "–" + NumberText.fixed(r.optimalHigh(), 4),
                    formula.isPresent() ? NumberText.fixed(formula.getAsDouble(), 4) : "",
                    formula.isPresent() ? NumberText.signedPercent(g / formula.getAsDouble() - 1) : "",
                    r.steadyStateG().isPresent() ? NumberText.fixed(r.steadyStateG().getAsDouble(), 4) : "none"));
        }
        return t;
    }

    /** The same numbers in full precision, one optimal-g point per row. */
    static Table optimalGTidy(List<WalkResult> walks) {
        Table t = new Table("figure2", "Optimal g, full precision",
                List.of("key", "f", "N", "D", "input", "init", "nets", "killed", "optimalG", "low", "high", "seLogG", "formula",
                        "steadyState", "evaluations"));
        for (WalkResult r : optima(walks)) {
            WalkSpec s = r.spec();
            OptionalDouble formula = formula(s.activation(), s.width());
            t.add(List.of(r.key(), f(s), Integer.toString(s.width()), Integer.toString(s.depth()), input(s), init(s),
                    Integer.toString(s.nets()), Integer.toString(r.killed()), NumberText.exact(r.optimalG().getAsDouble()),
                    NumberText.exact(r.optimalLow()), NumberText.exact(r.optimalHigh()), NumberText.exact(r.optimalSe()),
                    formula.isPresent() ? NumberText.exact(formula.getAsDouble()) : "",
                    r.steadyStateG().isPresent() ? NumberText.exact(r.steadyStateG().getAsDouble()) : "",
                    Integer.toString(r.evaluations())));
        }
        return t;
    }

    /**
     * Figure 1 and Figure 2 (bottom): per walk point the drift per layer (mean of w_1 over D − 1,
     * ± its standard error), the variance per layer beside the paper's prediction, and the mean |ln Z|.
     */
    static Table walkStatistics(List<WalkResult> walks) {
        Table t = new Table("walks", "The walk at each g: drift and variance per layer, mean |ln Z|",
                List.of("f", "N", "D", "input", "init", "g", "critical", "nets", "killed", "drift / layer", "variance / layer",
                        "predicted", "variance / predicted", "mean |ln Z|"));
        for (WalkResult r : walksAtG(walks)) {
            WalkSpec s = r.spec();
            OptionalDouble predicted = s.init().isPaperScheme()
                    ? variancePrediction(s.activation(), s.width()) : OptionalDouble.empty();
            int alive = r.alive()[0];
            double se = Math.sqrt(r.variance()[0] / Math.max(alive, 1)) / (s.depth() - 1);
            t.add(List.of(f(s), Integer.toString(s.width()), Integer.toString(s.depth()), input(s), init(s), NumberText.fixed(r.g(), 4),
                    s.critical().map(c -> c.label()).orElse(""), Integer.toString(s.nets()), Integer.toString(r.killed()),
                    NumberText.compact(r.driftPerLayer()) + " ± " + NumberText.compact(se), NumberText.compact(r.variancePerLayer()),
                    predicted.isPresent() ? NumberText.compact(predicted.getAsDouble()) : "",
                    predicted.isPresent() ? NumberText.fixed(r.variancePerLayer() / predicted.getAsDouble(), 3) : "",
                    NumberText.compact(r.meanAbsLnZ())));
        }
        return t;
    }

    /**
     * The optimum beside a training sweep's results at the same f, width and depth: the g of the
     * lowest Figure 3 error (every g tied for it) and the g where the median over that depth's
     * trials of the step-0 diagnostic ln(|δ_1|/|δ_D|) crosses zero (interpolated in ln g between
     * the two grid values around the crossing). Panels of the paper's scheme only.
     */
    static Table versusTraining(List<WalkResult> walks, List<TrialResult> trials, double trainedBelow, String where) {
        Table t = new Table("versus-training", "Optimal g against training (" + where + ")",
                List.of("f", "N", "D", "optimal g (finite depth)", "95% interval", "steady state", "training panel",
                        "argmin g of Figure 3", "its error", "zero of the step-0 diagnostic"));
        List<PanelResults> panels = PanelResults.split(trials, trainedBelow);
        for (WalkResult r : optima(walks)) {
            WalkSpec s = r.spec();
            boolean matched = false;
            for (PanelResults p : panels) {
                if (p.panel().activation() != s.activation() || !p.depths().contains(s.depth())) continue;
                if (!p.panel().init().isPaperScheme()) continue;
                if (p.constantWidth(s.depth()).orElse(-1) != s.width()) continue;
                matched = true;
                List<Double> tied = p.bestGs(s.depth());
                String argmin = tied.isEmpty() ? "" : Tables.range(tied.get(0), tied.get(tied.size() - 1));
                String error = p.best(s.depth()).map(b -> NumberText.compact(b.error())).orElse("");
                OptionalDouble zero = diagnosticZero(p, s.depth());
                t.add(List.of(f(s), Integer.toString(s.width()), Integer.toString(s.depth()), NumberText.fixed(r.optimalG().getAsDouble(), 4),
                        NumberText.fixed(r.optimalLow(), 4) + "–" + NumberText.fixed(r.optimalHigh(), 4),
                        r.steadyStateG().isPresent() ? NumberText.fixed(r.steadyStateG().getAsDouble(), 4) : "none", p.label(), argmin, error,
                        zero.isPresent() ? NumberText.fixed(zero.getAsDouble(), 3) : "no crossing in the grid"));
            }
            if (!matched) {
                t.add(List.of(f(s), Integer.toString(s.width()), Integer.toString(s.depth()), NumberText.fixed(r.optimalG().getAsDouble(), 4),
                        NumberText.fixed(r.optimalLow(), 4) + "–" + NumberText.fixed(r.optimalHigh(), 4),
                        r.steadyStateG().isPresent() ? NumberText.fixed(r.steadyStateG().getAsDouble(), 4) : "none",
                        "no trials of this f, width and depth", "", "", ""));
            }
        }
        return t;
    }

    /**
     * The g where the median over the trials of depth D (every pair and seed) of the step-0
     * diagnostic crosses zero, interpolated linearly in ln g; empty without a sign change.
     */
    static OptionalDouble diagnosticZero(PanelResults p, int depth) {
        Map<Double, List<Double>> byG = new TreeMap<>();
        for (Map.Entry<PanelResults.Setting, Replicates> e : p.settings().entrySet()) {
            if (e.getKey().depth() != depth) continue;
            for (TrialResult t : e.getValue().results()) {
                if (Double.isFinite(t.logDeltaRatio())) byG.computeIfAbsent(e.getKey().g(), g -> new ArrayList<>()).add(t.logDeltaRatio());
            }
        }
        double prevG = Double.NaN, prevM = Double.NaN;
        for (Map.Entry<Double, List<Double>> e : byG.entrySet()) {
            double m = median(e.getValue());
            if (!Double.isNaN(prevM) && Math.signum(prevM) != Math.signum(m)) {
                double u0 = Math.log(prevG), u1 = Math.log(e.getKey());
                return OptionalDouble.of(Math.exp(u0 + (u1 - u0) * prevM / (prevM - m)));
            }
            prevG = e.getKey();
            prevM = m;
        }
        return OptionalDouble.empty();
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : 0.5 * (v.get(n / 2 - 1) + v.get(n / 2));
    }

    /** One row: done, planned (blank when unknown), OK, FAILED. */
    static Table progress(List<WalkResult> walks, SummaryOptions options) {
        StatusCounts c = StatusCounts.of(walks.stream().map(WalkResult::status).toList());
        String planned = options.planned().isPresent() ? Integer.toString(options.planned().getAsInt()) : "";
        return new Table("progress", "Progress", List.of("done", "planned", "ok", "failed"))
                .add(List.of(Integer.toString(walks.size()), planned, Integer.toString(c.ok()), Integer.toString(c.failed())));
    }

    /** FAILED points: their message and one key each. */
    static Table failures(List<WalkResult> walks) {
        Map<String, List<WalkResult>> byMessage = new TreeMap<>();
        for (WalkResult r : walks) {
            if (r.status() == TrialStatus.FAILED) byMessage.computeIfAbsent(r.message(), m -> new ArrayList<>()).add(r);
        }
        Table t = new Table("failures", "FAILED points by message", List.of("message", "points", "example key"));
        byMessage.forEach((m, rs) -> t.add(List.of(m, Integer.toString(rs.size()), rs.get(0).key())));
        return t;
    }

    /** Every provenance value seen, with the number of points that reported it. */
    static Table provenance(List<WalkResult> walks) {
        return SweepCounts.provenance(walks.stream().map(WalkResult::provenance).toList(), "points");
    }

}
