package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The backward pass, given δ_D = ∂L/∂a_D from {@link Loss}: for d = D..1,
 * {@code ∂L/∂W_d = δ_d h_{d-1}ᵀ}, {@code ∂L/∂b_d = Σ_columns δ_d}, and
 * {@code δ_{d-1} = f'(a_{d-1}) ⊙ W_dᵀ δ_d} (the paper's back-propagation,
 * {@code δ_{d-1} = W̃_d δ_d}). Two {@code sgemm} per layer, both reading W and h in place
 * (transposes are BLAS flags, never copies).
 */
public final class Backward {
    private Backward() { }

    /** Called once per layer, from D down to 1, as soon as layer d's gradient is final and W_d is no longer read. */
    @FunctionalInterface
    public interface LayerDone {
        void layer(int d);
    }

    /** Fills the workspace's gradient and δ_1..δ_D; x, xOff, nb as given to {@link Forward#run}. */
    public static void run(BLAS blas, Network net, float[] params, Workspace ws, float[] x, int xOff, int nb) {
        run(blas, net, params, ws, x, xOff, nb, d -> { });
    }

    /**
     * As {@link #run(BLAS, Network, float[], Workspace, float[], int, int)}, handing each finished
     * layer to {@code done} while its gradient and weights are still in cache (the SGD step fuses
     * its norm and update there instead of two more passes over all parameters).
     */
    public static void run(BLAS blas, Network net, float[] params, Workspace ws, float[] x, int xOff, int nb, LayerDone done) {
        float[] g = ws.gradient;
        for (int d = net.depth(); d >= 1; d--) {
            int rows = net.size(d), cols = net.size(d - 1);
            int delta = ws.offset(d);
            float[] in = d == 1 ? x : ws.activations;
            int inOff = d == 1 ? xOff : ws.offset(d - 1);
            // ∂L/∂W_d (rows × cols) := δ_d (rows × nb) · h_{d-1}ᵀ (nb × cols)
            Blas.sgemm(blas, false, true, rows, cols, nb, 1f, ws.deltas, delta, rows,
                    in, inOff, cols, 0f, g, net.weightOffset(d), rows);
            // ∂L/∂b_d := row sums of δ_d (for d < D summed when δ_d was formed, below)
            if (d == net.depth()) {
                Activation.LINEAR.multiplyByDerivativeAndSumRows(ws.deltas, ws.activations, delta, rows, nb, g, net.biasOffset(d));
            }
            if (d > 1) {
                int below = ws.offset(d - 1);
                // δ_{d-1} (cols × nb) := W_dᵀ (cols × rows) · δ_d (rows × nb), then ⊙ f'(a_{d-1}),
                // and ∂L/∂b_{d-1} := its row sums in the same pass
                Blas.sgemm(blas, true, false, cols, nb, rows, 1f, params, net.weightOffset(d), rows,
                        ws.deltas, delta, rows, 0f, ws.deltas, below, cols);
                net.activation(d - 1).multiplyByDerivativeAndSumRows(ws.deltas, ws.activations, below, cols, nb,
                        g, net.biasOffset(d - 1));
            }
            done.layer(d);
        }
    }
}
