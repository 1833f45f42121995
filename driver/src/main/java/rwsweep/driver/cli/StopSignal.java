package rwsweep.driver.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import rwsweep.driver.spark.SweepRunner;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.UserError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM while {@code rwsweep run} runs: one line saying how many trials of the
 * sweep are stored and that running the same command again resumes, then exit 130 or 143 (128 plus
 * the signal's number, as a shell reports a process a signal ended) — instead of the pages of
 * stack traces Spark prints when its context stops under a running job.
 *
 * <p>What happens: the progress display ends on its line, logging goes silent (what Spark's
 * shutdown has to say about the tasks it cuts short is no news: their trials are not stored and a
 * rerun trains them), and {@code System.exit} runs the shutdown hooks in Hadoop's order: Spark
 * stops (new tasks no longer start; a trial finishing in these moments is still recorded, so the
 * count is a floor) and deletes its temporary files; then this class counts the trials stored (at most {@link #COUNT_SECONDS} s,
 * else the line says it could not count) and prints the line to stderr; then the run's lease is
 * released (see the store's Lease) and Hadoop closes its file systems. A second signal while this
 * happens is ignored; SIGKILL ends it at once, and loses nothing either.
 *
 * <p>Only a real process handles signals ({@link #enable()} from {@code Main.main}); tests that
 * call {@code Main.execute} in their own JVM keep the JVM's default.
 */
public final class StopSignal {
    /** Longest the count of stored trials may take (an unreachable HDFS would retry for minutes). */
    static final int COUNT_SECONDS = 10;
    private static final String[] SIGNALS = {"INT", "TERM"};

    private static volatile boolean enabled;
    private static volatile Signal received;

    private StopSignal() { }

    /** Signals are handled from now on (the process's main calls this; in-process callers do not). */
    public static void enable() { enabled = true; }

    /** Whether a stop signal arrived: the command's own failure, which the stop causes, is not reported. */
    public static boolean stopping() { return received != null; }

    /**
     * Returns at once when no stop signal arrived; else never: the handler is ending the process
     * and prints its line first (the command may have ended meanwhile, stopped or finished).
     */
    public static void awaitExit() {
        while (stopping()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // still ending: System.exit is on its way
            }
        }
    }

    /** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM. */
    public static int exitCode() {
        Signal s = received;
        return s == null ? 0 : 128 + s.getNumber();
    }

    /**
     * Runs {@code body} — the run of a sweep into {@code dir} whose items (trials, walk points:
     * {@code noun}) have {@code keys} — with SIGINT and SIGTERM answered as the class comment says.
     */
    static <T> T during(String dir, Collection<String> keys, String noun, PrintWriter err, Supplier<T> body) {
        if (!enabled) return body.get();
        Set<String> planned = new HashSet<>(keys);
        SignalHandler handler = StopSignal::stop;
        SignalHandler[] previous = new SignalHandler[SIGNALS.length];
        for (int i = 0; i < SIGNALS.length; i++) {
            try {
                previous[i] = Signal.handle(new Signal(SIGNALS[i]), handler);
            } catch (IllegalArgumentException ignoredHere) {
                previous[i] = null; // ignored by whoever started this process (nohup, a background job): stays so
            }
        }
        // after Spark's hooks (FileSystem.SHUTDOWN_HOOK_PRIORITY + 30), before the lease's and
        // Hadoop's closing of its file systems (+ 1, + 0), which counting reads through
        Runnable report = () -> {
            Signal signal = received;
            if (signal == null) return; // an exit of another kind
            err.println(line(signal, dir, planned, noun));
            err.flush();
        };
        ShutdownHookManager.get().addShutdownHook(report, FileSystem.SHUTDOWN_HOOK_PRIORITY + 20);
        try {
            return body.get();
        } finally {
            if (!stopping()) {
                for (int i = 0; i < SIGNALS.length; i++) {
                    if (previous[i] != null) Signal.handle(new Signal(SIGNALS[i]), previous[i]);
                }
                try {
                    ShutdownHookManager.get().removeShutdownHook(report);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is stopping for another reason: the hook does nothing then
                }
            }
        }
    }

    private static void stop(Signal signal) {
        synchronized (StopSignal.class) {
            if (received != null) return; // already stopping
            received = signal;
        }
        SweepRunner.stopDisplays();
        silenceLogging();
        silenceStandardError();
        System.exit(exitCode());
    }

    /**
     * "interrupted (SIGTERM): 5 of 12 trials are stored in DIR; run the same command again to
     * resume: stored trials are not run again".
     */
    static String line(Signal signal, String dir, Set<String> planned, String noun) {
        String stored;
        CompletableFuture<Long> count = CompletableFuture.supplyAsync(() -> ResultStore.open(dir).statuses().keySet().stream()
                .filter(planned::contains).count());
        try {
            stored = count.get(COUNT_SECONDS, TimeUnit.SECONDS) + " of " + planned.size() + " " + noun + " are stored in " + dir;
        } catch (ExecutionException e) {
            stored = e.getCause() instanceof UserError
                    ? "none of the " + planned.size() + " " + noun + " is stored yet (" + dir + " holds no results)"
                    : "the " + noun + " finished so far are stored in " + dir + " (counting them failed: " + e.getCause() + ")";
        } catch (TimeoutException e) {
            stored = "the " + noun + " finished so far are stored in " + dir + " (counting them took over " + COUNT_SECONDS + " s)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stored = "the " + noun + " finished so far are stored in " + dir;
        }
        return String.format(Locale.ROOT, "interrupted (SIG%s): %s; run the same command again to resume: stored %s are not run again",
                signal.getName(), stored, noun);
    }

    /**
     * What Spark's threads print themselves while its context stops under a running job (a Scala
     * future's executor rejecting work prints the exception's stack trace straight to
     * {@code System.err}, past any logger) goes nowhere. The one line is still printed: the
     * command's writer holds the process's real standard error, not {@code System.err}.
     */
    private static void silenceStandardError() {
        System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    /** Every logger off: Log4j 2 is Spark's logging, and the one rwsweep configures. */
    private static void silenceLogging() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                    org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, org.apache.logging.log4j.Level.OFF);
        } catch (LinkageError | RuntimeException otherBackend) {
            // another logging backend (an embedding application's): its messages stay
        }
    }
}
