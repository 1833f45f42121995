package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.init.Init;
import rwsweep.worker.spec.TrialSpec;

/**
 * Times a trial's two kinds of work on this core, for the sweep's cost model: the training step
 * of its minibatch and the forward pass of the per-epoch evaluation, each on the trial's own net,
 * batch size and data, through the same {@link Sgd} the {@link Trainer} runs. What it returns are
 * the matrix-product GFLOP/s those reach ({@link Network}'s FLOP model), so the rate of a probed
 * shape carries over to every trial of that shape whatever its epochs and training size.
 *
 * <p>It is not a benchmark: a few milliseconds per shape, in a JVM whose JIT may still be cold.
 * The first steps run before the clock starts, and the caller warms the code once over all its
 * shapes before it measures any (see the driver's cost model).
 */
public final class StepProbe {
    /**
     * Matrix-product GFLOP/s of the training step and of the evaluation's forward pass, per
     * second of this thread's CPU time, and {@code stretch}: wall seconds per CPU second while
     * they were timed (1 on an idle machine; more where other processes share the cores).
     */
    public record Rates(double stepGflops, double forwardGflops, double stretch) { }

    private StepProbe() { }

    /**
     * Runs training steps of {@code spec}'s net on {@code data} for about half of
     * {@code budgetSeconds} and forward passes for the other half (at least one of each, after
     * one untimed step); returns their GFLOP/s. Each half is timed in chunks and the median chunk
     * counts, each chunk in this thread's CPU time: another process that takes the core for a
     * while (a shared machine) stretches the wall clock, not the speed of the step, and it is the
     * step's speed the cost model wants — the sweep's progress corrects for the load from the
     * trials that finish. A stall of the thread itself falls on some chunks, not on the median;
     * the JIT's warm-up is the caller's ({@link #warmUp}) — a cold chunk runs hundreds of times
     * slower. The parameters are the trial's initial ones, so the arithmetic is that of a
     * real start of training (no denormal or NaN shortcuts).
     */
    public static Rates measure(TrialSpec spec, Dataset data, BLAS blas, double budgetSeconds) {
        Network net = spec.network();
        Start fresh = Start.of(spec, data, blas);
        Sgd sgd = fresh.sgd();
        int n = fresh.order().length;
        int batch = sgd.batch();
        int[] order = fresh.order();
        long half = (long) (budgetSeconds * 0.5e9);
        long chunk = Math.max(1, half / CHUNKS);
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();

        sgd.step(data, order, 0, batch); // untimed: first touch of the workspace and the weights
        int[] first = {0};
        double stepSeconds = medianCallSeconds(half, chunk, () -> {
            if (first[0] + batch > n) first[0] = 0;
            sgd.step(data, order, first[0], batch);
            first[0] += batch;
        });
        // The evaluation goes over the data in blocks of the batch size (Sgd.evaluate): one block a pass.
        Loss.Totals totals = new Loss.Totals();
        double passSeconds = medianCallSeconds(half, chunk, () -> sgd.evaluate(data, batch, totals));
        double stretch = (double) (System.nanoTime() - wallStart) / Math.max(1, THREADS.getCurrentThreadCpuTime() - cpuStart);
        return new Rates(net.stepFlopsPerExample() * batch / stepSeconds * 1e-9,
                net.forwardFlopsPerExample() * batch / passSeconds * 1e-9, Math.max(1, stretch));
    }

    /**
     * Calls {@code call} for about {@code budgetNanos}, in chunks of about {@code chunkNanos} of this
     * thread's CPU time (a chunk also ends after four times that of wall time, so a starved thread
     * still moves on); returns the median over chunks of CPU seconds per call.
     */
    private static double medianCallSeconds(long budgetNanos, long chunkNanos, Runnable call) {
        List<Double> perCall = new ArrayList<>();
        long end = System.nanoTime() + budgetNanos;
        do {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long calls = 0;
            long elapsed;
            do {
                call.run();
                calls++;
                elapsed = THREADS.getCurrentThreadCpuTime() - cpu;
            } while (elapsed < chunkNanos && System.nanoTime() - start < 4 * chunkNanos);
            perCall.add(Math.max(1, elapsed) * 1e-9 / calls);
        } while (System.nanoTime() < end);
        return median(perCall);
    }

    /**
     * Runs {@code steps} untimed training steps and as many one-batch forward passes of
     * {@code spec}'s net: enough calls for the JIT to compile the step's kernels (it compiles a
     * method after some thousands of calls or loop turns; 300 steps of a 16-layer net make them).
     */
    public static void warmUp(TrialSpec spec, Dataset data, BLAS blas, int steps) {
        Start fresh = Start.of(spec, data, blas);
        Sgd sgd = fresh.sgd();
        int n = fresh.order().length;
        int batch = sgd.batch();
        int[] order = fresh.order();
        Loss.Totals totals = new Loss.Totals();
        for (int k = 0, first = 0; k < steps; k++, first += batch) {
            if (first + batch > n) first = 0;
            sgd.step(data, order, first, batch);
            sgd.evaluate(data, batch, totals);
        }
    }

    /** A trial's optimiser at its initial parameters, and the examples in order: what a probe steps through. */
    private record Start(Sgd sgd, int[] order) {
        static Start of(TrialSpec spec, Dataset data, BLAS blas) {
            Network net = spec.network();
            int n = Math.max(1, Math.min(spec.trainSize(), data.size()));
            float[] params = new float[net.parameterCount()];
            Init.initialize(spec, net, params, new SplittableRandom(spec.seed()));
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            return new Start(new Sgd(blas, net, params, Math.min(spec.batchSize(), n), LearningRates.initial(spec), spec.clipNorm()), order);
        }
    }

    private static double median(List<Double> values) {
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : 0.5 * (values.get(n / 2 - 1) + values.get(n / 2));
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Chunks per half of the budget. */
    private static final int CHUNKS = 5;
}
