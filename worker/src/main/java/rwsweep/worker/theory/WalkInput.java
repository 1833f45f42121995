package rwsweep.worker.theory;

import java.util.Optional;
import rwsweep.worker.data.Dataset;

/**
 * What drives the net of a walk: a unit-variance Gaussian vector (the paper's Figure 2 set-up,
 * x ~ N(0, I)), or the examples of a (standardised) training set, net r getting example r mod n —
 * the input of the net being trained, whose early tanh layers it saturates (paper.md).
 */
public final class WalkInput {
    private final Dataset data; // null: Gaussian

    private WalkInput(Dataset data) {
        this.data = data;
    }

    /** x ~ N(0, I) of the net's input size. */
    public static WalkInput gaussian() {
        return new WalkInput(null);
    }

    /** The examples of {@code data}, in order. */
    public static WalkInput sample(Dataset data) {
        return new WalkInput(java.util.Objects.requireNonNull(data, "data"));
    }

    /** The data set, or empty for the Gaussian input. */
    public Optional<Dataset> data() { return Optional.ofNullable(data); }

    /** "gaussian", or "data:ID" with the data's identity. */
    public String label() {
        return data == null ? "gaussian" : "data:" + data.id();
    }

    @Override
    public String toString() { return label(); }
}
