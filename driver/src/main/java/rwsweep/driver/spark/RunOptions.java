package rwsweep.driver.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link SweepRunner#run} runs a sweep: the Spark master, extra Spark settings
 * ({@code --conf k=v}), whether a results directory of another sweep may be merged into, whether a
 * progress bar is drawn, and whether trials recorded as FAILED are tried again.
 *
 * <p>Immutable; {@link #defaults()} and the {@code with…} methods make copies.
 */
public final class RunOptions {
    /** All cores of this machine, one trial per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    private final String master;
    private final Map<String, String> sparkConf;
    private final boolean merge;
    private final boolean progress;
    private final boolean retryFailed;
    private final boolean rerunPruned;

    private RunOptions(String master, Map<String, String> sparkConf, boolean merge, boolean progress, boolean retryFailed,
                       boolean rerunPruned) {
        this.master = master;
        this.sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        this.merge = merge;
        this.progress = progress;
        this.retryFailed = retryFailed;
        this.rerunPruned = rerunPruned;
    }

    /** local[*], no extra settings, no merge, a progress bar, FAILED trials tried again, PRUNED ones not. */
    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_MASTER, Map.of(), false, true, true, false);
    }

    /**
     * The Spark master URL (local[*], spark://…, yarn, k8s://…). Under spark-submit the master it
     * was given wins: a session that already exists is reused as it is.
     */
    public String master() { return master; }
    /** Extra Spark settings, applied after rwsweep's own (so a user can override them). */
    public Map<String, String> sparkConf() { return sparkConf; }
    /** Allow a results directory that holds another sweep; its results stay and are kept apart by the sweep column. */
    public boolean merge() { return merge; }
    /** Draw a progress bar on the console. */
    public boolean progress() { return progress; }
    /**
     * Run trials recorded as FAILED again (a FAILED trial is a thrown exception — often a bug or
     * out of memory that a later run no longer has). OK and DIVERGED trials are never run twice:
     * their numbers are fixed by their spec.
     */
    public boolean retryFailed() { return retryFailed; }
    /**
     * Run trials recorded as PRUNED again (run --rerun-pruned): by default a rerun keeps them, as
     * their pruning is fixed by the sweep; a sweep file without prune then trains them to the end.
     */
    public boolean rerunPruned() { return rerunPruned; }

    public RunOptions withMaster(String value) {
        return new RunOptions(value, sparkConf, merge, progress, retryFailed, rerunPruned);
    }

    /** Adds (or replaces) one Spark setting. */
    public RunOptions withConf(String key, String value) {
        Map<String, String> conf = new LinkedHashMap<>(sparkConf);
        conf.put(key, value);
        return new RunOptions(master, conf, merge, progress, retryFailed, rerunPruned);
    }

    public RunOptions withMerge(boolean value) {
        return new RunOptions(master, sparkConf, value, progress, retryFailed, rerunPruned);
    }

    public RunOptions withProgress(boolean value) {
        return new RunOptions(master, sparkConf, merge, value, retryFailed, rerunPruned);
    }

    public RunOptions withRetryFailed(boolean value) {
        return new RunOptions(master, sparkConf, merge, progress, value, rerunPruned);
    }

    public RunOptions withRerunPruned(boolean value) {
        return new RunOptions(master, sparkConf, merge, progress, retryFailed, value);
    }

    @Override
    public String toString() {
        return "master=" + master + " conf=" + sparkConf + " merge=" + merge + " progress=" + progress + " retryFailed=" + retryFailed + " rerunPruned=" + rerunPruned;
    }
}
