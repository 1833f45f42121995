package rwsweep.worker.spec;

/** What a trial learns: the output layer and loss follow from it (paper.md, "Model"). */
public enum Task {
    /** Softmax output, cross-entropy loss; training error is the fraction misclassified. */
    CLASSIFY,
    /** Linear output reconstructing the input, squared-error loss; training error is the MSE. */
    AUTOENCODE
}
