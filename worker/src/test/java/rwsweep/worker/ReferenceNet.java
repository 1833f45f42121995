package rwsweep.worker;

import rwsweep.worker.spec.Task;

/**
 * The oracle: forward and backward of a {@link Network} in double precision with plain loops, one
 * example at a time, written straight from the paper's equations with no BLAS and no shared code
 * with the fast path (except {@link Activation#value}/{@link Activation#derivative}).
 * Parameters use the same flat layout: W_d(i, j) at weightOffset(d) + i + j·size(d).
 */
final class ReferenceNet {
    private final Network net;

    ReferenceNet(Network net) {
        this.net = net;
    }

    /** Pre-activations a_d and activations h_d of one example, d = 0..D (a_0 unused, h_0 = x). */
    private double[][][] forward(double[] params, double[] x) {
        int depth = net.depth();
        double[][] a = new double[depth + 1][];
        double[][] h = new double[depth + 1][];
        h[0] = x.clone();
        for (int d = 1; d <= depth; d++) {
            int rows = net.size(d), cols = net.size(d - 1);
            a[d] = new double[rows];
            h[d] = new double[rows];
            for (int i = 0; i < rows; i++) {
                double s = params[net.biasOffset(d) + i];
                for (int j = 0; j < cols; j++) s += params[net.weightOffset(d) + i + j * rows] * h[d - 1][j];
                a[d][i] = s;
                h[d][i] = d == depth ? s : net.activation(d).value(s);
            }
        }
        return new double[][][] {a, h};
    }

    /** Mean loss over the batch (columns of xs), labels used for classifiers. */
    double loss(double[] params, double[][] xs, int[] labels) {
        double total = 0;
        for (int e = 0; e < xs.length; e++) {
            double[] out = forward(params, xs[e])[1][net.depth()];
            total += exampleLoss(out, xs[e], labels[e]);
        }
        return total / xs.length;
    }

    private double exampleLoss(double[] out, double[] x, int label) {
        if (net.task() == Task.CLASSIFY) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : out) max = Math.max(max, v);
            double sum = 0;
            for (double v : out) sum += Math.exp(v - max);
            return Math.log(sum) + max - out[label];
        }
        double sq = 0;
        for (int i = 0; i < out.length; i++) sq += (out[i] - x[i]) * (out[i] - x[i]);
        return 0.5 * sq;
    }

    /** ∂(mean loss)/∂θ by back-propagation, in the flat layout. */
    double[] gradient(double[] params, double[][] xs, int[] labels) {
        double[] grad = new double[params.length];
        int depth = net.depth();
        for (int e = 0; e < xs.length; e++) {
            double[][][] ah = forward(params, xs[e]);
            double[][] a = ah[0], h = ah[1];
            double[] delta = outputDelta(h[depth], xs[e], labels[e]);
            for (int d = depth; d >= 1; d--) {
                int rows = net.size(d), cols = net.size(d - 1);
                for (int i = 0; i < rows; i++) {
                    grad[net.biasOffset(d) + i] += delta[i] / xs.length;
                    for (int j = 0; j < cols; j++) {
                        grad[net.weightOffset(d) + i + j * rows] += delta[i] * h[d - 1][j] / xs.length;
                    }
                }
                if (d > 1) {
                    double[] below = new double[cols];
                    for (int j = 0; j < cols; j++) {
                        double s = 0;
                        for (int i = 0; i < rows; i++) s += params[net.weightOffset(d) + i + j * rows] * delta[i];
                        below[j] = s * net.activation(d - 1).derivative(a[d - 1][j]);
                    }
                    delta = below;
                }
            }
        }
        return grad;
    }

    /** Pre-activations of every hidden layer for every example: to keep ReLU tests off the kink. */
    double minAbsHiddenPreactivation(double[] params, double[][] xs) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : xs) {
            double[][] a = forward(params, x)[0];
            for (int d = 1; d < net.depth(); d++) for (double v : a[d]) min = Math.min(min, Math.abs(v));
        }
        return min;
    }

    private double[] outputDelta(double[] out, double[] x, int label) {
        double[] delta = new double[out.length];
        if (net.task() == Task.CLASSIFY) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : out) max = Math.max(max, v);
            double sum = 0;
            for (double v : out) sum += Math.exp(v - max);
            for (int i = 0; i < out.length; i++) delta[i] = Math.exp(out[i] - max) / sum - (i == label ? 1 : 0);
        } else {
            for (int i = 0; i < out.length; i++) delta[i] = out[i] - x[i];
        }
        return delta;
    }
}
