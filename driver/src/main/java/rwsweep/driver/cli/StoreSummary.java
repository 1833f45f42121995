package rwsweep.driver.cli;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import rwsweep.driver.summary.PaperCheck;
import rwsweep.driver.summary.Summary;
import rwsweep.driver.summary.WalkSummary;
import rwsweep.driver.summary.SummaryOptions;
import rwsweep.worker.spec.TrialResult;

/**
 * From a results directory to its summary (store → tables, plots, report): reads every finished
 * trial of DIR — also while a sweep is still writing to it — and hands them to {@link Summary}.
 * {@code run} calls it at the end of every sweep, {@code summarize} and {@code check} on demand.
 */
final class StoreSummary {
    private StoreSummary() { }

    /**
     * Where the summary goes: DIR/summary for a local DIR; for a remote one (hdfs://, s3a://) the
     * local results/&lt;sweep name&gt;/summary, since the report is read in a browser here.
     */
    static Path summaryDir(String dir, String sweepName) {
        return RunCommand.isLocal(dir)
                ? Path.of(dir.replaceFirst("^file:(//)?", ""), "summary")
                : Path.of("results", sweepName, "summary");
    }

    /** Writes the summary of DIR; returns its index.html. {@code planned}: the trials of the sweep, if known. */
    static Path write(String dir, double trainedBelow, OptionalInt planned) {
        return write(ResultStore.open(dir), trainedBelow, planned);
    }

    /** Writes the summary of an open store; returns its index.html. */
    static Path write(ResultStore store, double trainedBelow, OptionalInt planned) {
        String dir = store.dir();
        SummaryOptions options = options(store, trainedBelow);
        if (planned.isPresent()) options = options.withPlanned(planned.getAsInt());
        if (store.kind() == StoreKind.WALKS) {
            return WalkSummary.write(store.walks(), comparison(store), options, summaryDir(dir, store.sweepName()));
        }
        List<TrialResult> results = store.results();
        return Summary.write(results, options, summaryDir(dir, store.sweepName()));
    }

    /**
     * The training results a random-walk sweep names with {@code compare:}, read from that
     * directory (without Spark, as every store read); a directory that holds none is reported in the
     * summary, not fatal (run the training sweep first).
     */
    private static Optional<WalkSummary.Comparison> comparison(ResultStore store) {
        Optional<String> compare;
        try {
            compare = store.sweepText().flatMap(text -> SweepFile.parse("sweep.yaml", Path.of("").toAbsolutePath(), text).walk())
                    .flatMap(SweepFile.WalkOptions::compare);
        } catch (UserError e) {
            return Optional.empty();
        }
        if (compare.isEmpty()) return Optional.empty();
        String other = compare.get();
        try {
            return Optional.of(WalkSummary.Comparison.of(other, ResultStore.open(other).results()));
        } catch (UserError e) {
            return Optional.of(WalkSummary.Comparison.missing(other, "no training results to compare with: " + e.getMessage()
                    + " (run the training sweep first)"));
        }
    }

    /** The check of DIR's results against the paper's claims. */
    static PaperCheck check(String dir, double trainedBelow) {
        ResultStore store = ResultStore.open(dir);
        return Summary.check(store.results(), options(store, trainedBelow));
    }

    private static SummaryOptions options(ResultStore store, double trainedBelow) {
        return SummaryOptions.of(store.sweepName(), store.sweepText().orElse("")).withTrainedBelow(trainedBelow);
    }
}
