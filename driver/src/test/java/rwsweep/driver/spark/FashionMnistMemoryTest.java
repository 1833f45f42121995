package rwsweep.driver.spark;

import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.SweepPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.FashionMnist;
import rwsweep.worker.data.Standardizer;

/**
 * A sweep over full Fashion-MNIST (60,000 × 784 floats = 188 MB) runs in a JVM of 1 GiB heap.
 *
 * <p>In local mode the driver is also the executor, so this one JVM holds everything a cluster
 * spreads over two: the loaded and standardised data (the raw copy becomes garbage after
 * standardising), the broadcast's serialized pieces (the driver keeps them to serve executors),
 * and the trials' own memory; tasks read the driver's own object, not a deserialized copy. An
 * executor holds the fetched pieces plus one deserialized copy shared by all its tasks — no more
 * than this JVM. The sweep runs in a child JVM so the heap limit is its own.
 *
 * <p>Measured with -Xlog:gc: live heap 184 MB after standardising, 371 MB while the broadcast
 * exists (data + serialized pieces: two copies, as argued above), back to ~230 MB after the job
 * destroys it. With -Xmx400m the child already fails while standardising (raw + standardised).
 */
class FashionMnistMemoryTest {
    @TempDir
    Path tmp;

    /** The child JVM: two trials on all of Fashion-MNIST, local[2]; exit code 0 when both train. */
    public static void main(String[] args) throws Exception {
        Dataset raw = FashionMnist.train(FashionMnist.DEFAULT_DIR);
        Dataset data = Standardizer.fit(raw).apply(raw);
        raw = null;
        List<TrialSpec> specs = new ArrayList<>();
        for (double g : new double[] {1.0, 1.2}) {
            specs.add(TrialSpec.builder().activation(Activation.RELU).sizes(784, 16, 10).g(g).lambda(0.01, 0.01)
                    .epochs(1).batchSize(100).seed(1).data(data.id(), data.size()).build());
        }
        SweepPlan plan = new SweepPlan("fashion-1g", "name: fashion-1g\n", CostModel.longestFirst(specs), data);
        RunReport report = SweepRunner.run(plan, args[0], RunOptions.defaults().withMaster("local[2]")
                .withProgress(false).withConf("spark.ui.enabled", "false"));
        System.out.println(report);
        System.exit(report.ok() == 2 ? 0 : 1);
    }

    @Test
    void fullFashionMnistSweepsInOneGigabyteOfHeap() throws IOException, InterruptedException {
        assumeTrue(Files.exists(FashionMnist.DEFAULT_DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-javaagent")) command.add(arg);
        }
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FashionMnistMemoryTest.class.getName());
        String out = tmp.resolve("out").toString();
        command.add(out);
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(170, TimeUnit.SECONDS), "the child JVM did not finish in 170 s");
        String text = Files.readString(log);
        assertEquals(0, child.exitValue(), text);
        assertTrue(text.contains("2 trials: 0 already done, 2 run (2 ok, 0 diverged, 0 failed)"), text);
        assertTrue(!text.contains("OutOfMemoryError"), text);
    }
}
