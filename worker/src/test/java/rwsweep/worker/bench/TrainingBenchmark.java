package rwsweep.worker.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import rwsweep.worker.Activation;
import rwsweep.worker.Blas;
import rwsweep.worker.init.Init;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.LearningRates;
import rwsweep.worker.Network;
import rwsweep.worker.Sgd;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.MnistSample;
import rwsweep.worker.data.Standardizer;

/**
 * Training throughput of one trial on one core: minibatch-100 SGD steps of tanh nets on the 10,000
 * bundled MNIST digits (issue 5's protocol), side by side with the single-thread sgemm peak of the
 * same BLAS backend measured in the same run. Prints a table and CSV.
 *
 * <p>What it measures: examples per second of training steps (gather, forward, loss, backward,
 * clip, update — no evaluation passes), the matrix-product GFLOP/s that implies (forward, weight
 * gradient, and input gradient of every layer but the first, which needs none), their share of the
 * sgemm peak (square 1024³ products), their share of the same products at this net's own shapes
 * timed alone ({@link #shapeCeiling}), and bytes allocated per step. Warm-up first; the median of
 * several repetitions, with their spread as the noise.
 *
 * <p>Usage: {@code TrainingBenchmark [--configs 32x128,128x64,...] [--reps 5] [--seconds 1.0]
 * [--backend native|java|all] [--csv]}; {@code deploy/bench.sh} runs it with the project's JVM flags.
 */
public final class TrainingBenchmark {
    static final String DEFAULT_CONFIGS = "32x128,128x64,1000x64,8x256,32x512";
    static final int BATCH = 100;

    private TrainingBenchmark() { }

    /** One measured configuration. */
    record Row(String backend, String coreType, String tanh, int depth, int width, double examplesPerSecond,
               double noise, double gflops, double peakGflops, double shapeGflops, double bytesPerStep) {
        double shareOfPeak() { return gflops / peakGflops; }
        double shareOfShapes() { return gflops / shapeGflops; }
    }

