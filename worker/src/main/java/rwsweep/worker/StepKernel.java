package rwsweep.worker;

/**
 * The SGD update of one layer fused with its share of the gradient norm: θ −= λ·∇ over a range,
 * returning Σ∇². It touches every parameter once a step, so it must vectorise: summing squares
 * into a double, as the plain loop would, keeps the JIT from vectorising it (12% of a step at
 * N = 512). The order of summation is fixed — 8 float lanes over chunks of 4096, each chunk's lanes
 * then added in double (the chunk again in double if its lanes overflowed) — so the vector kernel
 * ({@link VectorStepKernel}, used when the vector module is loaded) and the scalar one here give
 * the same bits on every machine and vector width.
 *
 * <p>A clipped step (the paper's training protocol clips large gradients; here by global norm) is
 * θ − λ·min(1, c/‖∇‖)·∇, and ‖∇‖ is known only after the last layer. So with clipping on, the
 * backward pass takes the norm alone ({@link #squaredNorm}, same order, same bits) and the step is
 * one {@link #update} afterwards: never an unclipped step and a correction, whose difference in
 * float32 loses θ whenever λ‖∇‖ ≫ |θ|.
 */
final class StepKernel {
    static final int LANES = 8;
    static final int CHUNK = 4096;

    private StepKernel() { }

    /** θ[i] −= step·∇[i] for i in [from, to); returns Σ∇[i]² in the fixed order above. */
    static double updateAndSquaredNorm(float[] params, float[] grad, int from, int to, float step) {
        return VectorModule.LOADED
                ? VectorStepKernel.updateAndSquaredNorm(params, grad, from, to, step)
                : scalar(params, grad, from, to, step);
    }

    /** Σ∇[i]² for i in [from, to) in the fixed order above, the same bits as {@link #updateAndSquaredNorm}. */
    static double squaredNorm(float[] grad, int from, int to) {
        return VectorModule.LOADED ? VectorStepKernel.squaredNorm(grad, from, to) : scalarNorm(grad, from, to);
    }

    /** θ[i] −= step·∇[i] for i in [from, to): the same bits as {@link #updateAndSquaredNorm}'s update. */
    static void update(float[] params, float[] grad, int from, int to, float step) {
        if (VectorModule.LOADED) VectorStepKernel.update(params, grad, from, to, step);
        else scalarUpdate(params, grad, from, to, step);
    }

    /** The reference order, lane by lane, in plain Java. */
    static double scalar(float[] params, float[] grad, int from, int to, float step) {
        double total = 0;
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            int end = Math.min(to, chunk + CHUNK);
            int bound = chunk + (end - chunk) / LANES * LANES;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int k = chunk; k < bound; k += LANES) {
                float g0 = grad[k], g1 = grad[k + 1], g2 = grad[k + 2], g3 = grad[k + 3];
                float g4 = grad[k + 4], g5 = grad[k + 5], g6 = grad[k + 6], g7 = grad[k + 7];
                a0 += g0 * g0; a1 += g1 * g1; a2 += g2 * g2; a3 += g3 * g3;
                a4 += g4 * g4; a5 += g5 * g5; a6 += g6 * g6; a7 += g7 * g7;
                params[k] -= g0 * step; params[k + 1] -= g1 * step; params[k + 2] -= g2 * step; params[k + 3] -= g3 * step;
                params[k + 4] -= g4 * step; params[k + 5] -= g5 * step; params[k + 6] -= g6 * step; params[k + 7] -= g7 * step;
            }
            double lanes = 0;
            lanes += a0; lanes += a1; lanes += a2; lanes += a3; lanes += a4; lanes += a5; lanes += a6; lanes += a7;
            total += Double.isInfinite(lanes) ? squaresInDouble(grad, chunk, bound) : lanes;
            for (int k = bound; k < end; k++) {
                float g = grad[k];
                total += (double) g * g;
                params[k] -= g * step;
            }
        }
        return total;
    }

    /**
     * Σ∇[i]² over [from, to) in double, in index order: a chunk whose float lanes overflowed (a lane
     * sum above 3.4e38: entries of 1e18 and more, as the far-g side of a deep Figure 3 reaches) is
     * summed again here, so that a finite gradient has a finite norm and is clipped, not taken for
     * a diverged one. An infinite ∇_i stays infinite, a NaN stays NaN.
     */
    static double squaresInDouble(float[] grad, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) sum += (double) grad[k] * grad[k];
        return sum;
    }

    /** {@link #scalar}'s norm without the update. */
    static double scalarNorm(float[] grad, int from, int to) {
        double total = 0;
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            int end = Math.min(to, chunk + CHUNK);
            int bound = chunk + (end - chunk) / LANES * LANES;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int k = chunk; k < bound; k += LANES) {
                float g0 = grad[k], g1 = grad[k + 1], g2 = grad[k + 2], g3 = grad[k + 3];
                float g4 = grad[k + 4], g5 = grad[k + 5], g6 = grad[k + 6], g7 = grad[k + 7];
                a0 += g0 * g0; a1 += g1 * g1; a2 += g2 * g2; a3 += g3 * g3;
                a4 += g4 * g4; a5 += g5 * g5; a6 += g6 * g6; a7 += g7 * g7;
            }
            double lanes = 0;
            lanes += a0; lanes += a1; lanes += a2; lanes += a3; lanes += a4; lanes += a5; lanes += a6; lanes += a7;
            total += Double.isInfinite(lanes) ? squaresInDouble(grad, chunk, bound) : lanes;
            for (int k = bound; k < end; k++) total += (double) grad[k] * grad[k];
        }
        return total;
    }

    /** {@link #scalar}'s update without the norm (elementwise: the same bits in any order). */
    static void scalarUpdate(float[] params, float[] grad, int from, int to, float step) {
        for (int k = from; k < to; k++) params[k] -= grad[k] * step;
    }
}
