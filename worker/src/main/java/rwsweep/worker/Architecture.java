package rwsweep.worker;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Layer sizes from a parameter budget p_lim (paper.md, "Parameter limit"): every net of an
 * experiment has about the same number of parameters, so deeper nets are narrower.
 *
 * <p><b>Counting.</b> Depth D counts weight layers (the paper's D): layer D is the output layer, so
 * there are D − 1 hidden layers. The parameter count is the weights and biases of all layers,
 * {@code Σ_d (size(d−1) + 1)·size(d)}.
 *
 * <p><b>Classifier.</b> Sizes {@code [n_in, N, …, N, n_out]} with D − 1 hidden layers of constant
 * width N; N is the smallest width whose parameter count reaches p_lim (so a net may exceed p_lim by
 * less than one width step). Depth 1 has no hidden layer and p_lim cannot set anything.
 *
 * <p><b>Auto-encoder.</b> D must be even and at least 4; the linear code layer is layer D/2 (so the
 * encoder and decoder both have D/2 weight layers). With K = D/2 and c the code size, the encoder's
 * hidden sizes fall linearly from the first hidden width W to c,
 * {@code size(d) = c + round((W − c)·(K − d)/(K − 1))} for d = 1..K, and the decoder mirrors them,
 * {@code size(D − d) = size(d)}; size(0) = size(D) = n_in. The step (W − c)/(K − 1) is constant before
 * rounding to whole units. W is the smallest width ≥ c whose parameter count reaches p_lim. Example:
 * D = 6, n_in = 784, c = 30, W = 300 gives [784, 300, 165, 30, 165, 300, 784].
 */
public final class Architecture {
    private Architecture() { }

    /** Weights and biases of a classifier: {@code Σ_d (size(d−1) + 1)·size(d)} over its D layers. */
    public static long classifierParameters(int nIn, int width, int depth, int nOut) {
        return parameters(classifierSizes(nIn, width, depth, nOut));
    }

    /**
     * The smallest hidden width N whose classifier of this depth has at least p_lim parameters.
     *
     * @throws IllegalArgumentException if depth is 1 (no hidden layer to size) or p_lim is below the
     *     parameter count of width 1; the message names depth and p_lim and gives the minimum p_lim
     */
    public static int classifierWidth(long pLim, int depth, int nIn, int nOut) {
        requireAtLeast("nIn", nIn, 1);
        requireAtLeast("nOut", nOut, 1);
        if (depth < 2) {
            throw new IllegalArgumentException("depth " + depth + " has no hidden layer, so p_lim = " + pLim
                    + " cannot set a width: a parameter limit needs depth at least 2");
        }
        long minimum = classifierParameters(nIn, 1, depth, nOut);
        if (pLim < minimum) {
            throw new IllegalArgumentException("p_lim = " + pLim + " is too small for depth " + depth
                    + " (n_in " + nIn + ", n_out " + nOut + "): even width 1 has " + minimum
                    + " parameters; the minimum p_lim for depth " + depth + " is " + minimum);
        }
        return smallestReaching(pLim, 1, width -> classifierSizes(nIn, width, depth, nOut), "depth " + depth);
    }

    /** The auto-encoder's linear code layer, D/2. */
    public static int autoencoderCodeLayer(int depth) {
        if (depth < 2 || depth % 2 != 0) {
            throw new IllegalArgumentException("auto-encoder depth must be even and at least 2 (the code layer is "
                    + "layer D/2, in the middle), got " + depth);
        }
        return depth / 2;
    }

    /**
     * Layer sizes 0..D of the auto-encoder whose first hidden width is the smallest (≥ the code size)
     * with at least p_lim parameters; see the class comment for the shape.
     *
     * @throws IllegalArgumentException if D is odd or below 4 (depth 2 has only the code layer, no
     *     width to set), or p_lim is below the count with every hidden layer at the code size
     */
    public static int[] autoencoderSizes(long pLim, int depth, int nIn, int codeSize) {
        requireAtLeast("nIn", nIn, 1);
        requireAtLeast("code size", codeSize, 1);
        autoencoderCodeLayer(depth);
        if (depth < 4) {
            throw new IllegalArgumentException("auto-encoder depth " + depth + " has only the code layer as hidden "
                    + "layer, so p_lim = " + pLim + " cannot set a width: a parameter limit needs depth at least 4");
        }
        long minimum = parameters(autoencoderShape(nIn, codeSize, depth, codeSize));
        if (pLim < minimum) {
            throw new IllegalArgumentException("p_lim = " + pLim + " is too small for auto-encoder depth " + depth
                    + " (n_in " + nIn + ", code size " + codeSize + "): with every hidden layer at the code size it has "
                    + minimum + " parameters; the minimum p_lim for depth " + depth + " is " + minimum);
        }
        int width = smallestReaching(pLim, codeSize, w -> autoencoderShape(nIn, w, depth, codeSize),
                "auto-encoder depth " + depth);
        return autoencoderShape(nIn, width, depth, codeSize);
    }

    /** Sizes [n_in, W, …, c, …, W, n_in] (class comment); depth even, at least 4. */
    static int[] autoencoderShape(int nIn, int firstWidth, int depth, int codeSize) {
        int half = depth / 2;
        int[] sizes = new int[depth + 1];
        sizes[0] = nIn;
        sizes[depth] = nIn;
        for (int d = 1; d <= half; d++) {
            long step = Math.round((double) (firstWidth - codeSize) * (half - d) / (half - 1));
            sizes[d] = (int) (codeSize + step);
            sizes[depth - d] = sizes[d];
        }
        return sizes;
    }

    /**
     * The one place a classifier's layer sizes are laid out: {@code [n_in, N, …, N, n_out]}, D + 1
     * sizes with D − 1 hidden layers of width N (none at depth 1, where N is not used).
     */
    public static int[] classifierSizes(int nIn, int width, int depth, int nOut) {
        requireAtLeast("depth", depth, 1);
        int[] sizes = new int[depth + 1];
        Arrays.fill(sizes, width);
        sizes[0] = nIn;
        sizes[depth] = nOut;
        return sizes;
    }

    /** {@code Σ_d (size(d−1) + 1)·size(d)}, exact, or ArithmeticException past Long.MAX_VALUE. */
    static long parameters(int[] sizes) {
        long total = 0;
        for (int d = 1; d < sizes.length; d++) {
            total = Math.addExact(total, Math.multiplyExact((long) sizes[d - 1] + 1, sizes[d]));
        }
        return total;
    }

    /**
     * Binary search for the smallest width ≥ low whose shape has at least p_lim parameters; the count
     * grows with the width, and a count past Long.MAX_VALUE certainly reaches p_lim.
     */
    private static int smallestReaching(long pLim, int low, IntFunction<int[]> shape, String what) {
        int lo = low;                  // invariant: every width < lo falls short (lo itself may not)
        int hi = Integer.MAX_VALUE;    // invariant: hi reaches p_lim, or is the largest width there is
        if (!reaches(shape.apply(hi), pLim)) {
            throw new IllegalArgumentException("p_lim = " + pLim + " is beyond any width for " + what);
        }
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (reaches(shape.apply(mid), pLim)) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    private static boolean reaches(int[] sizes, long pLim) {
        try {
            return parameters(sizes) >= pLim;
        } catch (ArithmeticException beyondLong) {
            return true;
        }
    }

    private static void requireAtLeast(String what, int value, int min) {
        if (value < min) throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
    }

    /** Layer sizes with runs shortened, for messages and tables: [784, 100, 100, 100, 10] → 784-100x3-10. */
    public static String shape(int[] sizes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < sizes.length; ) {
            int j = i;
            while (j + 1 < sizes.length && sizes[j + 1] == sizes[i]) j++;
            if (b.length() > 0) b.append('-');
            b.append(sizes[i]);
            if (j > i) b.append('x').append(j - i + 1);
            i = j + 1;
        }
        return b.toString();
    }
}