    public static void main(String[] args) {
        String configs = DEFAULT_CONFIGS;
        int reps = 5;
        double seconds = 1.0;
        String backend = "native";
        boolean csvOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--configs" -> configs = args[++i];
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--backend" -> backend = args[++i];
                case "--csv" -> csvOnly = true;
                case "--probe" -> { // load the backend and exit: OPENBLAS_VERBOSE=2 then prints its core
                    Blas.nativeBackend();
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: TrainingBenchmark [--configs DxN,...] [--reps R] [--seconds S] [--backend native|java|all] [--csv]");
                    System.exit(2);
                }
            }
        }
        Dataset raw = MnistSample.load();
        Dataset data = Standardizer.fit(raw).apply(raw);
        List<Row> rows = new ArrayList<>();
        for (BLAS blas : backends(backend)) {
            double peak = sgemmPeak(blas, reps);
            for (String config : configs.split(",")) {
                String[] dn = config.trim().split("x");
                rows.add(measure(blas, data, Integer.parseInt(dn[0]), Integer.parseInt(dn[1]), reps, seconds, peak));
                if (!csvOnly) System.err.printf(Locale.ROOT, "measured %s D=%s N=%s%n", blas.getClass().getSimpleName(), dn[0], dn[1]);
            }
        }
        if (!csvOnly) printTable(rows);
        printCsv(rows);
    }

    private static List<BLAS> backends(String which) {
        return switch (which) {
            case "native" -> List.of(Blas.nativeBackend().orElseThrow(() ->
                    new IllegalStateException("native BLAS did not load: install libopenblas0-pthread, or use --backend java")));
            case "java" -> List.of(Blas.javaBackend());
            case "all" -> Blas.available();
            default -> throw new IllegalArgumentException("--backend must be native, java or all, got " + which);
        };
    }

    static Row measure(BLAS blas, Dataset data, int depth, int width, int reps, double seconds, double peak) {
        Network net = Network.classifier(data.dim(), width, depth, data.classes(), Activation.TANH);
        TrialSpec spec = TrialSpec.builder().activation(Activation.TANH).sizes(net.sizes()).init(InitScheme.GAUSSIAN)
                .g(1.13).lambda(1e-3, 1e-3).epochs(1).batchSize(BATCH).seed(1).data(data.id(), data.size()).build();
        float[] params = new float[net.parameterCount()];
        Init.initialize(spec, net, params, new SplittableRandom(1));
        Sgd sgd = new Sgd(blas, net, params, BATCH, LearningRates.initial(spec), 1.0);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;

        // Warm-up: JIT, caches, and an estimate of the steps that fill `seconds`.
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 1e9 * Math.max(0.5, seconds) || warm < 3) {
            sgd.step(data, order, (warm * BATCH) % data.size(), BATCH);
            warm++;
        }
        double perStep = (System.nanoTime() - t0) / 1e9 / warm;
        int steps = Math.max(3, (int) (seconds / perStep));

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        double[] rates = new double[reps];
        int first = 0;
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                sgd.step(data, order, first, BATCH);
                first = (first + BATCH) % data.size();
            }
            rates[r] = (double) steps * BATCH / ((System.nanoTime() - start) / 1e9);
        }
        double bytesPerStep = (double) (threads.getCurrentThreadAllocatedBytes() - allocated0) / (reps * steps);
        Arrays.sort(rates);
        double median = rates[reps / 2];
        double noise = (rates[reps - 1] - rates[0]) / median;
        double gflops = median * flopsPerExample(net) / 1e9;
        return new Row(blas.getClass().getSimpleName(), Blas.coreType(), Activation.tanhPath(), depth, width,
                median, noise, gflops, peak, shapeCeiling(blas, net, reps, seconds), bytesPerStep);
    }

    /**
     * GFLOP/s of the matrix products of one training step alone — per layer W·h (forward), δ·hᵀ
     * (weight gradient) and Wᵀ·δ (input gradient, d ≥ 2), at this net's shapes and batch 100 — the
     * ceiling a trainer calling this BLAS can reach; the rest of a step is the trainer's overhead.
     */
    static double shapeCeiling(BLAS blas, Network net, int reps, double seconds) {
        int maxWidth = net.maxWidth();
        float[] w = new float[net.parameterCount()];
        float[] h = new float[maxWidth * BATCH], delta = new float[maxWidth * BATCH], out = new float[maxWidth * BATCH];
        float[] grad = new float[net.parameterCount()];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) w[i] = (float) (0.05 * random.nextGaussian());
        for (int i = 0; i < h.length; i++) { h[i] = (float) random.nextGaussian(); delta[i] = (float) random.nextGaussian(); }
        Runnable step = () -> {
            for (int d = 1; d <= net.depth(); d++) {
                int rows = net.size(d), cols = net.size(d - 1), wOff = net.weightOffset(d);
                Blas.sgemm(blas, false, false, rows, BATCH, cols, 1f, w, wOff, rows, h, 0, cols, 0f, out, 0, rows);
                Blas.sgemm(blas, false, true, rows, cols, BATCH, 1f, delta, 0, rows, h, 0, cols, 0f, grad, wOff, rows);
                if (d > 1) Blas.sgemm(blas, true, false, cols, BATCH, rows, 1f, w, wOff, rows, delta, 0, rows, 0f, out, 0, cols);
            }
        };
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 0.3e9 || warm < 3) { step.run(); warm++; }
        int steps = Math.max(3, (int) (seconds / ((System.nanoTime() - t0) / 1e9 / warm)));
        double best = 0;
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) step.run();
            best = Math.max(best, steps * BATCH * flopsPerExample(net) / (System.nanoTime() - start));
        }
        return best;
    }

    /** Matrix-product FLOPs of one training example: 2·n_d·n_{d-1} for forward and weight gradient of every layer, and input gradient for d ≥ 2. */
    static double flopsPerExample(Network net) {
        double flops = 0;
        for (int d = 1; d <= net.depth(); d++) {
            double mac = (double) net.size(d) * net.size(d - 1);
            flops += (d == 1 ? 4 : 6) * mac;
        }
        return flops;
    }

    /** Best GFLOP/s of a single-thread 1024³ sgemm on this backend over several runs. */
    static double sgemmPeak(BLAS blas, int reps) {
        int n = 1024;
        float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < a.length; i++) { a[i] = (float) random.nextGaussian(); b[i] = (float) random.nextGaussian(); }
        double best = 0;
        for (int r = 0; r < reps + 2; r++) {
            long start = System.nanoTime();
            Blas.sgemm(blas, false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            best = Math.max(best, 2.0 * n * n * n / (System.nanoTime() - start));
        }
        return best;
    }

    private static void printTable(List<Row> rows) {
        System.out.printf(Locale.ROOT, "%-11s %-16s %-6s %5s %5s %12s %7s %8s %8s %7s %9s %8s %7s%n",
                "backend", "coretype", "tanh", "D", "N", "examples/s", "noise", "GFLOP/s", "peak", "share",
                "at shapes", "share", "B/step");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-11s %-16s %-6s %5d %5d %12.0f %6.1f%% %8.1f %8.1f %6.0f%% %9.1f %7.0f%% %7.0f%n",
                    r.backend, r.coreType, r.tanh, r.depth, r.width, r.examplesPerSecond, 100 * r.noise,
                    r.gflops, r.peakGflops, 100 * r.shareOfPeak(), r.shapeGflops, 100 * r.shareOfShapes(), r.bytesPerStep);
        }
        System.out.println("peak: single-thread sgemm 1024³; at shapes: the step's own sgemm calls alone (batch 100)");
        System.out.println();
    }

    private static void printCsv(List<Row> rows) {
        System.out.println("backend,coretype,tanh,depth,width,examples_per_s,noise,gflops,peak_gflops,share_of_peak,"
                + "shape_gflops,share_of_shapes,bytes_per_step");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%.1f,%.4f,%.2f,%.2f,%.4f,%.2f,%.4f,%.0f%n", r.backend, r.coreType, r.tanh,
                    r.depth, r.width, r.examplesPerSecond, r.noise, r.gflops, r.peakGflops, r.shareOfPeak(),
                    r.shapeGflops, r.shareOfShapes(), r.bytesPerStep);
        }
    }
}
