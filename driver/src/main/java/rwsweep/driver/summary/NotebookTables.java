package rwsweep.driver.summary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import rwsweep.driver.sweep.DataSource;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The tables a notebook reads with one {@code pd.read_csv}: long format, one observation per row,
 * every number a number (full precision, empty when there is none) and every annotation of the
 * display tables in a column of its own.
 * <ul>
 *   <li>{@link #curves}: one row per trial per recorded epoch (epoch 0 = the untrained net);
 *   <li>{@link #best}: per net (panel and depth) the setting with the lowest median over seeds —
 *       the minimum Figure 3 and the best-g table show — and, of its seeds, the trial with the
 *       lowest error, with its key so its curve can be looked up in curves.csv;
 *   <li>{@link #bestG}: the best-g table with the tied range as g_low, g_high.
 * </ul>
 */
public final class NotebookTables {
    private NotebookTables() { }

    /**
     * key, epoch, train_error, mean_loss, status: every stored curve (a FAILED trial has none; a
     * PRUNED one's stops at the epoch it was stopped after, and its status says so).
     */
    public static Table curves(List<TrialResult> results) {
        Table t = new Table("curves", "Training curves, one row per trial and epoch",
                List.of("key", "epoch", "train_error", "mean_loss", "status"));
        for (TrialResult r : results) {
            double[] err = r.trainError(), loss = r.meanLoss();
            String status = TrialField.spelling(r.status());
            for (int e = 0; e < err.length; e++) {
                t.add(List.of(r.key(), Integer.toString(e), number(err[e]), e < loss.length ? number(loss[e]) : "", status));
            }
        }
        return t;
    }

    /**
     * The best trial of every net. {@code dataName} names the data set the sweep file reads (the
     * data column holds the hash of the standardised subset, which no reader can recognise).
     */
    public static Table best(List<PanelResults> panels, String dataName) {
        Table t = new Table("best", "Best trial per net (panel, depth)",
                List.of("panel", "task", "activation", "init", "depth", "width", "data", "data_name",
                        "g", "lambda_in", "lambda_out", "median_error", "trained", "trials",
                        "key", "seed", "min_train_error", "min_epoch"));
        for (PanelResults p : panels) {
            for (int d : p.depths()) {
                Optional<Best> best = p.best(d);
                if (best.isEmpty()) continue;
                Best b = best.get();
                TrialResult trial = bestTrial(b.replicates());
                TrialSpec s = trial.spec();
                OptionalInt width = p.constantWidth(d);
                t.add(List.of(p.label(), TrialField.spelling(s.task()), TrialField.spelling(s.activation()),
                        TrialField.spelling(s.init()), Integer.toString(d),
                        width.isPresent() ? Integer.toString(width.getAsInt()) : "", s.dataId(), dataName,
                        NumberText.exact(b.setting().g()), NumberText.exact(b.setting().pair().lambdaIn()),
                        NumberText.exact(b.setting().pair().lambdaOut()), NumberText.exact(b.error()),
                        Integer.toString(b.replicates().trained()), Integer.toString(b.replicates().trials()),
                        trial.key(), Long.toString(s.seed()), NumberText.exact(trial.minTrainError()),
                        Integer.toString(trial.minEpoch().orElseThrow())));
            }
        }
        return t;
    }

    /** The seed with the lowest error of a setting that has one (the first seed stored on a tie). */
    static TrialResult bestTrial(Replicates r) {
        return r.results().stream().filter(Replicates::hasTrainedError)
                .min(Comparator.comparingDouble(TrialResult::minTrainError)).orElseThrow();
    }

    /** {@link Tables#bestG} in numbers: the tied range of best g as g_low and g_high, the prediction's band. */
    public static Table bestG(List<PanelResults> panels) {
        Table t = new Table("best-g", "Best g per depth against the random-walk prediction",
                List.of("panel", "depth", "width", "g_low", "g_high", "error", "trained", "trials",
                        "predicted_g_low", "predicted_g_high", "distance", "grid_steps"));
        for (PanelResults p : panels) {
            if (p.gs().size() < 2) continue;
            for (int d : p.depths()) {
                List<Double> tied = p.bestGs(d);
                if (tied.isEmpty()) continue;
                double low = tied.get(0), high = tied.get(tied.size() - 1);
                Best best = p.best(d).orElseThrow();
                OptionalInt width = p.constantWidth(d);
                Optional<PredictedG> predicted = Tables.prediction(p, d);
                String distance = "", steps = "";
                if (predicted.isPresent()) {
                    double dist = predicted.get().distance(low, high);
                    distance = NumberText.exact(dist);
                    steps = number(dist / p.gridStepAround(predicted.get().centre()));
                }
                t.add(List.of(p.label(), Integer.toString(d), width.isPresent() ? Integer.toString(width.getAsInt()) : "",
                        NumberText.exact(low), NumberText.exact(high), NumberText.exact(best.error()),
                        Integer.toString(best.replicates().trained()), Integer.toString(best.replicates().trials()),
                        predicted.map(x -> NumberText.exact(x.low())).orElse(""),
                        predicted.map(x -> NumberText.exact(x.high())).orElse(""), distance, steps));
            }
        }
        return t;
    }

    /**
     * The data set the sweep file names ({@code data:}), e.g. "mnist-sample (first 200)"; empty when
     * the text is not a readable sweep file with data (a random-walk sweep, a store without sweep.yaml).
     */
    public static String dataName(String sweepText) {
        if (sweepText.isBlank()) return "";
        try {
            return SweepFile.parse("sweep.yaml", Path.of("").toAbsolutePath(), sweepText).dataSource()
                    .map(DataSource::label).orElse("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String number(double v) {
        return Double.isFinite(v) ? NumberText.exact(v) : "";
    }
}
