package rwsweep.worker.spec;

/** How a trial ended. A trial's outcome is always a result, never an exception. */
public enum TrialStatus {
    /** Trained for every epoch. */
    OK,
    /** A loss or gradient became NaN or infinite; training stopped at that epoch. */
    DIVERGED,
    /** The trial threw (bad spec, out of memory, a bug); the message is kept with the result. */
    FAILED,
    /**
     * Stopped early by the sweep's pruning rule (sweep-file key prune): its curve up to the epoch it
     * was stopped at is kept, but its error is not a trained value and never counts as one.
     */
    PRUNED
}
