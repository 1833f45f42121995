package rwsweep.driver.spark;

import java.util.OptionalDouble;
import rwsweep.driver.store.TrialCheckpoints;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * Training trials up to one rung of a pruned sweep ({@link PrunedRun}): each trial resumes from
 * the state it saved at the last rung, trains to epoch {@code untilEpoch} (or its end, if that comes
 * first), saves its state there and comes back {@link TrialResult#paused() paused}. A paused result
 * is not recorded ({@link #durable}); a trial that ended (its last epoch, diverged, failed) is, as
 * in an unpruned sweep. Everything else is {@link TrialWork}'s.
 */
final class RungWork implements SweepWork<TrialSpec, TrialResult> {
    private final int untilEpoch;
    /** Seconds of training between saves between rungs; infinite: at the rungs only. */
    private final double checkpointSeconds;

    /** Trials to epoch {@code untilEpoch} (Integer.MAX_VALUE: to their end), saving also every {@code seconds} if given. */
    RungWork(int untilEpoch, OptionalDouble seconds) {
        this.untilEpoch = untilEpoch;
        this.checkpointSeconds = seconds.orElse(Double.POSITIVE_INFINITY);
    }

    @Override public String noun() { return TrialWork.INSTANCE.noun(); }
    @Override public Class<TrialResult> resultClass() { return TrialResult.class; }
    @Override public String key(TrialSpec spec) { return spec.key(); }
    @Override public double cost(TrialSpec spec) { return TrialWork.INSTANCE.cost(spec); }
    @Override public double defaultRate() { return TrialWork.INSTANCE.defaultRate(); }

    /** Without a place to save, a trial runs to its end: a paused trial must leave its state behind. */
    @Override
    public TrialResult run(TrialSpec spec, Dataset data) {
        return TrialWork.INSTANCE.run(spec, data);
    }

    @Override
    public TrialResult run(TrialSpec spec, Dataset data, TrialCheckpoints checkpoints, String tag) {
        return TrialWork.train(spec, data, checkpoints.of(spec, checkpointSeconds, tag), untilEpoch);
    }

    @Override public boolean checkpoints() { return true; }
    @Override public boolean durable(TrialResult result) { return !result.paused(); }
    @Override public TrialResult failed(TrialSpec spec, Throwable cause) { return TrialWork.INSTANCE.failed(spec, cause); }
    @Override public String resultKey(TrialResult result) { return result.key(); }
    @Override public TrialStatus status(TrialResult result) { return result.status(); }
    @Override public double wallSeconds(TrialResult result) { return result.wallSeconds(); }
    @Override public double shareRun(TrialSpec spec, TrialResult result) { return TrialWork.INSTANCE.shareRun(spec, result); }

    @Override
    public String record(TrialResult result, String sweepName, String finishedAt) {
        return TrialWork.INSTANCE.record(result, sweepName, finishedAt);
    }

    @Override
    public TrialResult fromRecord(String line) throws java.io.IOException {
        return TrialWork.INSTANCE.fromRecord(line);
    }
}
