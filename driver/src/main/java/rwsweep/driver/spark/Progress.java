package rwsweep.driver.spark;

import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.NumberText;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * The console's view of a running sweep: items (trials, or random-walk points) done of total,
 * running, diverged, failed, and an ETA from the cost model.
 *
 * <p>ETA: with r the measured rate of one core (total cost ÷ total wall seconds of the items
 * finished so far that ran — GFLOP/s for trials, {@link CostModel#DEFAULT_GFLOPS_PER_CORE} before
 * the first) and c cores, the items left take at least max(Σ cost_left ÷ (r·c), max cost_left ÷ r)
 * seconds: the cores share the work, and no item splits across cores.
 *
 * <p>Shown as a bar on a terminal; where nobody watches a terminal (a driver log on a cluster, CI,
 * {@code nohup}) as plain lines instead — no carriage returns, no colour codes — one at every
 * tenth of the trials done and one at least every {@link #LINE_INTERVAL_SECONDS} seconds between.
 *
 * <p>Driven from the driver: {@link #listener()} counts task starts and ends (Spark's listener
 * bus), {@link #finished} each result as it arrives. Thread-safe: both run on Spark threads.
 */
final class Progress implements AutoCloseable {
    /** How a run shows its progress. */
    enum Display {
        /** A bar redrawn in place: for a terminal. */
        BAR,
        /** Plain lines: for logs. */
        LINES,
        /** Counting only (--no-progress, or nothing to run). */
        NONE;

        /** A bar on a terminal, lines otherwise; none when progress is off. */
        static Display choose(boolean progress) {
            return !progress ? NONE : System.console() != null ? BAR : LINES;
        }
    }

    static final int LINE_INTERVAL_SECONDS = 60;
    /** The displays drawing now, so a stopping process can end them all ({@link #stopAll}). */
    private static final Set<Progress> SHOWING = ConcurrentHashMap.newKeySet();
    /** Set once the process is stopping: no display draws again. */
    private static volatile boolean stopping;
    private final Map<String, Double> flopsLeft = new HashMap<>();   // cost left by key, in the work's unit
    private final int cores;
    private final double defaultRate;   // cost units per second of one core before any item finished
    private final String noun;          // "trials", "walk points"
    private final int total;
    private final int skipped;
    private final ProgressBar bar;    // BAR only
    private final PrintStream lines;  // LINES only
    private final ScheduledExecutorService ticker; // LINES only: the line between milestones
    private int printedTenths;        // LINES: the last tenth of total printed
    private double remaining;         // Σ flops of the trials not finished
    private double trainedFlops;      // Σ flops of the finished trials that trained (not FAILED)
    private double trainedSeconds;    // their Σ wall seconds
    private int done;
    private int running;
    private StatusCounts counts = StatusCounts.NONE;
    private boolean closed;

    /**
     * @param todo    the trials this run trains
     * @param skipped trials of the plan already done (the bar starts there)
     * @param cores   cores running trials at once
     * @param display bar, lines or nothing
     * @param lines   where lines go (LINES only)
     */
    Progress(List<TrialSpec> todo, int skipped, int cores, Display display, PrintStream lines) {
        this(todo, TrialWork.INSTANCE, skipped, cores, display, lines);
    }

    /** The progress of {@code todo}, items of {@code work}; the other arguments as for trials. */
    <S> Progress(List<S> todo, SweepWork<S, ?> work, int skipped, int cores, Display display, PrintStream lines) {
        this.cores = Math.max(1, cores);
        this.total = skipped + todo.size();
        this.skipped = skipped;
        this.defaultRate = work.defaultRate();
        this.noun = work.noun();
        for (S spec : todo) {
            double f = work.cost(spec);
            flopsLeft.put(work.key(spec), f);
            remaining += f;
        }
        this.bar = display == Display.BAR
                ? new ProgressBarBuilder().setTaskName(noun).setInitialMax(skipped + todo.size())
                        .setUpdateIntervalMillis(1000).startsFrom(skipped, Duration.ZERO)
                        .setEtaFunction(state -> Optional.of(Duration.ofMillis(Math.round(etaSeconds() * 1000))))
                        .build()
                : null;
        if (bar != null) bar.setExtraMessage(extraMessage());
        this.lines = display == Display.LINES ? lines : null;
        if (this.lines != null) {
            printLine();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "rwsweep-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::printLine, LINE_INTERVAL_SECONDS, LINE_INTERVAL_SECONDS, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
        if (display != Display.NONE) SHOWING.add(this);
    }

    /** As above, lines (if any) to stderr, where the bar goes too. */
    Progress(List<TrialSpec> todo, int skipped, int cores, Display display) {
        this(todo, skipped, cores, display, System.err);
    }

    /** As above for any work, lines (if any) to stderr. */
    <S> Progress(List<S> todo, SweepWork<S, ?> work, int skipped, int cores, Display display) {
        this(todo, work, skipped, cores, display, System.err);
    }

    /** A listener counting running tasks; add it to the SparkContext for the run. */
    SparkListener listener() {
        return new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart taskStart) {
                synchronized (Progress.this) { running++; }
                redraw();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                synchronized (Progress.this) { running = Math.max(0, running - 1); }
                redraw();
            }
        };
    }

    /** Counts one finished trial and recalibrates the GFLOP/s from it. */
    void finished(TrialResult result) {
        finished(result.key(), result.status(), result.wallSeconds(), TrialWork.INSTANCE.shareRun(result.spec(), result));
    }

    /**
     * Counts one finished item and recalibrates the rate from it; {@code share} is the part of
     * its cost its wall time paid for (a diverged trial stopped early: only the epochs it ran).
     */
    void finished(String key, TrialStatus status, double wallSeconds, double share) {
        synchronized (this) {
            Double f = flopsLeft.remove(key);
            if (f == null) return;   // not ours, or already counted
            remaining -= f;
            done++;
            counts = counts.plus(status);
            if (status != TrialStatus.FAILED && wallSeconds > 0) {
                trainedFlops += f * share;
                trainedSeconds += wallSeconds;
            }
        }
        if (bar != null) bar.step();
        redraw();
        if (lines != null) {
            boolean milestone;
            synchronized (this) {
                int tenths = (skipped + done) * 10 / Math.max(1, total);
                milestone = tenths > printedTenths;
                if (milestone) printedTenths = tenths;
            }
            if (milestone) printLine();
        }
    }

    /** One plain line: "trials 45/112 done, running 2, diverged 3, failed 0, ETA 0:01:05". */
    synchronized String line() {
        return noun + " " + (skipped + done) + "/" + total + " done, " + extraMessage() + ", ETA " + NumberText.clock(etaSeconds());
    }

    private void printLine() {
        if (stopping) return;
        String line = line();
        lines.println(line);
        lines.flush();
    }

    /** GFLOP/s of one core: measured on finished trials, else the cost model's default. */
    synchronized double gflopsPerCore() {
        return (trainedSeconds > 0 && trainedFlops > 0 ? trainedFlops / trainedSeconds : defaultRate) / 1e9;
    }

    /** Seconds until the trials left are done, by the bound in the class comment. */
    synchronized double etaSeconds() {
        if (flopsLeft.isEmpty()) return 0;
        double rate = gflopsPerCore() * 1e9;
        double longest = flopsLeft.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return Math.max(remaining / (rate * cores), longest / rate);
    }

    synchronized int done() { return done; }
    synchronized int running() { return running; }
    /** The finished items by status. */
    synchronized StatusCounts counts() { return counts; }

    private synchronized String extraMessage() {
        return "running " + running + ", diverged " + counts.diverged() + ", failed " + counts.failed()
                + (counts.pruned() > 0 ? ", pruned " + counts.pruned() : "");
    }

    private void redraw() {
        if (bar != null) bar.setExtraMessage(extraMessage());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        SHOWING.remove(this);
        if (ticker != null) ticker.shutdownNow();
        if (bar != null) bar.close();
    }

    /**
     * Ends every display of this JVM for good — a bar is finished on its line, lines stop — so that
     * what a stopping process prints last is not overdrawn (SIGINT, SIGTERM: see SweepRunner).
     */
    static void stopAll() {
        stopping = true;
        for (Progress p : SHOWING) p.close();
    }
}
