package rwsweep.driver.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The store's speed without Spark (deploy/bench-store.sh runs it; not a test): compaction of 112
 * records (a quickstart's worth) in a fresh JVM and warm, and of a synthetic store of 100,000
 * trials, whose directory the script then summarises. Records are synthetic but full-sized: a
 * tanh net of depth 8, 10 epochs of curves, provenance as a run writes it.
 *
 * <pre>java -Xmx1g -cp … rwsweep.driver.store.StoreBenchmark OUT_DIR</pre>
 * prints {@code name seconds} lines for the script.
 */
public final class StoreBenchmark {
    private StoreBenchmark() { }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        int big = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        System.out.println(String.format(Locale.ROOT, "compact-112-fresh %.3f", compact(out.resolve("small"), 0, 112)));
        System.out.println(String.format(Locale.ROOT, "compact-112-warm %.3f", compact(out.resolve("small"), 112, 112)));
        System.out.println(String.format(Locale.ROOT, "compact-%d %.3f", big, compact(out.resolve("big"), 0, big)));
        System.gc();
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.println(String.format(Locale.ROOT, "heap-max-mib %d", Runtime.getRuntime().maxMemory() >> 20));
        System.out.println(String.format(Locale.ROOT, "heap-after-mib %d", used >> 20));
        System.out.println("big-dir " + out.resolve("big"));
    }

    /** Lands {@code n} records (trials {@code from}..) in DIR/pending/ as executors do, then times one compaction. */
    private static double compact(Path dir, int from, int n) throws IOException {
        List<TrialResult> results = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) results.add(result(i));
        SweepPlan plan = new SweepPlan("bench", "name: bench\n", List.of(), null);
        try (ResultStore store = ResultStore.claim(dir.toString(), plan, false, new Configuration())) {
            Path pending = Files.createDirectories(dir.resolve("pending"));
            String finishedAt = Instant.now().toString();
            for (TrialResult r : results) {
                // plain writes: making 100,000 files is not what is measured
                Files.writeString(pending.resolve(r.key() + ".json"),
                        ResultColumns.jsonLine(new ResultColumns.Stored("bench", finishedAt, r)), StandardCharsets.UTF_8);
            }
            long start = System.nanoTime();
            store.compact();
            double seconds = (System.nanoTime() - start) * 1e-9;
            if (store.rows().size() != from + n) throw new AssertionError("compacted " + store.rows().size() + " trials");
            return seconds;
        }
    }

    private static TrialResult result(int i) {
        SplittableRandom random = new SplittableRandom(i);
        int depth = 8;
        int[] sizes = new int[depth + 1];
        java.util.Arrays.fill(sizes, 100);
        sizes[0] = 784;
        sizes[depth] = 10;
        TrialSpec spec = TrialSpec.builder().activation(Activation.TANH).sizes(sizes).g(0.5 + (i % 1000) * 0.002)
                .lambda(0.01, 0.05).epochs(10).batchSize(100).seed(1 + i / 1000).data("synthetic-1000", 1000).build();
        double[] error = new double[11];
        double[] loss = new double[11];
        for (int e = 0; e <= 10; e++) {
            error[e] = 0.9 * Math.exp(-0.3 * e) + 0.01 * random.nextDouble();
            loss[e] = 2.3 * Math.exp(-0.25 * e) + 0.01 * random.nextDouble();
        }
        double[] delta = new double[depth];
        for (int d = 0; d < depth; d++) delta[d] = random.nextDouble();
        Provenance p = new Provenance("dev.ludovic.netlib.blas.JNIBLAS", "Haswell", "vector", "node-" + (i % 8),
                "OpenJDK 64-Bit Server VM 17", "Linux amd64", "rwsweep 0.1.0 numerics 1");
        return new TrialResult(spec, TrialStatus.OK, "", 10, error, loss, delta, Math.log(delta[0] / delta[depth - 1]), 1.5, p);
    }
}
