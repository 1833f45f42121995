package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;
import rwsweep.worker.data.Dataset;

/**
 * One trial's plain minibatch SGD (paper.md, "Training protocol"): its parameters, workspace and
 * per-layer rates, and the step — gather a batch, forward, loss, backward, clip by global norm,
 * update. No allocation per step. {@link Trainer} runs epochs of these; the benchmark times them.
 */
public final class Sgd {
    private final BLAS blas;
    private final Network net;
    private final float[] params;
    private final Workspace ws;
    private final double[] rates;
    private final double clipNorm;
    private final boolean clipping;    // clipNorm is finite
    private final Loss.Totals batchTotals = new Loss.Totals();
    private double lastGradientNorm;
    private double squaredNorm;        // Σ of squared gradient entries of the layers done so far
    private final Backward.LayerDone normAndUpdate = this::normAndUpdate;
    private final Backward.LayerDone normOnly = this::normOnly;

    /** @param rates λ_d for d = 1..D (index 0 unused), copied; {@code params} is updated in place. */
    public Sgd(BLAS blas, Network net, float[] params, int batch, double[] rates, double clipNorm) {
        this.blas = blas;
        this.net = net;
        this.params = params;
        this.ws = new Workspace(net, batch);
        this.rates = rates.clone();
        this.clipNorm = clipNorm;
        this.clipping = clipNorm < Double.POSITIVE_INFINITY;
    }

    /**
     * One step on examples {@code order[first .. first+nb)}; returns the batch's mean loss. When the
     * loss or the gradient is not finite the returned loss or {@link #lastGradientNorm()} says so,
     * the parameters are no longer meaningful, and the caller ends the trial (DIVERGED).
     *
     * <p>Without clipping, each layer's update is applied inside the backward pass as soon as its
     * gradient is final (one pass over hot data instead of two more over all parameters: 10-20% of a
     * step at N ≥ 256). With clipping, the backward pass sums the squares alone and the update
     * θ_d −= λ_d·min(1, clipNorm/‖∇‖)·∇_d follows in one pass once ‖∇‖ is known: the step is
     * computed from the gradient, never as an unclipped step minus its excess, which in float32
     * cancels to garbage (whole layers of exact zeros) when λ‖∇‖ ≫ |θ| — the far-g side of a deep
     * net. The separate pass costs 0-6% of a step (README, "Gradient clipping").
     */
    public double step(Dataset data, int[] order, int first, int nb) {
        gather(data, order, first, nb);
        Forward.run(blas, net, params, ws, ws.activations, 0, nb);
        batchTotals.clear();
        Loss.evaluate(net, ws, nb, ws.labels, 0, ws.activations, 0, true, batchTotals);
        double loss = batchTotals.loss / nb;
        squaredNorm = 0;
        Backward.run(blas, net, params, ws, ws.activations, 0, nb, clipping ? normOnly : normAndUpdate);
        lastGradientNorm = Math.sqrt(squaredNorm);
        if (clipping) update(lastGradientNorm > clipNorm ? clipNorm / lastGradientNorm : 1.0);
        return loss;
    }

    /** Adds layer d's squared gradient to the norm and takes its unclipped step θ_d −= λ_d·∇_d. */
    private void normAndUpdate(int d) {
        squaredNorm += StepKernel.updateAndSquaredNorm(params, ws.gradient, net.weightOffset(d),
                net.biasOffset(d) + net.size(d), (float) rates[d]);
    }

    /** Adds layer d's squared gradient to the norm; the update waits for the global norm (clipping). */
    private void normOnly(int d) {
        squaredNorm += StepKernel.squaredNorm(ws.gradient, net.weightOffset(d), net.biasOffset(d) + net.size(d));
    }

    /** Global L2 norm of the last step's gradient (before clipping). */
    public double lastGradientNorm() { return lastGradientNorm; }

    /** λ_d for d = 1..D (index 0 unused) as they are now, after the decays so far; a copy. */
    public double[] rates() { return rates.clone(); }

    /** Multiplies every layer's rate by {@code factor} (the per-epoch decay). */
    public void decay(double factor) {
        for (int d = 1; d < rates.length; d++) rates[d] *= factor;
    }

    /** Forward passes over the first n examples in order, straight from the data (no copy). */
    public void evaluate(Dataset data, int n, Loss.Totals totals) {
        totals.clear();
        int dim = data.dim();
        for (int first = 0; first < n; first += ws.batch) {
            int nb = Math.min(ws.batch, n - first);
            Forward.run(blas, net, params, ws, data.x(), first * dim, nb);
            Loss.evaluate(net, ws, nb, data.labels(), first, data.x(), first * dim, false, totals);
        }
    }

    /** |δ_d| for d = 1..D (index d-1) of the last step's batch of nb examples. */
    public double[] deltaNorms(int nb) {
        double[] norms = new double[net.depth()];
        for (int d = 1; d <= norms.length; d++) norms[d - 1] = ws.deltaNorm(d, nb);
        return norms;
    }

    public int batch() { return ws.batch; }

    /** Copies examples order[first .. first+nb) into the workspace's input block and labels. */
    private void gather(Dataset data, int[] order, int first, int nb) {
        int dim = data.dim();
        float[] x = data.x();
        int[] labels = data.labels();
        for (int j = 0; j < nb; j++) {
            int example = order[first + j];
            System.arraycopy(x, example * dim, ws.activations, j * dim, dim);
            ws.labels[j] = labels[example];
        }
    }

    /**
     * θ := θ − λ_d · scale · ∂L/∂θ over each layer's weights and biases (contiguous per layer); at
     * scale 1 the same bits as the fused update.
     */
    private void update(double scale) {
        for (int d = 1; d <= net.depth(); d++) {
            StepKernel.update(params, ws.gradient, net.weightOffset(d), net.biasOffset(d) + net.size(d), (float) (rates[d] * scale));
        }
    }
}
