package rwsweep.worker.theory;

/** Where a walk starts: the error δ_D at the output layer (paper §2). */
public enum WalkSource {
    /** A uniformly random unit vector: the paper's set-up for Figures 1 and 2. */
    UNIT,
    /**
     * The gradient of the training loss at the untrained net's output on the example's label:
     * softmax minus one-hot for a classifier (a random label for a Gaussian input), a_D − x for an
     * auto-encoder. What the trainer's step-0 diagnostic back-propagates.
     */
    LOSS
}
