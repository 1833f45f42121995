package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.store.CsvFile;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.summary.PanelResults;
import rwsweep.driver.summary.SummaryOptions;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.spec.TrialResult;

/**
 * The summary's notebook files (curves.csv, best.csv, best-g.csv) against the store they
 * summarise, the README's pandas recipes run with python3 + pandas on them, and {@code rwsweep best}.
 * The sweep is written to results/quickstart under a temporary directory, the path the README's
 * recipes read, so they run exactly as printed.
 */
class NotebookTest extends SparkTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static List<TrialResult> results;
    static List<PanelResults> panels;

    @BeforeAll
    static void runASmallSweep() throws IOException {
        Path sweep = tmp.resolve("small.yaml");
        Files.writeString(sweep, String.join("\n",
                "name: small",
                "data: {source: mnist-sample, n: 200}",
                "nonlinearities: [tanh, relu]",
                "depths: [2, 4]",
                "width: 16",
                "init: gaussian",
                "g: [0.5, 1.2, 2]",
                "lambda: [[0.05, 0.05]]",
                "epochs: 3",
                "batch: 20",
                "seeds: [1, 2]", ""));
        dir = tmp.resolve("results/quickstart");
        Cli run = Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, run.exitCode, run.err);
        results = ResultStore.open(dir.toString()).results();
        panels = PanelResults.split(results, SummaryOptions.DEFAULT_TRAINED_BELOW);
    }

    static List<Map<String, String>> csv(String name) throws IOException {
        List<List<String>> rows = CsvFile.rows(Files.readString(dir.resolve("summary").resolve(name)));
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < row.size(); i++) m.put(rows.get(0).get(i), row.get(i));
            out.add(m);
        }
        return out;
    }

    static TrialResult trial(String key) {
        return results.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    /** One row per trial per stored epoch: 24 trials × (epochs 0..3), and each value the stored one bit for bit. */
    @Test
    void curvesHoldEveryStoredEpoch() throws IOException {
        List<Map<String, String>> curves = csv("curves.csv");
        assertEquals(24, results.size());
        assertEquals(results.stream().mapToInt(r -> r.trainError().length).sum(), curves.size());
        for (Map<String, String> row : curves) {
            TrialResult r = trial(row.get("key"));
            int e = Integer.parseInt(row.get("epoch"));
            assertEquals(r.trainError()[e], Double.parseDouble(row.get("train_error")), row.toString());
            assertEquals(r.meanLoss()[e], Double.parseDouble(row.get("mean_loss")), row.toString());
        }
        // a hand-checked row: the untrained net misclassifies about 9/10 of 10 classes, and the
        // errors of 200 examples are whole examples
        Map<String, String> first = curves.get(0);
        assertEquals("0", first.get("epoch"));
        double err0 = Double.parseDouble(first.get("train_error"));
        assertTrue(err0 > 0.6 && err0 <= 1, first.toString());
        assertEquals(Math.round(err0 * 200), err0 * 200, 1e-9, first.toString());
    }

    /** One row per net (2 nonlinearities × 2 depths), the minima the tables take, numbers only. */
    @Test
    void bestHoldsTheBestTrialOfEveryNet() throws IOException {
        List<Map<String, String>> best = csv("best.csv");
        assertEquals(4, best.size());
        for (Map<String, String> row : best) {
            PanelResults p = panels.stream().filter(x -> x.label().startsWith(row.get("activation") + ",")).findFirst().orElseThrow();
            int depth = Integer.parseInt(row.get("depth"));
            PanelResults.Best b = p.best(depth).orElseThrow();
            assertEquals(b.setting().g(), Double.parseDouble(row.get("g")), row.toString());
            assertEquals(b.error(), Double.parseDouble(row.get("median_error")), row.toString());
            TrialResult t = trial(row.get("key"));
            assertEquals(b.setting().g(), t.spec().g());
            assertEquals(depth, t.spec().depth());
            // the seed of the best setting with the lowest error: no seed of that setting lower
            double[] seeds = b.replicates().errors();
            assertEquals(seeds[0], t.minTrainError());
            assertEquals(t.minTrainError(), Double.parseDouble(row.get("min_train_error")));
            assertEquals(t.minEpoch().getAsInt(), Integer.parseInt(row.get("min_epoch")));
            assertEquals("16", row.get("width"));
            assertEquals(t.spec().dataId(), row.get("data"));
            assertEquals("mnist-sample (first 200)", row.get("data_name"));
            for (String numeric : List.of("g", "lambda_in", "lambda_out", "median_error", "trained", "trials", "seed")) {
                Double.parseDouble(row.get(numeric));
            }
        }
    }

    /** best-g.csv: the tied range as two numbers, never "1.2–2" text. */
    @Test
    void bestGHoldsTheTiedRangeAsNumbers() throws IOException {
        List<Map<String, String>> bestG = csv("best-g.csv");
        assertEquals(4, bestG.size());
        for (Map<String, String> row : bestG) {
            PanelResults p = panels.stream().filter(x -> x.label().equals(row.get("panel"))).findFirst().orElseThrow();
            List<Double> tied = p.bestGs(Integer.parseInt(row.get("depth")));
            assertEquals(tied.get(0), Double.parseDouble(row.get("g_low")), row.toString());
            assertEquals(tied.get(tied.size() - 1), Double.parseDouble(row.get("g_high")), row.toString());
            assertTrue(Double.parseDouble(row.get("predicted_g_low")) <= Double.parseDouble(row.get("predicted_g_high")));
        }
    }

    /**
     * The README's two pandas recipes, copied from its "Reading results in pandas" section and run
     * with python3 + pandas from the directory that holds results/quickstart: their best g per
     * (activation, depth) is the summary's, and their curve is the stored curve of the trial with
     * the lowest error.
     */
    @Test
    void theReadmePandasRecipesGiveTheSummarysAnswers() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int from = readme.indexOf("## Reading results in pandas");
        assertTrue(from >= 0, "README has no pandas section");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 1));
        Matcher m = Pattern.compile("```python\n(.*?)```", Pattern.DOTALL).matcher(section);
        StringBuilder script = new StringBuilder();
        while (m.find()) script.append(m.group(1));
        assertTrue(script.toString().contains("pd.read_csv(\"results/quickstart/summary/best.csv\")"), script.toString());
        script.append("import json\n")
                .append("print(json.dumps({'best_g': {f'{a} {d}': float(g) for (a, d), g in best_g.items()},"
                        + " 'key': top.key, 'curve': [float(v) for v in curve]}))\n");
        Path py = tmp.resolve("recipes.py");
        Files.writeString(py, script);
        // Debian's python3, which .ci/run gives pandas, ahead of any other on PATH (pyenv, venvs)
        String python = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process proc = new ProcessBuilder(python, py.toString()).directory(tmp.toFile()).redirectErrorStream(true).start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), out);
        JsonNode answer = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());

        JsonNode bestG = answer.get("best_g");
        assertEquals(4, bestG.size(), out);
        for (PanelResults p : panels) {
            String f = p.label().substring(0, p.label().indexOf(','));
            for (int d : p.depths()) {
                assertEquals(p.best(d).orElseThrow().setting().g(), bestG.get(f + " " + d).asDouble(), f + " D=" + d + ": " + out);
            }
        }
        TrialResult top = results.stream().filter(r -> !Double.isNaN(r.minTrainError()))
                .min((a, b) -> Double.compare(a.minTrainError(), b.minTrainError())).orElseThrow();
        TrialResult named = trial(answer.get("key").asText());
        assertEquals(top.minTrainError(), named.minTrainError(), out);
        double[] curve = named.trainError();
        assertEquals(curve.length, answer.get("curve").size(), out);
        for (int e = 0; e < curve.length; e++) assertEquals(curve[e], answer.get("curve").get(e).asDouble(), out);
    }

    /** `best --by depth,f`: one row per (depth, f), each with the key best.csv names for that net. */
    @Test
    void bestPrintsTheBestTrialPerGroup() throws IOException {
        Cli best = Cli.run("best", dir.toString(), "--by", "depth,f");
        assertEquals(0, best.exitCode, best.err);
        List<String> lines = best.out.lines().toList();
        assertTrue(lines.get(2).matches("key +depth +f +g +λin +λout +median error +min train error +epoch"), lines.get(2));
        assertEquals(4, lines.size() - 4, best.out);
        for (Map<String, String> row : csv("best.csv")) {
            String line = lines.stream().filter(l -> l.startsWith(row.get("key"))).findFirst().orElseThrow(() -> new AssertionError(
                    "no line for " + row + " in\n" + best.out));
            List<String> cells = List.of(line.split(" {2,}"));
            assertEquals(List.of(row.get("depth"), row.get("activation")), cells.subList(1, 3), line);
            assertEquals(row.get("min_epoch"), cells.get(cells.size() - 1), line);
        }
    }

    /** A --by name that is no field: one line listing the allowed names, exit 2, no stack trace. */
    @Test
    void anUnknownByFieldIsOneLine() {
        Cli best = Cli.run("best", dir.toString(), "--by", "depth,activation");
        assertEquals(UserError.EXIT_CODE, best.exitCode, best.err);
        assertEquals(1, best.err.strip().lines().count(), best.err);
        assertTrue(best.err.contains("'activation'") && best.err.contains("allowed: task, f, init, depth, width"), best.err);
        assertFalse(best.err.contains("Exception"), best.err);
    }
}
