package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.UserError;
import java.util.function.Supplier;
import rwsweep.worker.Checkpoint;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.data.Dataset;

/**
 * Trains one stored trial again, here and without Spark, and says whether it reproduces the
 * stored curves bit for bit ({@link TrialResult#sameCurves}). Results are reproducible on the
 * same BLAS backend, OpenBLAS core type and tanh path; the outcome names those of both runs, so a
 * mismatch across machines can be told from a bug.
 *
 * <p>Neither the lookup nor the training starts Spark: the store is read in this JVM
 * ({@link ResultStore#open}), so an unknown key is reported at once. The dataset comes from the caller (the command line rebuilds it from
 * DIR/sweep.yaml), so replay does not depend on sweep-file parsing; it must be the data the trial
 * was trained on, which the trial's data id checks.
 */
public final class Replay {
    private Replay() { }

    /** What a replay found. */
    public static final class Outcome {
        private final TrialResult stored;
        private final TrialResult replayed;

        Outcome(TrialResult stored, TrialResult replayed) {
            this.stored = stored;
            this.replayed = replayed;
        }

        public TrialResult stored() { return stored; }
        public TrialResult replayed() { return replayed; }
        /** Same status, stop epoch and every curve value bit for bit. */
        public boolean reproduced() { return stored.sameCurves(replayed); }

        @Override
        public String toString() {
            return (reproduced() ? "reproduced " : "NOT reproduced ") + stored.key()
                    + "\n  stored:   " + stored + "\n            " + stored.provenance()
                    + "\n  replayed: " + replayed + "\n            " + replayed.provenance();
        }
    }

    /**
     * Replays trial {@code key} of results directory {@code outDir} on {@code data}.
     *
     * @throws UserError when the directory holds no trial {@code key}, or {@code data} is not the
     *                   data the trial was trained on
     */
    public static Outcome replay(String outDir, String key, Supplier<Dataset> data) {
        TrialResult stored = ResultStore.open(outDir).result(key)
                .orElseThrow(() -> new UserError("results directory " + outDir + " holds no trial " + key));
        Dataset d = data.get();
        if (!stored.spec().dataId().isEmpty() && !stored.spec().dataId().equals(d.id())) {
            throw new UserError("trial " + key + " was trained on data " + stored.spec().dataId()
                    + ", but the data given for the replay is " + d + ": replay needs the sweep's own data");
        }
        if (stored.status() == TrialStatus.PRUNED) {
            // a pruned trial is replayed up to the epoch it was stopped after, as its rungs ran it
            TrialResult paused = TrialWork.train(stored.spec(), d, Checkpoint.NONE, stored.stopEpoch());
            return new Outcome(stored, paused.paused() ? paused.pruned(stored.message()) : paused);
        }
        return new Outcome(stored, SweepJob.train(stored.spec(), d));
    }
}
