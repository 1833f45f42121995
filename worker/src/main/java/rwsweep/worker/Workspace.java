package rwsweep.worker;

/**
 * Every buffer one trial's training steps need, allocated once for a batch size (no allocation per
 * step): activations and back-propagated errors of every layer, the gradient, and the gathered
 * minibatch. All matrices are column-major with one column per example, packed: layer d's block
 * is (size(d) × batch) with leading dimension size(d). A shorter last batch uses the first
 * columns of each block.
 */
public final class Workspace {
    final Network net;
    final int batch;
    /** h_d for d = 0..D at {@link #offset(int)}; d = 0 holds a gathered input batch. */
    final float[] activations;
    /** δ_d = ∂L/∂a_d for d = 1..D at {@link #offset(int)}. */
    final float[] deltas;
    /** ∂L/∂θ in the flat parameter layout of {@link Network}. */
    final float[] gradient;
    /** Labels of the gathered batch. */
    final int[] labels;
    private final int[] offset;

    public Workspace(Network net, int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        this.net = net;
        this.batch = batch;
        int depth = net.depth();
        offset = new int[depth + 1];
        long total = 0;
        for (int d = 0; d <= depth; d++) {
            offset[d] = (int) total;
            total += (long) net.size(d) * batch;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("activations of " + net + " at batch " + batch + " exceed 2^31 floats");
        }
        activations = new float[(int) total];
        deltas = new float[(int) total];
        gradient = new float[net.parameterCount()];
        labels = new int[batch];
    }

    /** Offset of layer d's (size(d) × batch) block in {@code activations} and {@code deltas}. */
    int offset(int d) { return offset[d]; }

    public int batch() { return batch; }

    public Network network() { return net; }

    /** The gradient of the last backward pass (flat parameter layout); do not write into it. */
    public float[] gradient() { return gradient; }

    /** Output-layer values a_D of the last forward pass, (size(D) × nb) column-major. */
    public float[] outputs(int nb) {
        float[] out = new float[net.outputs() * nb];
        System.arraycopy(activations, offset[net.depth()], out, 0, out.length);
        return out;
    }

    /** Frobenius norm of δ_d over the last batch of nb examples (init diagnostics). */
    double deltaNorm(int d, int nb) {
        double sum = 0;
        for (int i = offset[d], end = offset[d] + net.size(d) * nb; i < end; i++) {
            sum += (double) deltas[i] * deltas[i];
        }
        return Math.sqrt(sum);
    }
}
