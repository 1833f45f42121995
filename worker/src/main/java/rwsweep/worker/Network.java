package rwsweep.worker;

import rwsweep.worker.spec.Task;
import java.util.Arrays;

/**
 * The shape of a feed-forward net: layer sizes, each layer's nonlinearity, the task — and where
 * each layer's parameters sit in one flat {@code float[]} (see {@link Parameters}). No weights here.
 *
 * <p>Depth is counted as in the paper: D weight layers d = 1..D, layer D is the output layer, so a
 * depth-D net has D-1 hidden layers. {@code size(0)} is the input dimension, {@code size(D)} the
 * output dimension.
 *
 * <p>Layout per layer d: W_d, (size(d) × size(d-1)), column-major (leading dimension size(d)),
 * followed by b_d, (size(d)). That is the layout {@code sgemm} reads without any transposing copy.
 */
public final class Network {
    private final int[] sizes;
    private final Activation[] activations; // index d = 1..D; [0] unused
    private final Task task;
    private final int[] weightOffset;       // index d = 1..D
    private final int[] biasOffset;         // index d = 1..D
    private final int parameterCount;

    private Network(int[] sizes, Activation[] activations, Task task) {
        this.sizes = sizes.clone();
        this.activations = activations.clone();
        this.task = task;
        int depth = sizes.length - 1;
        weightOffset = new int[depth + 1];
        biasOffset = new int[depth + 1];
        long offset = 0;
        for (int d = 1; d <= depth; d++) {
            weightOffset[d] = (int) offset;
            offset += (long) sizes[d] * sizes[d - 1];
            biasOffset[d] = (int) offset;
            offset += sizes[d];
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("network has more than 2^31 parameters: " + Arrays.toString(sizes));
            }
        }
        parameterCount = (int) offset;
    }

    /**
     * A classifier: input → D-1 hidden layers of width N with nonlinearity f → softmax output.
     * With D = 1 there is no hidden layer and the width is not used.
     */
    public static Network classifier(int inputs, int width, int depth, int classes, Activation f) {
        requirePositive("inputs", inputs);
        requirePositive("depth", depth);
        requirePositive("classes", classes);
        if (depth > 1) requirePositive("width", width);
        int[] sizes = Architecture.classifierSizes(inputs, width, depth, classes);
        Activation[] acts = new Activation[depth + 1];
        Arrays.fill(acts, f);
        acts[0] = Activation.LINEAR;
        acts[depth] = Activation.LINEAR; // the output layer's f is the loss's (softmax)
        return new Network(sizes, acts, Task.CLASSIFY);
    }

    /**
     * An auto-encoder with explicit layer sizes {@code sizes[0] = sizes[D]} = input dimension.
     * Hidden layers use f, the code layer {@code codeLayer} (1..D-1) is linear, the output is linear.
     */
    public static Network autoencoder(int[] sizes, int codeLayer, Activation f) {
        int depth = sizes.length - 1;
        requirePositive("depth", depth);
        for (int d = 0; d <= depth; d++) requirePositive("size of layer " + d, sizes[d]);
        if (sizes[0] != sizes[depth]) {
            throw new IllegalArgumentException("auto-encoder output size " + sizes[depth] + " differs from input size " + sizes[0]);
        }
        if (depth > 1 && (codeLayer < 1 || codeLayer >= depth)) {
            throw new IllegalArgumentException("code layer " + codeLayer + " must be a hidden layer 1.." + (depth - 1));
        }
        Activation[] acts = new Activation[depth + 1];
        Arrays.fill(acts, f);
        acts[0] = Activation.LINEAR;
        if (depth > 1) acts[codeLayer] = Activation.LINEAR;
        acts[depth] = Activation.LINEAR;
        return new Network(sizes, acts, Task.AUTOENCODE);
    }

    /** A net with explicit sizes and per-layer nonlinearities (index 1..D; the output's is ignored). */
    public static Network of(int[] sizes, Activation[] activations, Task task) {
        if (activations.length != sizes.length) {
            throw new IllegalArgumentException("need one activation per layer 0..D");
        }
        Activation[] acts = activations.clone();
        acts[sizes.length - 1] = Activation.LINEAR;
        return new Network(sizes, acts, task);
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }

    /** D, the number of weight layers (the paper's depth). */
    public int depth() { return sizes.length - 1; }

    /** Units in layer d (0 = input, D = output). */
    public int size(int d) { return sizes[d]; }

    public int inputs() { return sizes[0]; }

    public int outputs() { return sizes[sizes.length - 1]; }

    public int[] sizes() { return sizes.clone(); }

    /** f of layer d (1..D); LINEAR for the output layer and an auto-encoder's code layer. */
    public Activation activation(int d) { return activations[d]; }

    public Task task() { return task; }

    /** Offset of W_d (size(d) × size(d-1), column-major) in the flat parameter array. */
    public int weightOffset(int d) { return weightOffset[d]; }

    /** Offset of b_d (size(d)) in the flat parameter array. */
    public int biasOffset(int d) { return biasOffset[d]; }

    /** Weights and biases of all layers. */
    public int parameterCount() { return parameterCount; }

    /** Widest layer, the size of the workspace's rows. */
    public int maxWidth() {
        int max = 0;
        for (int s : sizes) max = Math.max(max, s);
        return max;
    }

    /**
     * The one FLOP model (the sweep's cost estimates and the training benchmark both count with it):
     * matrix-product FLOPs of one example's forward pass, 2·Σ_d size(d)·size(d−1) — a multiply and
     * an add per weight ({@link Forward}). Bias adds and f are O(size), left out.
     */
    public long forwardFlopsPerExample() {
        long total = 0;
        for (int d = 1; d <= depth(); d++) total += 2L * sizes[d] * sizes[d - 1];
        return total;
    }

    /**
     * Matrix-product FLOPs of one example's training step: the forward pass, the weight gradient
     * δ_d·h_{d−1}ᵀ of every layer and the input gradient W_dᵀ·δ_d of layers 2..D — layer 1 passes
     * none back ({@link Backward}) — each 2·size(d)·size(d−1).
     */
    public long stepFlopsPerExample() {
        long total = 2 * forwardFlopsPerExample();
        for (int d = 2; d <= depth(); d++) total += 2L * sizes[d] * sizes[d - 1];
        return total;
    }

    @Override
    public String toString() {
        return task + " " + Arrays.toString(sizes) + " f=" + activations[Math.min(1, depth())];
    }
}
