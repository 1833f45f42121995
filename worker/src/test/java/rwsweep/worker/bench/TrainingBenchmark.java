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
 * Training throughput of one trial on one core: minibatch-100 (or --batch) SGD steps of tanh nets on the 10,000
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
 * <p>Gradient clipping (part of the paper's training protocol) changes the step's last pass, so
 * each net is measured in the clip modes asked for: {@code off} (no clipping, the default of a trial),
 * {@code armed} (a clip threshold far above the gradient norm: what an ordinary trial of a sweep with
 * {@code clip:} pays) and {@code every} (a threshold far below it, so every step is clipped: the
 * far-g trials), or a threshold of one's own ({@code --clip 1}: PyTorch's protocol in
 * {@code bench/pytorch_mlp.py}). The column {@code clipped} is the share of timed steps that were
 * clipped.
 *
 * <p>Usage: {@code TrainingBenchmark [--configs 32x128,128x64,...] [--clip off,armed,every,C] [--reps 5]
 * [--seconds 1.0] [--backend native|java|all] [--batch 100] [--csv]}; {@code deploy/bench.sh} runs it with the
 * project's JVM flags.
 */
public final class TrainingBenchmark {
    static final String DEFAULT_CONFIGS = "32x128,128x64,1000x64,8x256,32x512";
    /** The minibatch of every measured step: 100, or --batch (set once, before anything is measured). */
    private static int batch = 100;
    static final String DEFAULT_CLIP = "off,armed,every";

    /** How a measured step clips: a mode's name and the threshold it hands to {@link Sgd}. */
    record ClipMode(String label, double clipNorm) {
        static ClipMode parse(String s) {
            String name = s.trim();
            return switch (name) {
                case "off" -> new ClipMode(name, Double.POSITIVE_INFINITY);
                case "armed" -> new ClipMode(name, 1e30);  // a clip no gradient of these nets reaches
                case "every" -> new ClipMode(name, 1e-3);  // below the gradient norm of every step of these nets
                default -> {
                    try {
                        yield new ClipMode(name, Double.parseDouble(name));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--clip takes off, armed, every or a threshold, got " + s);
                    }
                }
            };
        }
    }

    private TrainingBenchmark() { }

    /** One measured configuration. */
    record Row(String backend, String coreType, String tanh, int depth, int width, ClipMode clip, double clippedShare,
               double examplesPerSecond, double noise, double gflops, double peakGflops, double shapeGflops,
               double bytesPerStep) {
        double shareOfPeak() { return gflops / peakGflops; }
        double shareOfShapes() { return gflops / shapeGflops; }
    }

