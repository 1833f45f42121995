package rwsweep.driver.store;

import rwsweep.driver.spark.SweepSession;
import rwsweep.driver.spark.RunOptions;
import rwsweep.driver.spark.RunReport;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.spark.SweepJob;
import rwsweep.driver.spark.SweepRunner;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * A crash can stop the store at any step of writing a record or compacting; each state it can
 * leave is made here by hand and must read as the same set of trials, each once.
 */
class ResultStoreTest extends SparkTest {
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);

    @TempDir
    static Path shared;
    static Path finished;
    static SweepPlan plan;
    static Map<String, String> before;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeAll
    static void runTwoTrials() {
        finished = shared.resolve("finished");
        plan = Digits.plan("store", List.of(Digits.spec(2, 1.0), Digits.spec(2, 1.2)));
        SweepRunner.run(plan, finished.toString(), QUIET);
        before = contents(finished);
    }

    /** Each test works on its own copy of the finished store. */
    @BeforeEach
    void copyStore() throws IOException {
        dir = tmp.resolve("out");
        copy(finished, dir);
    }

    private Map<String, String> contents() {
        return contents(dir);
    }

    /** Key → curves and finishedAt of everything the store reads, failing on a key read twice. */
    private static Map<String, String> contents(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (var row : SweepSession.openStore(dir.toString()).table().collectAsList()) {
            String key = row.getAs("key");
            String value = row.getAs("finishedAt") + " " + row.getList(row.fieldIndex("trainError"));
            assertEquals(null, out.put(key, value), "key read twice: " + key);
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void aTruncatedRecordCountsAsUnfinishedAndRunsAgain() throws IOException {
        TrialSpec third = Digits.spec(2, 1.4);
        Path pending = Files.createDirectories(dir.resolve("pending"));
        // The machine lost power after the rename but before the data reached the disk.
        Files.writeString(pending.resolve(third.key() + ".json"), "{\"key\":\"" + third.key() + "\",\"sweep\":\"sto");
        assertEquals(before, contents());

        RunReport report = SweepRunner.run(Digits.plan("store",
                List.of(Digits.spec(2, 1.0), Digits.spec(2, 1.2), third)), dir.toString(), QUIET);
        assertEquals(2, report.skipped());
        assertEquals(1, report.ran());
        assertEquals(3, contents().size());
        assertFalse(Files.exists(pending));
    }

    @Test
    void aCompleteNextTableReplacesAMissingOne() throws IOException {
        // Crash after results.parquet was moved aside, before results.parquet.next took its place.
        Files.move(dir.resolve("results.parquet"), dir.resolve("results.parquet.next"));
        assertEquals(before, contents());
        assertTrue(Files.exists(dir.resolve("results.parquet")));
        assertFalse(Files.exists(dir.resolve("results.parquet.next")));
    }

    @Test
    void anUnfinishedNextTableIsIgnored() throws IOException {
        // Crash while Spark was still writing results.parquet.next (no _SUCCESS marker yet).
        copy(dir.resolve("results.parquet"), dir.resolve("results.parquet.next"));
        Files.delete(dir.resolve("results.parquet.next/_SUCCESS"));
        Files.move(dir.resolve("results.parquet"), dir.resolve("results.parquet.old"));
        assertEquals(before, contents(), "the old table comes back");
        assertFalse(Files.exists(dir.resolve("results.parquet.next")));
        assertFalse(Files.exists(dir.resolve("results.parquet.old")));
    }

    @Test
    void recordsCompactedTwiceAreStoredOnce() throws IOException {
        // Crash after the new table was in place, before the frozen records were deleted: the
        // records of both trials are in results.parquet and again under compacting-T.
        ResultStore store = SweepSession.openStore(dir.toString());
        SweepJob.run(spark, plan.trials(), plan.data(), plan.name(), store.pendingDir(), r -> { });
        Files.move(dir.resolve("pending"), dir.resolve("compacting-1"));
        Map<String, String> seen = contents();
        assertEquals(before.keySet(), seen.keySet());

        store.compact();
        assertFalse(Files.exists(dir.resolve("compacting-1")));
        assertEquals(seen, contents());
        assertEquals(2, spark.read().parquet(store.parquetPath()).count(), "one Parquet row per key");
    }

    @Test
    void storedResultsKeepTheirRecordedKey() {
        List<TrialResult> results = SweepSession.openStore(dir.toString()).results();
        assertEquals(before.keySet(), new java.util.TreeSet<>(results.stream().map(TrialResult::key).toList()));
    }

    @Test
    void aDirectoryWithoutStoreIsNotOpened() throws IOException {
        delete(dir.resolve("store.properties"));
        UserError e = org.junit.jupiter.api.Assertions.assertThrows(UserError.class, () -> SweepSession.openStore(dir.toString()));
        assertEquals(dir + " is not an rwsweep results directory: it has no store.properties", e.getMessage());
    }
}
