package rwsweep.worker;

import java.util.Optional;

/**
 * Where a running trial saves its state after an epoch and finds it again after a restart, so a
 * killed trial resumes from its last saved epoch and ends with the same numbers, bit for bit, as
 * an uninterrupted run ({@link Trainer#run(rwsweep.worker.spec.TrialSpec, rwsweep.worker.data.Dataset,
 * dev.ludovic.netlib.blas.BLAS, Checkpoint)}). The worker defines what is saved
 * ({@link TrainingState}); where it goes (a file beside the results) is the caller's.
 */
public interface Checkpoint {
    /** Saves nothing and resumes nothing: the trial runs from its start to its end. */
    Checkpoint NONE = new Checkpoint() {
        @Override public Optional<TrainingState> load() { return Optional.empty(); }
        @Override public boolean due(int epoch, int epochs, double seconds) { return false; }
        @Override public void save(TrainingState state) { }
        @Override public void rejected(TrainingState state, String reason) { }
    };

    /** The state an earlier run of this trial saved, if there is one that reads. */
    Optional<TrainingState> load();

    /**
     * Whether to save after {@code epoch} of {@code epochs}, {@code seconds} of this run's training
     * after its start or its last save.
     */
    boolean due(int epoch, int epochs, double seconds);

    /**
     * Keeps {@code state} in place of any saved before it. Its weights are the running trial's own
     * array, not a copy: write them before returning and keep no reference to them.
     */
    void save(TrainingState state);

    /** The loaded {@code state} is not this trial's ({@code reason}): the trial starts from epoch 0. */
    void rejected(TrainingState state, String reason);
}
