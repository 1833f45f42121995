package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import rwsweep.driver.store.FaultyFileSystem;
import rwsweep.driver.store.TableRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/** Whole sweeps on real digits in local[2]: what is stored, resume, extension, crashes, ownership. */
class SweepRunnerTest extends SparkTest {
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);

    @TempDir
    Path tmp;

    private static List<TrialSpec> grid(int[] depths, double[] gs) {
        List<TrialSpec> specs = new ArrayList<>();
        for (int depth : depths) for (double g : gs) specs.add(Digits.spec(depth, g));
        return specs;
    }

    private static Map<String, TrialResult> byKey(List<TrialResult> results) {
        Map<String, TrialResult> out = new HashMap<>();
        for (TrialResult r : results) assertEquals(null, out.put(r.key(), r), "key stored twice: " + r.key());
        return out;
    }

    /** finishedAt of every stored key: a trial trained again would get a new one. */
    private static Map<String, String> finishedAt(String dir) {
        Map<String, String> out = new HashMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) out.put(row.key(), row.finishedAt());
        return out;
    }

    @Test
    void eachStoredResultEqualsItsTrialRunAlone() {
        SweepPlan plan = Digits.plan("alone", grid(new int[] {2, 3}, new double[] {1.0, 1.3}));
        String dir = tmp.resolve("out").toString();

        RunReport report = SweepRunner.run(plan, dir, QUIET);

        assertEquals(4, report.total());
        assertEquals(0, report.skipped());
        assertEquals(4, report.ran());
        assertEquals(4, report.ok());
        Map<String, TrialResult> stored = byKey(ResultStore.open(dir).results());
        assertEquals(4, stored.size());
        Provenance here = Provenance.here();
        for (TrialSpec spec : plan.trials()) {
            TrialResult alone = Trainer.run(spec, Digits.data());
            TrialResult s = stored.get(spec.key());
            assertEquals(spec, s.spec(), "every spec field survives the store");
            assertTrue(s.sameCurves(alone), "stored " + s + " vs alone " + alone);
            assertEquals(alone.minTrainError(), s.minTrainError());
            assertEquals(alone.minEpoch(), s.minEpoch());
            assertEquals(alone.finalError(), s.finalError());
            assertEquals(alone.logDeltaRatio(), s.logDeltaRatio());
            assertEquals(3, s.trainError().length, "epochs 0..2");
            assertTrue(s.trainError()[2] < s.trainError()[0], "training lowered the error: " + s);
            assertTrue(s.wallSeconds() > 0);
            assertEquals(here.blasBackend(), s.provenance().blasBackend());
            assertEquals(here.host(), s.provenance().host());
            assertEquals(here.codeVersion(), s.provenance().codeVersion());
        }
    }

    @Test
    void aCrashedRunResumesWithoutTrainingFinishedTrialsAgain() throws IOException {
        List<TrialSpec> all = grid(new int[] {2, 3}, new double[] {0.9, 1.1, 1.3});
        SweepPlan plan = Digits.plan("resume", all);

        // Uninterrupted reference run.
        String reference = tmp.resolve("reference").toString();
        SweepRunner.run(plan, reference, QUIET);
        Map<String, TrialResult> expected = byKey(ResultStore.open(reference).results());

        // A run whose driver died after 2 trials were recorded: the executors wrote their records
        // to pending/, nothing was compacted, no trials.csv; and a third trial was cut off while
        // its record was being written (a temp file with half a record).
        String dir = tmp.resolve("crashed").toString();
        List<TrialSpec> finishedBeforeCrash = plan.trials().subList(0, 2);
        try (ResultStore store = ResultStore.claim(dir, plan, false, ResultStore.hadoopConf(Map.of()))) {
            SweepJob.run(spark, finishedBeforeCrash, plan.data(), plan.name(), store.pendingDir(), r -> { });
        }
        String cut = plan.trials().get(2).key();
        Path pending = Path.of(dir, "pending");
        Files.writeString(pending.resolve("." + cut + ".json.a99.tmp"), "{\"key\":\"" + cut + "\",\"sweep\":\"res");
        Map<String, String> firstFinish = finishedAt(dir);
        assertEquals(2, firstFinish.size(), "the two recorded trials are in the store before any compaction");

        RunReport resumed = SweepRunner.run(plan, dir, QUIET);

        assertEquals(6, resumed.total());
        assertEquals(2, resumed.skipped());
        assertEquals(4, resumed.ran());
        Map<String, String> afterResume = finishedAt(dir);
        for (TrialSpec spec : finishedBeforeCrash) {
            assertEquals(firstFinish.get(spec.key()), afterResume.get(spec.key()), "not trained again: " + spec.key());
        }
        Map<String, TrialResult> got = byKey(ResultStore.open(dir).results());
        assertEquals(expected.keySet(), got.keySet());
        for (String key : expected.keySet()) {
            assertTrue(expected.get(key).sameCurves(got.get(key)), "resumed result equals uninterrupted: " + key);
        }
        try (Stream<Path> left = Files.list(Path.of(dir))) {
            assertEquals(Set.of("lease.2", "results.parquet", "store.properties", "sweep.yaml", "trials.csv"),
                    new HashSet<>(left.map(p -> p.getFileName().toString()).toList()),
                    "records and the half-written temp file are gone after compaction");
        }

        RunReport again = SweepRunner.run(plan, dir, QUIET);
        assertEquals(6, again.skipped());
        assertEquals(0, again.ran());
        assertEquals(afterResume, finishedAt(dir));
    }

    @Test
    void addingGridValuesRunsOnlyTheNewTrials() {
        String dir = tmp.resolve("out").toString();
        SweepRunner.run(Digits.plan("extend", grid(new int[] {2, 3}, new double[] {1.0, 1.2})), dir, QUIET);
        Map<String, String> before = finishedAt(dir);

        RunReport extended = SweepRunner.run(
                Digits.plan("extend", grid(new int[] {2, 3}, new double[] {1.0, 1.2, 1.4})), dir, QUIET);

        assertEquals(6, extended.total());
        assertEquals(4, extended.skipped());
        assertEquals(2, extended.ran());
        Map<String, String> after = finishedAt(dir);
        assertEquals(6, after.size());
        for (Map.Entry<String, String> e : before.entrySet()) assertEquals(e.getValue(), after.get(e.getKey()));
        for (int depth : new int[] {2, 3}) assertTrue(after.containsKey(Digits.spec(depth, 1.4).key()));
    }

    @Test
    void aDirectoryOfAnotherSweepIsRefusedUnlessMerged() throws IOException {
        String dir = tmp.resolve("out").toString();
        SweepRunner.run(Digits.plan("first", List.of(Digits.spec(2, 1.0))), dir, QUIET);
        SweepPlan second = Digits.plan("second", List.of(Digits.spec(2, 1.5)));

        UserError refused = assertThrows(UserError.class, () -> SweepRunner.run(second, dir, QUIET));
        assertEquals("results directory " + dir + " holds sweep 'first', not 'second': choose another --out directory,"
                + " or pass --merge to add 'second' to it", refused.getMessage());

        RunReport merged = SweepRunner.run(second, dir, QUIET.withMerge(true));
        assertEquals(1, merged.ran());
        Map<String, String> sweepOf = new HashMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) sweepOf.put(row.key(), row.getAs("sweep"));
        assertEquals(Map.of(Digits.spec(2, 1.0).key(), "first", Digits.spec(2, 1.5).key(), "second"), sweepOf);
        assertEquals("first", ResultStore.open(dir).sweepName(), "the directory still belongs to the first sweep");
        assertEquals(second.sweepText(), Files.readString(Path.of(dir, "sweep-second.yaml")));
        assertEquals(Digits.plan("first", List.of()).sweepText(), Files.readString(Path.of(dir, "sweep.yaml")));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsAUserError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        String dir = file.resolve("out").toString();
        UserError e = assertThrows(UserError.class,
                () -> SweepRunner.run(Digits.plan("x", List.of(Digits.spec(2, 1.0))), dir, QUIET));
        assertTrue(e.getMessage().startsWith("cannot write results directory " + dir + ": "), e.getMessage());
    }

    @Test
    void aNonEmptyDirectoryWithoutResultsIsRefused() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "my notes");
        UserError e = assertThrows(UserError.class,
                () -> SweepRunner.run(Digits.plan("x", List.of(Digits.spec(2, 1.0))), tmp.toString(), QUIET.withMerge(true)));
        assertEquals("results directory " + tmp + " is not empty and holds no rwsweep results (no store.properties):"
                + " choose a new or empty directory", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("store.properties")));
    }

    /** A second run into a directory a live run holds is refused with one line, writes nothing, trains nothing. */
    @Test
    void aSecondRunWhileTheFirstHoldsTheDirectoryIsRefused() throws IOException {
        String dir = tmp.resolve("out").toString();
        SweepPlan plan = Digits.plan("twice", grid(new int[] {2}, new double[] {1.0, 1.2}));
        UserError[] refused = new UserError[1];
        Map<String, Long> files = new HashMap<>();
        RunReport first = SweepRunner.run(plan, dir, QUIET, store -> {
            files.putAll(sizes(Path.of(dir)));
            refused[0] = assertThrows(UserError.class, () -> SweepRunner.run(plan, dir, QUIET));
            assertEquals(files, sizes(Path.of(dir)), "the refused run wrote nothing");
        });
        assertEquals(2, first.ran());
        assertTrue(refused[0].getMessage().startsWith("results directory " + dir + " is in use by the run of pid "
                + ProcessHandle.current().pid()), refused[0].getMessage());
        assertEquals(2, finishedAt(dir).size());
        RunReport after = SweepRunner.run(plan, dir, QUIET);
        assertEquals(0, after.ran());
    }

    /**
     * A record write that fails once (the rename of its temp file throws) fails its task; local
     * mode retries it as a cluster would (local[N,F]), and the trial is stored once.
     */
    @Test
    void aFailedRecordWriteIsRetriedInLocalMode() throws IOException {
        assertTrue(spark.sparkContext().master().matches("local\\[\\d+,4\\]"), spark.sparkContext().master());
        String dir = tmp.resolve("out").toString();
        SweepPlan plan = Digits.plan("flaky", grid(new int[] {2}, new double[] {1.0, 1.2}));
        ResultStore.claim(dir, plan, false, ResultStore.hadoopConf(Map.of())).close();
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FaultyFileSystem.conf().forEach(e -> hadoop.set(e.getKey(), e.getValue()));
        FaultyFileSystem.arm(1, FaultyFileSystem.Fault.THROW);
        try {
            SweepJob.run(spark, plan.trials(), plan.data(), plan.name(), "faulty://" + Path.of(dir, "pending"), r -> { });
            assertTrue(FaultyFileSystem.operations().get(0).startsWith("rename ."), FaultyFileSystem.operations().toString());
        } finally {
            FaultyFileSystem.disarm();
        }
        assertEquals(2, finishedAt(dir).size());
        try (Stream<Path> records = Files.list(Path.of(dir, "pending"))) {
            assertEquals(2, records.filter(p -> p.getFileName().toString().endsWith(".json")).count(), "one record per trial");
        }
    }

    private static Map<String, Long> sizes(Path dir) {
        Map<String, Long> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), Files.size(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