    public static void main(String[] args) {
        String configs = DEFAULT_CONFIGS;
        String clips = DEFAULT_CLIP;
        int reps = 5;
        double seconds = 1.0;
        String backend = "native";
        boolean csvOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--configs" -> configs = args[++i];
                case "--clip" -> clips = args[++i];
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--backend" -> backend = args[++i];
                case "--csv" -> csvOnly = true;
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--probe" -> { // load the backend and exit: OPENBLAS_VERBOSE=2 then prints its core
                    Blas.nativeBackend();
                    return;
                }
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: TrainingBenchmark [--configs DxN,...] [--clip off,armed,every] [--reps R] [--seconds S] [--backend native|java|all] [--batch B] [--csv]");
                    System.exit(2);
                }
            }
        }
        List<ClipMode> modes = new ArrayList<>();
        for (String m : clips.split(",")) modes.add(ClipMode.parse(m));
        Dataset raw = MnistSample.load();
        Dataset data = Standardizer.fit(raw).apply(raw);
        List<Row> rows = new ArrayList<>();
        for (BLAS blas : backends(backend)) {
            double peak = sgemmPeak(blas, reps);
            for (String config : configs.split(",")) {
                String[] dn = config.trim().split("x");
                int depth = Integer.parseInt(dn[0]), width = Integer.parseInt(dn[1]);
                double shapes = shapeCeiling(blas, Network.classifier(data.dim(), width, depth, data.classes(), Activation.TANH), reps, seconds);
                // the modes of one net back to back, so that they see the same machine load
                for (ClipMode mode : modes) {
                    rows.add(measure(blas, data, depth, width, mode, reps, seconds, peak, shapes));
                    if (!csvOnly) System.err.printf(Locale.ROOT, "measured %s D=%d N=%d clip %s%n",
                            blas.getClass().getSimpleName(), depth, width, mode.label());
                }
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

    static Row measure(BLAS blas, Dataset data, int depth, int width, ClipMode clip, int reps, double seconds,
                       double peak, double shapeGflops) {
        Network net = Network.classifier(data.dim(), width, depth, data.classes(), Activation.TANH);
        TrialSpec spec = TrialSpec.builder().activation(Activation.TANH).sizes(net.sizes()).init(InitScheme.GAUSSIAN)
                .g(1.13).lambda(1e-3, 1e-3).epochs(1).batchSize(batch).seed(1).data(data.id(), data.size()).build();
        float[] params = new float[net.parameterCount()];
        Init.initialize(spec, net, params, new SplittableRandom(1));
        Sgd sgd = new Sgd(blas, net, params, batch, LearningRates.initial(spec), clip.clipNorm());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;

        // Warm-up: JIT, caches, and an estimate of the steps that fill `seconds`.
        long t0 = System.nanoTime();
        int warm = 0;
        while (System.nanoTime() - t0 < 1e9 * Math.max(0.5, seconds) || warm < 3) {
            sgd.step(data, order, (warm * batch) % data.size(), batch);
            warm++;
        }
        double perStep = (System.nanoTime() - t0) / 1e9 / warm;
        int steps = Math.max(3, (int) (seconds / perStep));

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        double[] rates = new double[reps];
        int first = 0;
        long clipped = 0;
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                sgd.step(data, order, first, batch);
                if (sgd.lastGradientNorm() > clip.clipNorm()) clipped++;
                first = (first + batch) % data.size();
            }
            rates[r] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
        }
        double bytesPerStep = (double) (threads.getCurrentThreadAllocatedBytes() - allocated0) / (reps * steps);
        Arrays.sort(rates);
        double median = rates[reps / 2];
        double noise = (rates[reps - 1] - rates[0]) / median;
        double gflops = median * (double) net.stepFlopsPerExample() / 1e9;
        return new Row(blas.getClass().getSimpleName(), Blas.coreType(), Activation.tanhPath(), depth, width, clip,
                (double) clipped / (reps * steps), median, noise, gflops, peak, shapeGflops, bytesPerStep);
    }

    /**
     * GFLOP/s of the matrix products of one training step alone — per layer W·h (forward), δ·hᵀ
     * (weight gradient) and Wᵀ·δ (input gradient, d ≥ 2), at this net's shapes and the measured
     * batch, in the step's order (forward up, then backward down) on buffers laid out as the
     * step's are: every layer's activations and deltas of their own, kept for the backward pass —
     * the ceiling a trainer calling this BLAS can reach; the rest of a step is the trainer's
     * overhead. (One buffer reused by every layer stays in cache and overstates it: measured at
     * 128 × 64, 80-83 GFLOP/s against 70-73 on per-layer buffers.)
     */
    static double shapeCeiling(BLAS blas, Network net, int reps, double seconds) {
        int depth = net.depth();
        int[] offset = new int[depth + 1];   // h_d and δ_d at offset[d] · batch, h_0 the input
        for (int d = 1; d <= depth; d++) offset[d] = offset[d - 1] + net.size(d - 1);
        float[] w = new float[net.parameterCount()];
        float[] h = new float[(offset[depth] + net.size(depth)) * batch], delta = new float[h.length];
        float[] grad = new float[net.parameterCount()];
        SplittableRandom random = new SplittableRandom(3);
        // W_d ~ N(0, 1/fan_in): the products keep h and δ near unit size through every layer (a linear
        // net's random walk, paper.md "Model"). A fixed small scale shrank them geometrically into
        // subnormal floats past a few dozen layers at N = 64, which Intel cores multiply ~100x slower
        // (the ceiling then read 3 GFLOP/s at 128 × 64 on a Xeon; AMD's cores hid it).
        for (int d = 1; d <= depth; d++) {
            double scale = 1 / Math.sqrt(net.size(d - 1));
            for (int i = net.weightOffset(d); i < net.biasOffset(d); i++) w[i] = (float) (scale * random.nextGaussian());
        }
        for (int i = 0; i < h.length; i++) { h[i] = (float) random.nextGaussian(); delta[i] = (float) random.nextGaussian(); }
        Runnable step = () -> {
            for (int d = 1; d <= depth; d++) {
                int rows = net.size(d), cols = net.size(d - 1), wOff = net.weightOffset(d);
                Blas.sgemm(blas, false, false, rows, batch, cols, 1f, w, wOff, rows, h, offset[d - 1] * batch, cols,
                        0f, h, offset[d] * batch, rows);
            }
            for (int d = depth; d >= 1; d--) {
                int rows = net.size(d), cols = net.size(d - 1), wOff = net.weightOffset(d);
                Blas.sgemm(blas, false, true, rows, cols, batch, 1f, delta, offset[d] * batch, rows, h, offset[d - 1] * batch, cols,
                        0f, grad, wOff, rows);
                if (d > 1) Blas.sgemm(blas, true, false, cols, batch, rows, 1f, w, wOff, rows, delta, offset[d] * batch, rows,
                        0f, delta, offset[d - 1] * batch, cols);
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
            best = Math.max(best, steps * batch * (double) net.stepFlopsPerExample() / (System.nanoTime() - start));
        }
        return best;
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
        System.out.printf(Locale.ROOT, "%-11s %-16s %-6s %5s %5s %-5s %7s %12s %7s %8s %8s %7s %9s %8s %7s%n",
                "backend", "coretype", "tanh", "D", "N", "clip", "clipped", "examples/s", "noise", "GFLOP/s", "peak", "share",
                "at shapes", "share", "B/step");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-11s %-16s %-6s %5d %5d %-5s %6.0f%% %12.0f %6.1f%% %8.1f %8.1f %6.0f%% %9.1f %7.0f%% %7.0f%n",
                    r.backend, r.coreType, r.tanh, r.depth, r.width, r.clip.label(), 100 * r.clippedShare,
                    r.examplesPerSecond, 100 * r.noise,
                    r.gflops, r.peakGflops, 100 * r.shareOfPeak(), r.shapeGflops, 100 * r.shareOfShapes(), r.bytesPerStep);
        }
        System.out.println("peak: single-thread sgemm 1024³; at shapes: the step's own sgemm calls alone (batch " + batch + ")");
        System.out.println();
    }

    private static void printCsv(List<Row> rows) {
        System.out.println("backend,coretype,tanh,depth,width,clip,clipped_share,examples_per_s,noise,gflops,peak_gflops,"
                + "share_of_peak,shape_gflops,share_of_shapes,bytes_per_step");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%s,%.4f,%.1f,%.4f,%.2f,%.2f,%.4f,%.2f,%.4f,%.0f%n", r.backend, r.coreType,
                    r.tanh, r.depth, r.width, r.clip.label(), r.clippedShare, r.examplesPerSecond, r.noise, r.gflops, r.peakGflops, r.shareOfPeak(),
                    r.shapeGflops, r.shareOfShapes(), r.bytesPerStep);
        }
    }
}
