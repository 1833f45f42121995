package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import java.io.Serializable;
import java.util.List;
import rwsweep.driver.store.TrialCheckpoints;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.TrialStatus;

/**
 * What one kind of sweep runs, item by item in its Spark tasks: training trials ({@link TrialWork}) or
 * random-walk points ({@link WalkWork}). The job, the runner and the progress bar are the same for
 * both; this says how an executor runs an item, how its result is recorded, and what the driver
 * reads off it. Serializable: it travels inside the task function.
 *
 * @param <S> the item (a spec)
 * @param <R> its result
 */
interface SweepWork<S, R> extends Serializable {
    /** "trials" or "walk points": how logs and the progress bar name the items. */
    String noun();

    Class<R> resultClass();

    String key(S spec);

    /** The item's cost in the work's own unit (FLOPs, net-layer-units), for longest-first order and the ETA. */
    double cost(S spec);

    /** How many cost units one core does per second before any item has finished. */
    double defaultRate();

    /**
     * This work with its costs measured for the items {@code todo} on this machine (from the
     * finished items in {@code store}, or a short probe before the job, as many at once as
     * {@code cores} will run), or this work itself when its cost model has nothing to measure.
     */
    default SweepWork<S, R> calibrated(List<S> todo, ResultStore store, Dataset data, int cores) {
        return this;
    }

    /** Runs the item on this core; an item that throws is a FAILED result, never an exception. */
    R run(S spec, Dataset data);

    /**
     * Runs the item as {@link #run(Object, Dataset)}, resuming from and saving its state in
     * {@code checkpoints} if this work saves any ({@link #checkpoints()}); {@code tag} names this
     * task attempt's temp files.
     */
    default R run(S spec, Dataset data, TrialCheckpoints checkpoints, String tag) {
        return run(spec, data);
    }

    /** Whether items of this work save their state while they run (removed once their record lands). */
    default boolean checkpoints() {
        return false;
    }

    /**
     * Whether {@code result} is an outcome to record; false for a trial paused at a pruning rung
     * ({@link RungWork}), whose saved state stays for the next rung instead.
     */
    default boolean durable(R result) {
        return true;
    }

    /** The FAILED result of an item that could not run here, with the cause's message. */
    R failed(S spec, Throwable cause);

    String resultKey(R result);

    TrialStatus status(R result);

    double wallSeconds(R result);

    /** The share of the item's cost the result's wall time paid for (a diverged trial stops early). */
    double shareRun(S spec, R result);

    /** The durable record of the result: one JSON line of its store's columns. */
    String record(R result, String sweepName, String finishedAt);

    /** The result of a record {@link #record} wrote (a retried task reads back what it finished). */
    R fromRecord(String line) throws java.io.IOException;
}
