package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.LambdaPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.driver.summary.PanelResults.Counts;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;

/**
 * The summary's tables, built from {@link PanelResults} alone (definitions in {@link Replicates}
 * and {@link PanelResults}):
 * <ul>
 *   <li>Figure 3, per panel: rows g, columns D; a cell is min over (λin, λout) of the median over
 *       seeds, with the seeds of that pair that trained and the pair itself;
 *   <li>Figure 3, all pairs: the median of every pair, each pair its own block of depth columns;
 *   <li>Figure 4, per panel: rows D, columns (λin, λout); a cell is min over g of the median;
 *   <li>best g per depth beside the random-walk prediction for the net's width N.
 * </ul>
 * A cell also counts the DIVERGED, FAILED and PRUNED trials of every setting it summarises, so none
 * is dropped unseen; a cell whose trials were all pruned says where they stopped ({@link #prunedLabel}).
 * The display tables use compact cells; the tidy tables ({@link #groups},
 * {@link #figure3Tidy}, {@link #figure4Tidy}) hold the same numbers one per column, in full
 * precision, for anyone recomputing them.
 */
public final class Tables {
    private Tables() { }

    /** Figure 3 for one panel: rows g, columns D, cell "min [trained/seeds] λin/λout". */
    public static Table figure3(PanelResults p) {
        List<String> cols = new ArrayList<>(List.of("g"));
        for (int d : p.depths()) cols.add("D=" + d);
        Table t = new Table("figure3-" + p.slug(), "Figure 3 — " + p.label()
                + ": min over (λin, λout) of the median training error over seeds [seeds trained] best λin/λout", cols);
        for (double g : p.gs()) {
            List<String> row = new ArrayList<>(List.of(NumberText.compact(g)));
            for (int d : p.depths()) {
                Optional<Best> best = p.bestOverPairs(g, d);
                row.add(cell(best, p.countsAt(g, d), best.map(b -> b.setting().pair().label()).orElse("")));
            }
            t.add(row);
        }
        return t;
    }

    /** Figure 3 with every pair: rows g, one column per (pair, D), cell "median [trained/seeds]". */
    public static Table figure3Pairs(PanelResults p) {
        List<String> cols = new ArrayList<>(List.of("g"));
        for (LambdaPair pair : p.pairs()) {
            for (int d : p.depths()) cols.add("λ " + pair.label() + " D=" + d);
        }
        Table t = new Table("figure3-pairs-" + p.slug(), "Figure 3, every (λin, λout) — " + p.label()
                + ": median training error over seeds [seeds trained]", cols);
        for (double g : p.gs()) {
            List<String> row = new ArrayList<>(List.of(NumberText.compact(g)));
            for (LambdaPair pair : p.pairs()) {
                for (int d : p.depths()) {
                    Optional<Replicates> r = p.at(g, d, pair);
                    row.add(r.map(rep -> cell(rep.hasError()
                            ? Optional.of(new Best(new PanelResults.Setting(g, d, pair), rep)) : Optional.empty(),
                            new Counts(rep), "")).orElse(""));
                }
            }
            t.add(row);
        }
        return t;
    }

