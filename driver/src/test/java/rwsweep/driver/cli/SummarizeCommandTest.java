package rwsweep.driver.cli;

import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `run` writes the summary at its end, `summarize` and `check` read a results directory — and the
 * Figure 3 numbers equal what a reader computes from trials.csv by hand.
 */
class SummarizeCommandTest extends SparkTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static Cli run;

    @BeforeAll
    static void runATinySweep() throws IOException {
        Path sweep = tmp.resolve("tiny.yaml");
        Files.writeString(sweep, String.join("\n",
                "name: tiny",
                "data: {source: mnist-sample, n: 200}",
                "nonlinearities: tanh",
                "depths: [2, 3]",
                "width: 16",
                "init: gaussian",
                "g: [0.5, 1.1]",
                "lambda: [[0.02, 0.05], [0.05, 0.05]]",
                "epochs: 2",
                "batch: 20",
                "seeds: [1, 2, 3]", ""));
        dir = tmp.resolve("out");
        run = Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]");
    }

    @Test
    void runEndsWithTheSummary() {
        assertEquals(0, run.exitCode, run.err);
        Path index = dir.resolve("summary/index.html");
        assertTrue(run.out.contains("summary: " + index), run.out);
        assertTrue(Files.isRegularFile(index));
        assertTrue(Files.isRegularFile(dir.resolve("summary/plots/figure3-tanh-gaussian-classify.png")));
    }

    /**
     * The run is in DIR/runs.csv — start, end, wall time, the command line as given, the code
     * version, the trials done — and a later `summarize DIR` shows it from the directory alone.
     */
    @Test
    void theRunIsRecordedAndEveryLaterSummaryShowsIt() throws IOException {
        List<List<String>> rows = rwsweep.driver.store.CsvFile.rows(Files.readString(dir.resolve("runs.csv")));
        assertEquals(List.of("started", "finished", "seconds", "command", "code_version", "trials_done", "host"), rows.get(0));
        assertEquals(2, rows.size(), "one run");
        List<String> r = rows.get(1);
        java.time.Instant started = java.time.Instant.parse(r.get(0)), finished = java.time.Instant.parse(r.get(1));
        assertTrue(!finished.isBefore(started), r.toString());
        double seconds = Double.parseDouble(r.get(2));
        assertTrue(seconds > 0 && Math.abs(seconds - (finished.getEpochSecond() - started.getEpochSecond())) <= 1.01, r.toString());
        assertEquals("rwsweep run " + tmp.resolve("tiny.yaml") + " --out " + dir + " --no-progress --master local[2]", r.get(3));
        assertEquals("dev+numerics" + rwsweep.worker.Trainer.NUMERICS_VERSION, r.get(4));
        assertEquals("24", r.get(5));

        Cli again = Cli.run("summarize", dir.toString());
        assertEquals(0, again.exitCode, again.err);
        String html = Files.readString(dir.resolve("summary/index.html"));
        assertTrue(html.contains("<table id=\"runs\">"), "the runs table");
        assertTrue(html.contains("Made by one run: started " + r.get(0)), "the lead names the run");
        assertTrue(html.contains(r.get(3)), "the command line");
    }

    /**
     * `compare DIR DIR`: every cell in both, each difference 0, a table on stdout and a page; a
     * directory without results, or with walk points, is one line and exit 2.
     */
    @Test
    void compareShowsTheCellsOfBothAndRefusesWhatIsNoTrainingStore() throws IOException {
        Path page = tmp.resolve("cmp");
        Cli c = Cli.run("compare", dir.toString(), dir.toString(), "--out", page.toString());
        assertEquals(0, c.exitCode, c.err);
        List<String> lines = c.out.lines().toList();
        int cells = 0;
        for (String line : lines) {
            if (!line.startsWith("tanh, gaussian, classify")) continue;
            String[] f = line.split("\\s{2,}");
            assertEquals(f[3], f[4], line);
            assertEquals("0", f[5], line);
            cells++;
        }
        assertEquals(4, cells, "2 g × 2 depths: " + c.out);
        assertTrue(c.out.contains("comparison: " + page.resolve("index.html")), c.out);
        assertTrue(Files.readString(page.resolve("index.html")).contains("data:image/png;base64,"));

        Cli none = Cli.run("compare", dir.toString(), tmp.toString(), "--out", page.toString());
        assertEquals(2, none.exitCode);
        assertEquals(tmp + " is not an rwsweep results directory: it has no store.properties", none.err.strip());
    }

    /**
     * One spelling per value: the sweep file's, in lower case, in trials.csv and in the summary's
     * groups.csv alike (the sweep file says tanh, gaussian and, by default, classify).
     */
    @Test
    void valuesAreSpelledAsTheSweepFileSpellsThem() throws IOException {
        List<String> csv = Files.readAllLines(dir.resolve("trials.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(24, csv.size() - 1);
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertEquals(List.of("classify", "tanh", "gaussian"),
                    List.of(f[header.indexOf("task")], f[header.indexOf("f")], f[header.indexOf("init")]), line);
        }
        List<String> groups = Files.readAllLines(dir.resolve("summary/groups.csv"));
        assertTrue(groups.get(0).startsWith("panel,task,activation,init,"), groups.get(0));
        assertEquals(8, groups.size() - 1, "2 g × 2 depths × 2 pairs");
        for (String line : groups.subList(1, groups.size())) {
            assertTrue(line.startsWith("\"tanh, gaussian, classify\",classify,tanh,gaussian,"), line);
        }
    }

    /** Figure 3 cell = min over λ pairs of the median over seeds of minTrainError, from trials.csv alone. */
    @Test
    void figure3EqualsAHandComputationFromTrialsCsv() throws IOException {
        List<String> csv = Files.readAllLines(dir.resolve("trials.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        // (g, depth) -> (λ pair) -> errors over seeds; no field of these columns holds a comma
        Map<String, Map<String, List<Double>>> cells = new TreeMap<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            String cell = Double.parseDouble(f[header.indexOf("g")]) + "|" + f[header.indexOf("depth")];
            String pair = f[header.indexOf("lambdaIn")] + "/" + f[header.indexOf("lambdaOut")];
            cells.computeIfAbsent(cell, k -> new HashMap<>()).computeIfAbsent(pair, k -> new ArrayList<>())
                    .add(Double.parseDouble(f[header.indexOf("minTrainError")]));
        }
        assertEquals(4, cells.size()); // 2 g × 2 depths
        Map<String, Double> summary = new HashMap<>();
        List<String> fig3 = Files.readAllLines(dir.resolve("summary/figure3.csv"));
        List<String> h = List.of(fig3.get(0).split(","));
        for (String line : fig3.subList(1, fig3.size())) {
            String[] f = line.replaceFirst("^\"[^\"]*\",", "panel,").split(",");
            summary.put(Double.parseDouble(f[h.indexOf("g")]) + "|" + f[h.indexOf("depth")],
                    Double.parseDouble(f[h.indexOf("min_median_error")]));
        }
        for (Map.Entry<String, Map<String, List<Double>>> cell : cells.entrySet()) {
            double best = Double.POSITIVE_INFINITY;
            for (List<Double> seeds : cell.getValue().values()) {
                assertEquals(3, seeds.size());
                best = Math.min(best, seeds.stream().sorted().toList().get(1)); // median of 3
            }
            assertEquals(best, summary.get(cell.getKey()), 1e-12, "cell g|D = " + cell.getKey());
        }
    }

    @Test
    void summarizeRewritesTheSummaryOfAnExistingDirectory() throws IOException {
        Path index = dir.resolve("summary/index.html");
        Files.delete(index);
        Cli summarize = Cli.run("summarize", dir.toString());
        assertEquals(0, summarize.exitCode, summarize.err);
        assertTrue(Files.isRegularFile(index));
        // The planned count comes from DIR/sweep.yaml: 2 g × 2 depths × 2 pairs × 3 seeds.
        assertTrue(Files.readString(index).contains("24 of 24 trials done"), "progress line in index.html");
    }

    /**
     * `check` prints the plain table (a header row, then a row per claim) and exits 1 exactly when
     * a verdict is "disagree"; with --no-fail it exits 0 whatever the verdicts.
     */
    @Test
    void checkPrintsAVerdictPerClaimAndFailsOnAContradiction() {
        Cli check = Cli.run("check", dir.toString());
        List<String> lines = check.out.lines().toList();
        assertTrue(lines.get(2).matches("claim +verdict +evidence"), check.out);
        for (int claim = 1; claim <= 4; claim++) {
            String prefix = claim + ". ";
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), "claim " + claim + " in\n" + check.out);
        }
        // depth ≤ 3 only: the depth ≥ 32 claims have nothing to speak to
        assertTrue(check.out.contains("not enough data"), check.out);
        boolean contradicted = lines.stream().anyMatch(l -> l.matches("\\S.*  disagree  .*"));
        assertEquals(contradicted ? 1 : 0, check.exitCode, check.out + check.err);

        Cli noFail = Cli.run("check", dir.toString(), "--no-fail");
        assertEquals(0, noFail.exitCode, noFail.err);
        assertEquals(check.out, noFail.out);
    }

    @Test
    void checkHelpNamesTheFlagAndTheExitCodes() {
        Cli help = Cli.run("check", "--help");
        assertEquals(0, help.exitCode, help.err);
        assertTrue(help.out.contains("--no-fail"), help.out);
        assertTrue(help.out.contains("1   the results contradict a claim"), help.out);
        assertTrue(help.out.contains("2   a mistake in the input"), help.out);
    }

    @Test
    void aThresholdOutsideZeroToOneIsOneLineAndExitTwo() {
        for (String command : new String[] {"summarize", "check"}) {
            Cli cli = Cli.run(command, dir.toString(), "--trained-below", "0");
            assertEquals(UserError.EXIT_CODE, cli.exitCode, command);
            assertEquals("--trained-below 0.0: allowed: a training error in (0, 1]", cli.err.strip(), command);
        }
    }

    @Test
    void summarizeOfADirectoryWithoutResultsIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli summarize = Cli.run("summarize", empty.toString());
        assertEquals(UserError.EXIT_CODE, summarize.exitCode);
        assertEquals(1, summarize.err.strip().lines().count(), summarize.err);
        assertTrue(summarize.err.contains(empty + " is not an rwsweep results directory"), summarize.err);
        assertTrue(Files.list(empty).findAny().isEmpty(), "nothing written");
    }
}
