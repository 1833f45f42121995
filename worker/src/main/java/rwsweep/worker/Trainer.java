package rwsweep.worker;

import rwsweep.worker.data.Dataset;

/** Trains one network for one trial spec. (Being written: see issue 3.) */
public final class Trainer {
    /** Bump when a change alters any trial's numbers: it is part of every trial key. */
    public static final int NUMERICS_VERSION = 1;

    private Trainer() { }

    public static TrialResult run(TrialSpec spec, Dataset data) {
        throw new UnsupportedOperationException("Trainer.run is being written");
    }
}
