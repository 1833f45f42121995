package rwsweep.driver.cli;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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
     * Writes the summary of an open store into DIR/summary ({@code planned}: the trials of the
     * sweep, if known), on the store's own file system: a store
     * on HDFS or S3A gets its summary there too (written here into a temporary directory, then put
     * beside the results), since a cluster-mode driver's local disk goes with its container.
     * Returns index.html, as a local path or a URI.
     */
    static String write(ResultStore store, double trainedBelow, OptionalInt planned) {
        Optional<Path> local = store.localDir();
        if (local.isPresent()) return writeInto(store, trainedBelow, planned, local.get().resolve("summary")).toString();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("rwsweep-summary");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the summary of " + store.dir(), e);
        }
        try {
            writeInto(store, trainedBelow, planned, tmp);
            return store.putSummary(tmp);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Path writeInto(ResultStore store, double trainedBelow, OptionalInt planned, Path summaryDir) {
        SummaryOptions options = options(store, trainedBelow);
        if (planned.isPresent()) options = options.withPlanned(planned.getAsInt());
        if (store.kind() == StoreKind.WALKS) {
            return WalkSummary.write(store.walks(), comparison(store), options, summaryDir);
        }
        List<TrialResult> results = store.results();
        return Summary.write(results, options, summaryDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary directory left behind costs a few hundred kB of /tmp, not the summary
        }
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
        return SummaryOptions.of(store.sweepName(), store.sweepText().orElse("")).withTrainedBelow(trainedBelow).withRuns(store.runs());
    }
}
