package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;

class ScratchTest extends SparkTest {
    @TempDir Path tmp;

    @Test
    void newNonlinearityAndKeyRunEndToEnd() throws Exception {
        Path sweep = tmp.resolve("s.yaml");
        Files.writeString(sweep, String.join("\n", "name: s", "data: {source: mnist-sample, n: 200}",
                "nonlinearities: [tanh, softsign]", "depths: [2, 3]", "width: 16", "init: gaussian", "g: [1.0, 1.2]",
                "lambda: [0.05, 0.05]", "epochs: 3", "batch: 20", "epoch_decay: 0.5", "decay_start: [1, 2]", ""));
        Cli keys = Cli.run("plan", "--keys");
        assertTrue(keys.out.contains("  decay_start  [axis; decay_start]"), keys.out);
        assertTrue(keys.out.contains("allowed: linear | relu | tanh | softsign"), keys.out);
        Cli plan = Cli.run("plan", sweep.toString());
        assertEquals(0, plan.exitCode, plan.err);
        assertTrue(plan.out.contains("\ntrials: 16\n"), plan.out);
        Path out = tmp.resolve("out");
        Cli run = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, run.exitCode, run.err + run.out);
        List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
        System.out.println(csv.get(0));
        System.out.println(csv.get(1));
        assertTrue(csv.get(0).contains(",decayStart,"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",softsign,")));
        Cli again = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress", "--master", "local[2]");
        assertTrue(again.out.contains("16 trials: 16 already done, 0 run"), again.out);
        Cli bad = Cli.run("plan", tmp.resolve("b.yaml").toString());
        Files.writeString(tmp.resolve("b.yaml"), "data: mnist-sample\ndepths: 2\nwidth: 4\ndecay_start: 0\n");
        bad = Cli.run("plan", tmp.resolve("b.yaml").toString());
        System.out.println(bad.err);
        assertEquals(2, bad.exitCode);
        List<String> groups = Files.readAllLines(out.resolve("summary/groups.csv"));
        System.out.println(String.join("\n", groups.subList(0, 4)));
    }
}
