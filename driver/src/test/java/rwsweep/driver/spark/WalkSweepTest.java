package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.store.WalkColumns;
import rwsweep.driver.summary.SummaryOptions;
import rwsweep.driver.summary.WalkSummary;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import rwsweep.driver.sweep.WalkGrid;
import rwsweep.driver.sweep.WalkPlan;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.FiniteDepthWalk;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSpec;

/**
 * A random-walk sweep end to end in local[2]: its points run on Spark like trials, each stored
 * once and equal bit for bit to the point run alone, a second run does nothing, a point that
 * cannot be computed is a FAILED record, the summary writes the tables and both figures, the two
 * kinds of store refuse each other; and a trial record written before the critical columns
 * existed still reads.
 */
class WalkSweepTest extends SparkTest {
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);

    /** 2 × (3 widths to search + 3 g) + 2 walks at the critical g + 1 impossible search = 15 points, 60 nets each. */
    private static final String SWEEP = """
            name: walks
            kind: randomwalk
            nonlinearities: [linear, relu]
            depths: 12
            nets: 60
            sample_walks: 4
            combinations:
              - {find: optimal-g, width: [8, 16, 32]}
              - {width: 16, g: [1.0, 1.2, 1.5]}
              - {width: 16, g: critical}
              - {find: optimal-g, nonlinearity: tanh, width: 4, depth: 30}
            """;

    @TempDir
    Path tmp;

    private static WalkPlan plan() {
        SweepFile sweep = SweepFile.parse("walks.yaml", Path.of("."), SWEEP);
        return new WalkPlan(sweep.name(), sweep.text(), WalkGrid.expand(sweep, Optional.empty()), Optional.empty());
    }

    @Test
    void walkPointsRunStoreResumeAndSummarise() throws IOException {
        WalkPlan plan = plan();
        assertEquals(15, plan.points().size());
        String dir = tmp.resolve("out").toString();

        RunReport first = SweepRunner.runWalks(plan, dir, QUIET, store -> { });
        assertEquals(15, first.ran());
        assertEquals(14, first.ok());
        assertEquals(1, first.failed(), "tanh at width 4: no g makes its walk unbiased");
        ResultStore store = ResultStore.open(dir);
        assertEquals(StoreKind.WALKS, store.kind());
        Map<String, WalkResult> stored = new HashMap<>();
        for (WalkResult r : store.walks()) assertEquals(null, stored.put(r.key(), r), "stored twice: " + r.key());
        assertEquals(15, stored.size());
        for (WalkSpec spec : plan.points()) {
            WalkResult s = stored.get(spec.key());
            WalkResult alone = FiniteDepthWalk.run(spec, null);
            assertEquals(spec, s.spec(), "every spec field survives the store");
            assertEquals(alone.status(), s.status());
            if (s.status() == TrialStatus.FAILED) {
                assertTrue(s.message().contains("give g explicitly"), s.message());
                continue;
            }
            assertArrayEquals(alone.mean(), s.mean(), 0.0, "the walk is deterministic");
            assertArrayEquals(alone.variance(), s.variance(), 0.0);
            assertArrayEquals(alone.sampleWalks(), s.sampleWalks(), 0.0);
            assertEquals(alone.optimalG(), s.optimalG());
            assertEquals(alone.steadyStateG(), s.steadyStateG());
            assertEquals("none", s.provenance().blasBackend());
        }
        long critical = plan.points().stream().filter(p -> p.critical().isPresent()).count();
        assertEquals(2, critical);
        for (WalkSpec p : plan.points()) p.critical().ifPresent(c -> assertEquals(Critical.FINITE_DEPTH, c));

        List<String> csv = Files.readAllLines(Path.of(dir, "walks.csv"), StandardCharsets.UTF_8);
        assertEquals(String.join(",", WalkColumns.TABLE.names()), csv.get(0));
        assertEquals(16, csv.size());

        // a second run skips every finished point; the FAILED one runs again, as a FAILED trial does
        RunReport second = SweepRunner.runWalks(plan, dir, QUIET, s -> { });
        assertEquals(14, second.skipped());
        assertEquals(1, second.ran());
        assertEquals(1, second.failed());

        // the store's guarantees hold for walk points too: a damaged record is left out by a reader
        // (which writes nothing) and set aside by the next run, which runs nothing it has already
        Path damaged = Path.of(dir, "pending", "0123456789abcdef.json");
        Files.createDirectories(damaged.getParent());
        Files.writeString(damaged, "{\"key\":\"0123456789abcdef\",\"sweep\":");
        assertEquals(15, ResultStore.open(dir).walks().size());
        assertTrue(Files.exists(damaged), "reading changes nothing");
        RunReport third = SweepRunner.runWalks(plan, dir, QUIET, s -> { });
        assertEquals(14, third.skipped());
        assertFalse(Files.exists(damaged));
        try (Stream<Path> aside = Files.list(Path.of(dir, "quarantine"))) {
            assertEquals(1, aside.count(), "the damaged record is in quarantine");
        }
        assertEquals(stored.keySet(), ResultStore.open(dir).walks().stream().map(WalkResult::key).collect(java.util.stream.Collectors.toSet()));
        assertTrue(Files.exists(Path.of(dir, "results.parquet", "part-00000.parquet")), "one Parquet file, written without Spark");

        Path summary = tmp.resolve("summary");
        Path index = WalkSummary.write(store.walks(), Optional.empty(), SummaryOptions.of("walks", SWEEP), summary);
        String html = Files.readString(index);
        assertTrue(html.contains("Figure 2: the optimal g"), "the report has Figure 2");
        List<String> plots;
        try (Stream<Path> files = Files.list(summary.resolve("plots"))) {
            plots = files.map(p -> p.getFileName().toString()).filter(p -> p.endsWith(".png")).sorted().toList();
        }
        // Figure 1 for the two walks at their critical g, Figure 2 top (one depth, one input; tanh failed)
        // and bottom (N = 16, three g)
        assertEquals(2, plots.stream().filter(p -> p.startsWith("figure1-")).count(), plots.toString());
        assertEquals(1, plots.stream().filter(p -> p.startsWith("figure2-optimal-g")).count(), plots.toString());
        assertEquals(1, plots.stream().filter(p -> p.startsWith("figure2-abs-ln-z")).count(), plots.toString());
        for (String p : plots) {
            assertTrue(html.contains("plots/" + p), p + " is linked from the report");
            assertTrue(Files.isRegularFile(summary.resolve("plots/" + p.replace(".png", ".svg"))), p + " has its SVG");
        }
        assertFalse(html.contains("<img src=\"plots/"), "images are inlined, not referenced");
        List<String> optimal = Files.readAllLines(summary.resolve("tables/optimal-g.csv"));
        assertEquals(1 + 6, optimal.size(), "a row per optimal-g point that succeeded");
        assertTrue(Files.readString(summary.resolve("summary.md")).contains("| linear | 32 | 12 | gaussian |"));
    }

    /** A directory of trials is no place for walk points, nor the other way round. */
    @Test
    void theTwoKindsOfStoreRefuseEachOther() {
        String trials = tmp.resolve("trials").toString();
        SweepRunner.run(Digits.plan("trials", List.of(Digits.spec(2, 1.0))), trials, QUIET);
        UserError e = assertThrows(UserError.class, () -> SweepRunner.runWalks(plan(), trials, QUIET, s -> { }));
        assertTrue(e.getMessage().contains("holds train results, not randomwalk"), e.getMessage());
        assertThrows(UserError.class, () -> ResultStore.open(trials).walks());
    }

    /**
     * A trial record written before the critical columns existed (no critical, no criticalG) still
     * reads: its gains count as given numbers, and compaction keeps it.
     */
    @Test
    void trialRecordsWithoutTheCriticalColumnsStillRead() throws IOException {
        SweepPlan plan = Digits.plan("old", List.of(Digits.spec(2, 1.1)));
        String dir = tmp.resolve("old").toString();
        SweepRunner.run(plan, dir, QUIET);
        TrialSpec spec = plan.trials().get(0);
        // rewrite the store as an older version wrote it: the record alone, without the two columns
        ResultStore store = ResultStore.open(dir);
        TrialResult result = store.results().get(0);
        String line = rwsweep.driver.store.ResultColumns.jsonLine(
                new rwsweep.driver.store.ResultColumns.Stored("old", "2026-01-01T00:00:00.000Z", result));
        String oldLine = line.replaceAll(",\"critical\":\"[^\"]*\",\"criticalG\":\"?[^,]*\"?", "");
        assertFalse(oldLine.contains("critical"), oldLine);
        deleteTree(Path.of(dir, "results.parquet"));
        Files.createDirectories(Path.of(dir, "pending"));
        Files.writeString(Path.of(dir, "pending", spec.key() + ".json"), oldLine);

        List<TrialResult> read = ResultStore.open(dir).results();
        assertEquals(1, read.size());
        assertTrue(read.get(0).spec().critical().isEmpty());
        assertEquals(spec.key(), read.get(0).key());
        assertTrue(read.get(0).sameCurves(result));
        SweepRunner.run(plan, dir, QUIET); // compacts the old record with the new schema, trains nothing
        assertEquals(1, ResultStore.open(dir).results().size());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
