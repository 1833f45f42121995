package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import org.apache.spark.TaskContext;
import rwsweep.driver.store.ResultColumns;
import rwsweep.driver.sweep.CostModel;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.store.TrialCheckpoints;
import rwsweep.worker.Blas;
import rwsweep.worker.Checkpoint;
import rwsweep.worker.Trainer;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * Training trials as sweep work: {@link Trainer#run} per trial, costs in FLOPs ({@link CostModel}),
 * each trial's state saved while it runs when the sweep asks for it (sweep-file key checkpoint).
 */
final class TrialWork implements SweepWork<TrialSpec, TrialResult> {
    private static final Logger LOG = LoggerFactory.getLogger(TrialWork.class);
    /** Trials that save no state. */
    static final TrialWork INSTANCE = new TrialWork(OptionalDouble.empty());

    /** Seconds of training between saves; empty: no saves. (OptionalDouble is not Serializable.) */
    private final double checkpointSeconds;
    private final boolean checkpointing;
    /**
     * Seconds per trial on this machine, for the driver's order and ETA; null: costs in FLOPs at
     * the assumed rate. Transient: executors only run trials.
     */
    private final transient CostModel model;

    private TrialWork(OptionalDouble checkpointSeconds) {
        this(checkpointSeconds.isPresent(), checkpointSeconds.orElse(Double.POSITIVE_INFINITY), null);
    }

    private TrialWork(boolean checkpointing, double checkpointSeconds, CostModel model) {
        this.checkpointing = checkpointing;
        this.checkpointSeconds = checkpointSeconds;
        this.model = model;
    }

    /**
     * The same work, its costs in seconds: from the store's finished trials of the same net shapes
     * where it has them, else by a probe of {@code todo}'s shapes on this core ({@link CostModel#calibrate}).
     */
    @Override
    public TrialWork calibrated(List<TrialSpec> todo, ResultStore store, Dataset data, int cores) {
        CostModel model = CostModel.calibrate(todo, store.results(), data, cores, true);
        LOG.info("cost model: {}", model.calibration());
        return new TrialWork(checkpointing, checkpointSeconds, model);
    }

    /** Trials that save their state every {@code seconds} of training; none when empty. */
    static TrialWork saving(OptionalDouble seconds) {
        return seconds.isPresent() ? new TrialWork(seconds) : INSTANCE;
    }

    @Override public String noun() { return "trials"; }
    @Override public Class<TrialResult> resultClass() { return TrialResult.class; }
    @Override public String key(TrialSpec spec) { return spec.key(); }
    /** Calibrated: estimated seconds; else FLOPs. */
    @Override public double cost(TrialSpec spec) { return model != null ? model.seconds(spec) : CostModel.flops(spec); }
    /** Calibrated: 1 (the estimate's seconds per second); else the assumed FLOP/s. */
    @Override public double defaultRate() { return model != null ? 1.0 : CostModel.DEFAULT_GFLOPS_PER_CORE * 1e9; }

    /**
     * Trains one trial. A trial that throws is a FAILED result carrying the exception's message;
     * its wall time runs to the throw.
     */
    @Override
    public TrialResult run(TrialSpec spec, Dataset data) {
        return train(spec, data, Checkpoint.NONE);
    }

    @Override
    public TrialResult run(TrialSpec spec, Dataset data, TrialCheckpoints checkpoints, String tag) {
        return train(spec, data, checkpointing ? checkpoints.of(spec, checkpointSeconds, tag) : Checkpoint.NONE);
    }

    @Override public boolean checkpoints() { return checkpointing; }

    private static TrialResult train(TrialSpec spec, Dataset data, Checkpoint checkpoint) {
        return train(spec, data, checkpoint, spec.epochs());
    }

    /** Trains one trial up to {@code untilEpoch} ({@link Trainer#run(TrialSpec, Dataset, dev.ludovic.netlib.blas.BLAS, Checkpoint, int)}); a throw is a FAILED result. */
    static TrialResult train(TrialSpec spec, Dataset data, Checkpoint checkpoint, int untilEpoch) {
        long start = System.nanoTime();
        try {
            return Trainer.run(spec, data, Blas.resolve(), checkpoint, untilEpoch);
        } catch (Throwable e) {
            // A task Spark is killing (job cancelled) is not a trial failure: let Spark see the kill.
            TaskContext ctx = TaskContext.get();
            if (ctx != null) ctx.killTaskIfInterrupted();
            return TrialResult.failed(spec, e, (System.nanoTime() - start) * 1e-9, Provenance.here());
        }
    }

    @Override public TrialResult failed(TrialSpec spec, Throwable cause) { return TrialResult.failed(spec, cause, 0, Provenance.here()); }
    @Override public String resultKey(TrialResult result) { return result.key(); }
    @Override public TrialStatus status(TrialResult result) { return result.status(); }
    @Override public double wallSeconds(TrialResult result) { return result.wallSeconds(); }

    /** A diverged trial stopped early: it ran stopEpoch of its epochs. */
    @Override
    public double shareRun(TrialSpec spec, TrialResult result) {
        return CostModel.shareOfCost(result);
    }

    @Override
    public String record(TrialResult result, String sweepName, String finishedAt) {
        return ResultColumns.jsonLine(new ResultColumns.Stored(sweepName, finishedAt, result));
    }

    @Override
    public TrialResult fromRecord(String line) throws java.io.IOException {
        return ResultColumns.fromJsonLine(line).result();
    }

}