    /** Figure 4 for one panel: rows D, columns (λin, λout), cell "min over g [trained/seeds] g=…". */
    public static Table figure4(PanelResults p) {
        List<String> cols = new ArrayList<>(List.of("D"));
        for (LambdaPair pair : p.pairs()) cols.add("λ " + pair.label());
        boolean manyG = p.gs().size() > 1;
        Table t = new Table("figure4-" + p.slug(), "Figure 4 — " + p.label() + ": "
                + (manyG ? "min over g of the " : "") + "median training error over seeds [seeds trained]"
                + (manyG ? " best g" : ""), cols);
        for (int d : p.depths()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(d)));
            for (LambdaPair pair : p.pairs()) {
                Optional<Best> best = p.bestOverG(d, pair);
                row.add(cell(best, p.countsAt(d, pair),
                        manyG ? best.map(b -> "g=" + NumberText.compact(b.setting().g())).orElse("") : ""));
            }
            t.add(row);
        }
        return t;
    }

    /**
     * Per panel with at least two g values and per depth: the best g (a range when several g tie),
     * its error, the random-walk prediction for the width N, and the distance between them —
     * 0 when the tied range meets the prediction — also in grid steps around the prediction.
     * Predictions are for the paper's scheme (Gaussian or random-walk init) at constant width.
     */
    public static Table bestG(List<PanelResults> panels) {
        Table t = new Table("best-g", "Best g per depth against the random-walk prediction",
                List.of("panel", "D", "N", "best g", "error", "trained", "predicted g", "distance", "grid steps"));
        for (PanelResults p : panels) {
            if (p.gs().size() < 2) continue;
            for (int d : p.depths()) {
                List<Double> tied = p.bestGs(d);
                OptionalInt width = p.constantWidth(d);
                String n = width.isPresent() ? Integer.toString(width.getAsInt()) : "";
                if (tied.isEmpty()) {
                    t.add(List.of(p.label(), Integer.toString(d), n, "", "", "", "", "", ""));
                    continue;
                }
                double low = tied.get(0), high = tied.get(tied.size() - 1);
                Best best = p.best(d).orElseThrow();
                Optional<PredictedG> predicted = prediction(p, d);
                String distance = "", steps = "";
                if (predicted.isPresent()) {
                    double dist = predicted.get().distance(low, high);
                    distance = NumberText.compact(dist);
                    steps = NumberText.compact(dist / p.gridStepAround(predicted.get().centre()));
                }
                t.add(List.of(p.label(), Integer.toString(d), n, range(low, high), NumberText.compact(best.error()),
                        best.replicates().trainedLabel(), predicted.map(PredictedG::label).orElse("n/a"), distance, steps));
            }
        }
        return t;
    }

    /** The random-walk prediction for depth D of a panel, when the paper's formula applies to it. */
    static Optional<PredictedG> prediction(PanelResults p, int depth) {
        boolean paperScheme = p.panel().init().isPaperScheme();
        OptionalInt width = p.constantWidth(depth);
        if (!paperScheme || width.isEmpty()) return Optional.empty();
        return PredictedG.forNet(p.panel().activation(), width.getAsInt());
    }

    /** "1.1" or "1.1–1.3" for a tied range of g. */
    static String range(double low, double high) {
        return low == high ? NumberText.compact(low) : NumberText.compact(low) + "–" + NumberText.compact(high);
    }

    /** One row per setting (panel, g, D, pair): seeds, statuses, seeds trained, median, full precision. */
    public static Table groups(List<PanelResults> panels) {
        Table t = new Table("groups", "Every setting: median over seeds and counts",
                List.of("panel", "task", "activation", "init", "g", "depth", "lambda_in", "lambda_out",
                        "trials", "ok", "diverged", "failed", "trained", "median_error", "pruned"));
        for (PanelResults p : panels) {
            for (double g : p.gs()) {
                for (int d : p.depths()) {
                    for (LambdaPair pair : p.pairs()) {
                        Optional<Replicates> r = p.at(g, d, pair);
                        if (r.isEmpty()) continue;
                        Replicates rep = r.get();
                        t.add(List.of(p.label(), TrialField.spelling(p.panel().task()), TrialField.spelling(p.panel().activation()),
                                TrialField.spelling(p.panel().init()), NumberText.exact(g), Integer.toString(d),
                                NumberText.exact(pair.lambdaIn()), NumberText.exact(pair.lambdaOut()),
                                Integer.toString(rep.trials()), Integer.toString(rep.ok()), Integer.toString(rep.diverged()),
                                Integer.toString(rep.failed()), Integer.toString(rep.trained()), exactOrEmpty(rep.median()),
                                Integer.toString(rep.pruned())));
                    }
                }
            }
        }
        return t;
    }

    /** Figure 3's cells one per row, full precision. */
    public static Table figure3Tidy(List<PanelResults> panels) {
        Table t = new Table("figure3", "Figure 3 cells",
                List.of("panel", "g", "depth", "min_median_error", "best_lambda_in", "best_lambda_out",
                        "best_trained", "best_trials", "trials", "diverged", "failed", "pruned", "pruned_epoch", "pruned_error"));
        for (PanelResults p : panels) {
            for (double g : p.gs()) {
                for (int d : p.depths()) {
                    Counts c = p.countsAt(g, d);
                    if (c.trials() == 0) continue;
                    Optional<Best> b = p.bestOverPairs(g, d);
                    t.add(List.of(p.label(), NumberText.exact(g), Integer.toString(d),
                            b.map(x -> NumberText.exact(x.error())).orElse(""),
                            b.map(x -> NumberText.exact(x.setting().pair().lambdaIn())).orElse(""),
                            b.map(x -> NumberText.exact(x.setting().pair().lambdaOut())).orElse(""),
                            b.map(x -> Integer.toString(x.replicates().trained())).orElse(""),
                            b.map(x -> Integer.toString(x.replicates().trials())).orElse(""),
                            Integer.toString(c.trials()), Integer.toString(c.diverged()), Integer.toString(c.failed()),
                            Integer.toString(c.pruned()), prunedEpoch(b, c), prunedError(b, c)));
                }
            }
        }
        return t;
    }

    /** Figure 4's cells one per row, full precision. */
    public static Table figure4Tidy(List<PanelResults> panels) {
        Table t = new Table("figure4", "Figure 4 cells",
                List.of("panel", "depth", "lambda_in", "lambda_out", "min_median_error", "best_g",
                        "best_trained", "best_trials", "trials", "diverged", "failed", "pruned", "pruned_epoch", "pruned_error"));
        for (PanelResults p : panels) {
            for (int d : p.depths()) {
                for (LambdaPair pair : p.pairs()) {
                    Counts c = p.countsAt(d, pair);
                    if (c.trials() == 0) continue;
                    Optional<Best> b = p.bestOverG(d, pair);
                    t.add(List.of(p.label(), Integer.toString(d), NumberText.exact(pair.lambdaIn()), NumberText.exact(pair.lambdaOut()),
                            b.map(x -> NumberText.exact(x.error())).orElse(""),
                            b.map(x -> NumberText.exact(x.setting().g())).orElse(""),
                            b.map(x -> Integer.toString(x.replicates().trained())).orElse(""),
                            b.map(x -> Integer.toString(x.replicates().trials())).orElse(""),
                            Integer.toString(c.trials()), Integer.toString(c.diverged()), Integer.toString(c.failed()),
                            Integer.toString(c.pruned()), prunedEpoch(b, c), prunedError(b, c)));
                }
            }
        }
        return t;
    }

    /**
     * A display cell: "0.005 [3/3] 0.01/0.1", then "(1 diverged, 2 failed)" when any; "no error" when
     * every seed failed; empty when the sweep has no trial there.
     */
    static String cell(Optional<Best> best, Counts counts, String extra) {
        if (counts.trials() == 0) return "";
        StringBuilder b = new StringBuilder();
        if (best.isPresent()) {
            b.append(NumberText.compact(best.get().error())).append(" [").append(best.get().replicates().trainedLabel()).append(']');
            if (!extra.isEmpty()) b.append(' ').append(extra);
        } else if (counts.furthestPruned().isPresent()) {
            b.append(prunedLabel(counts.furthestPruned().get()));
        } else {
            b.append("no error");
        }
        List<String> bad = new ArrayList<>();
        if (counts.diverged() > 0) bad.add(counts.diverged() + " diverged");
        if (counts.failed() > 0) bad.add(counts.failed() + " failed");
        if (counts.pruned() > 0) bad.add(counts.pruned() + " pruned");
        if (!bad.isEmpty()) b.append(" (").append(String.join(", ", bad)).append(')');
        return b.toString();
    }

    /**
     * "pruned at epoch 3, error 0.887 then": a cell whose every trial was pruned shows where the
     * furthest one stopped — never as a trained value.
     */
    static String prunedLabel(TrialResult pruned) {
        return "pruned at epoch " + pruned.stopEpoch() + ", error " + NumberText.compact(Replicates.errorWhenPruned(pruned)) + " then";
    }

    /** The tidy form of {@link #prunedLabel}: the epoch, only for a cell with no trained error. */
    private static String prunedEpoch(Optional<Best> best, Counts c) {
        return best.isPresent() ? "" : c.furthestPruned().map(r -> Integer.toString(r.stopEpoch())).orElse("");
    }

    /** The error when stopped, only for a cell with no trained error. */
    private static String prunedError(Optional<Best> best, Counts c) {
        return best.isPresent() ? "" : c.furthestPruned().map(r -> NumberText.exact(Replicates.errorWhenPruned(r))).orElse("");
    }

    private static String exactOrEmpty(double v) {
        return Double.isNaN(v) ? "" : NumberText.exact(v);
    }
}
