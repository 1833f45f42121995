package rwsweep.worker;

import rwsweep.worker.spec.Task;

/**
 * The output layer's loss and its error signal δ_D = ∂L/∂a_D, for a batch loss that is the mean
 * over the batch's nb examples (so δ_D carries a factor 1/nb):
 * <ul>
 * <li>{@link Task#CLASSIFY}: softmax cross-entropy, {@code L = −ln softmax(a_D)[label]},
 *     {@code δ_D = (softmax(a_D) − onehot)/nb}; an error is a misclassified example (arg max ≠ label).</li>
 * <li>{@link Task#AUTOENCODE}: squared error, {@code L = ½‖a_D − x‖²}, {@code δ_D = (a_D − x)/nb};
 *     the error adds {@code ‖a_D − x‖²}, so errors/(n · size(D)) is the mean squared error.</li>
 * </ul>
 */
public final class Loss {
    private Loss() { }

    /** Running sums over examples; reused, never allocated per step. */
    public static final class Totals {
        double loss;
        double errors;
        long examples;

        void clear() { loss = 0; errors = 0; examples = 0; }
    }

    /**
     * Adds the batch's loss and errors to {@code totals} and, if {@code writeDelta}, writes δ_D
     * into the workspace. Labels of the batch are {@code labels[labelOff .. labelOff+nb)};
     * auto-encoder targets are the input columns {@code x[xOff ..]}.
     */
    static void evaluate(Network net, Workspace ws, int nb, int[] labels, int labelOff,
                         float[] x, int xOff, boolean writeDelta, Totals totals) {
        int depth = net.depth();
        int n = net.size(depth);
        int out = ws.offset(depth);
        float[] a = ws.activations;
        float[] delta = ws.deltas;
        float scale = 1f / nb;
        if (net.task() == Task.CLASSIFY) {
            for (int j = 0; j < nb; j++) {
                int col = out + j * n;
                int label = labels[labelOff + j];
                int argmax = 0;
                float max = a[col];
                for (int i = 1; i < n; i++) {
                    if (a[col + i] > max) { max = a[col + i]; argmax = i; }
                }
                double sum = 0;
                for (int i = 0; i < n; i++) sum += Math.exp(a[col + i] - max);
                totals.loss += Math.log(sum) - (a[col + label] - max);
                if (argmax != label || Float.isNaN(max)) totals.errors += 1;
                if (writeDelta) {
                    for (int i = 0; i < n; i++) {
                        double p = Math.exp(a[col + i] - max) / sum;
                        delta[col + i] = (float) (p - (i == label ? 1 : 0)) * scale;
                    }
                }
            }
        } else {
            for (int j = 0; j < nb; j++) {
                int col = out + j * n;
                int target = xOff + j * n;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    float r = a[col + i] - x[target + i];
                    sq += (double) r * r;
                    if (writeDelta) delta[col + i] = r * scale;
                }
                totals.loss += 0.5 * sq;
                totals.errors += sq;
            }
        }
        totals.examples += nb;
    }
}
