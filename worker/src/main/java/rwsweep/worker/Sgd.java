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
    private final Loss.Totals batchTotals = new Loss.Totals();
    private double lastGradientNorm;

    /** @param rates λ_d for d = 1..D (index 0 unused), copied; {@code params} is updated in place. */
    public Sgd(BLAS blas, Network net, float[] params, int batch, double[] rates, double clipNorm) {
        this.blas = blas;
        this.net = net;
        this.params = params;
        this.ws = new Workspace(net, batch);
        this.rates = rates.clone();
        this.clipNorm = clipNorm;
    }

    /**
     * One step on examples {@code order[first .. first+nb)}; returns the batch's mean loss. When the
     * loss or the gradient is not finite the parameters are left as they were and the non-finite
     * value is returned (loss) or kept in {@link #lastGradientNorm()}: the caller stops the trial.
     */
    public double step(Dataset data, int[] order, int first, int nb) {
        gather(data, order, first, nb);
        Forward.run(blas, net, params, ws, ws.activations, 0, nb);
        batchTotals.clear();
        Loss.evaluate(net, ws, nb, ws.labels, 0, ws.activations, 0, true, batchTotals);
        Backward.run(blas, net, params, ws, ws.activations, 0, nb);
        double loss = batchTotals.loss / nb;
        lastGradientNorm = globalNorm(ws.gradient);
        if (Double.isFinite(lastGradientNorm) && Double.isFinite(loss)) {
            // Clip by global norm: the step keeps its direction, its length is at most clipNorm.
            double clip = lastGradientNorm > clipNorm ? clipNorm / lastGradientNorm : 1.0;
            update(clip);
        }
        return loss;
    }

    /** Global L2 norm of the last step's gradient (before clipping). */
    public double lastGradientNorm() { return lastGradientNorm; }

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

    private static double globalNorm(float[] gradient) {
        double sum = 0;
        for (float v : gradient) sum += (double) v * v;
        return Math.sqrt(sum);
    }

    /** θ := θ − λ_d · clip · ∂L/∂θ over each layer's weights and biases (contiguous per layer). */
    private void update(double clip) {
        float[] gradient = ws.gradient;
        for (int d = 1; d <= net.depth(); d++) {
            float step = (float) (rates[d] * clip);
            for (int i = net.weightOffset(d), end = net.biasOffset(d) + net.size(d); i < end; i++) {
                params[i] -= step * gradient[i];
            }
        }
    }
}
