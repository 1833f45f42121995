package rwsweep.worker;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The forward pass over a whole minibatch: for d = 1..D, {@code h_d = f_d(W_d h_{d-1} + b_d)}
 * (paper.md, "Model"; the gain g is folded into W_d at initialisation). One {@code sgemm} per layer
 * into the output block, then one pass that adds the bias and applies f
 * ({@link Activation#applyWithBias}). The output layer is left linear (a_D): {@link Loss} applies softmax.
 */
public final class Forward {
    private Forward() { }

    /**
     * Runs the net on nb examples: input columns {@code x[xOff ..]}, (size(0) × nb) column-major.
     * Leaves h_d of every layer in the workspace.
     */
    public static void run(BLAS blas, Network net, float[] params, Workspace ws, float[] x, int xOff, int nb) {
        float[] in = x;
        int inOff = xOff;
        for (int d = 1; d <= net.depth(); d++) {
            int rows = net.size(d), cols = net.size(d - 1);
            int out = ws.offset(d);
            float[] h = ws.activations;
            // h_d (rows × nb) := W_d (rows × cols) · h_{d-1} (cols × nb)
            Blas.sgemm(blas, false, false, rows, nb, cols, 1f, params, net.weightOffset(d), rows,
                    in, inOff, cols, 0f, h, out, rows);
            // h_d := f(h_d + b_d), b_d broadcast over the columns
            net.activation(d).applyWithBias(h, out, rows, nb, params, net.biasOffset(d));
            in = h;
            inOff = out;
        }
    }
}
