package rwsweep.driver.spark;

import rwsweep.driver.store.WalkColumns;
import rwsweep.driver.sweep.WalkGrid;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.FiniteDepthWalk;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSpec;

/**
 * Random-walk points as sweep work: {@link FiniteDepthWalk#run} per point (which turns a point
 * that cannot be computed into a FAILED result itself); costs in net × layer × unit steps
 * ({@link WalkGrid#cost}).
 */
final class WalkWork implements SweepWork<WalkSpec, WalkResult> {
    static final WalkWork INSTANCE = new WalkWork();

    private WalkWork() { }

    @Override public String noun() { return "walk points"; }
    @Override public Class<WalkResult> resultClass() { return WalkResult.class; }
    @Override public String key(WalkSpec spec) { return spec.key(); }
    @Override public double cost(WalkSpec spec) { return WalkGrid.cost(spec); }
    @Override public double defaultRate() { return WalkGrid.DEFAULT_STEPS_PER_SECOND; }
    @Override public WalkResult run(WalkSpec spec, Dataset data) { return FiniteDepthWalk.run(spec, data); }
    @Override public WalkResult failed(WalkSpec spec, Throwable cause) { return WalkResult.failed(spec, cause, 0, Provenance.here()); }
    @Override public String resultKey(WalkResult result) { return result.key(); }
    @Override public TrialStatus status(WalkResult result) { return result.status(); }
    @Override public double wallSeconds(WalkResult result) { return result.wallSeconds(); }
    @Override public double shareRun(WalkSpec spec, WalkResult result) { return 1.0; }

    @Override
    public String record(WalkResult result, String sweepName, String finishedAt) {
        return WalkColumns.jsonLine(new WalkColumns.Stored(sweepName, finishedAt, result));
    }

    @Override
    public WalkResult fromRecord(String line) throws java.io.IOException {
        return WalkColumns.fromJsonLine(line).result();
    }

    private Object readResolve() { return INSTANCE; }
}
