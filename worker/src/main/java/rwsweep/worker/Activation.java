package rwsweep.worker;

/**
 * Hidden-layer nonlinearity f of the paper (h_d = f(a_d)). Derivatives are computed from the
 * output h = f(a), so the backward pass needs only the stored activations, not the
 * pre-activations: linear f' = 1, ReLU f' = [h > 0], tanh f' = 1 - h².
 */
public enum Activation {
    LINEAR,
    RELU,
    TANH;

    /**
     * Whether tanh runs on the Vector API ({@link VectorTanh}): when the {@code jdk.incubator.vector}
     * module is loaded (the JVM flags add it) and {@code -Drwsweep.exactTanh=true} is not set.
     * Part of provenance: the two paths differ in the last bits.
     */
    public static final boolean VECTOR_TANH_AVAILABLE =
            VectorModule.LOADED && !Boolean.getBoolean("rwsweep.exactTanh");

    private static volatile boolean vectorTanh = VECTOR_TANH_AVAILABLE;

    /** "vector" or "exact": which tanh this JVM uses. */
    public static String tanhPath() {
        return vectorTanh ? "vector" : "exact";
    }

    /** Switches between the vector and the exact tanh (for tests comparing the two); returns the previous setting. */
    static boolean useVectorTanh(boolean on) {
        if (on && !VECTOR_TANH_AVAILABLE) throw new IllegalStateException("the jdk.incubator.vector module is not loaded");
        boolean before = vectorTanh;
        vectorTanh = on;
        return before;
    }

    /** An elementwise pass in place over {@code h[off .. off+len)}. */
    @FunctionalInterface
    private interface InPlace {
        void apply(float[] h, int off, int len);
    }

    /** h := f(h) in place over {@code h[off .. off+len)}. */
    public void apply(float[] h, int off, int len) {
        InPlace f = switch (this) {       // an expression: a constant without its f does not compile
            case LINEAR -> (x, o, n) -> { };
            case RELU -> Activation::relu;
            case TANH -> vectorTanh ? VectorTanh::apply : Activation::exactTanh;
        };
        f.apply(h, off, len);
    }

    private static void relu(float[] h, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (h[i] < 0f) h[i] = 0f;
        }
    }

    /** h := tanh(h) with {@code Math.tanh}, the reference for {@link VectorTanh}. */
    static void exactTanh(float[] h, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            h[i] = (float) Math.tanh(h[i]);
        }
    }

    /**
     * h := f(h + b) for a (rows × cols) column-major block at {@code off}, b = {@code bias[biasOff ..
     * biasOff+rows)} broadcast over the columns: the forward pass's bias add fused with the
     * nonlinearity (one pass over the block instead of two).
     */
    public void applyWithBias(float[] h, int off, int rows, int cols, float[] bias, int biasOff) {
        if (this == TANH && vectorTanh) {
            VectorTanh.applyWithBias(h, off, rows, cols, bias, biasOff);
            return;
        }
        for (int j = 0; j < cols; j++) {
            int col = off + j * rows;
            for (int i = 0; i < rows; i++) h[col + i] += bias[biasOff + i];
            apply(h, col, rows);
        }
    }

    /**
     * delta := delta ⊙ f'(a) over a (rows × cols) column-major block, and
     * {@code rowSums[sumOff + i] := Σ_j delta(i, j)} of the result — the backward pass's bias
     * gradient of the same layer, in the same pass (summed in column order, as a separate pass would).
     * On the Vector API ({@link VectorDerivative}) when its module is loaded: the same bits.
     */
    public void multiplyByDerivativeAndSumRows(float[] delta, float[] h, int off, int rows, int cols,
                                               float[] rowSums, int sumOff) {
        if (VectorModule.LOADED && this == TANH) {
            VectorDerivative.tanh(delta, h, off, rows, cols, rowSums, sumOff);
        } else if (VectorModule.LOADED && this == RELU) {
            VectorDerivative.relu(delta, h, off, rows, cols, rowSums, sumOff);
        } else {
            scalarMultiplyByDerivativeAndSumRows(delta, h, off, rows, cols, rowSums, sumOff);
        }
    }

    /** {@link #multiplyByDerivativeAndSumRows} in plain Java, column by column: the reference for the vector path. */
    void scalarMultiplyByDerivativeAndSumRows(float[] delta, float[] h, int off, int rows, int cols,
                                              float[] rowSums, int sumOff) {
        scalarMultiplyByDerivativeAndSumRows(delta, h, off, rows, cols, rowSums, sumOff, 0);
    }

    /**
     * The same over rows {@code [from, rows)} of the block only (the vector path's tail rows, past
     * its last full vector); the other rows and their sums are left alone.
     */
    void scalarMultiplyByDerivativeAndSumRows(float[] delta, float[] h, int off, int rows, int cols,
                                              float[] rowSums, int sumOff, int from) {
        DerivativeColumn column = switch (this) {   // an expression: a constant without its f' does not compile
            case LINEAR -> Activation::linearColumn;
            case RELU -> Activation::reluColumn;
            case TANH -> Activation::tanhColumn;
        };
        for (int i = from; i < rows; i++) rowSums[sumOff + i] = 0f;
        for (int j = 0; j < cols; j++) column.apply(delta, h, off + j * rows, from, rows, rowSums, sumOff);
    }

    /** Rows [from, to) of one column of the backward product at {@code col}: delta := delta ⊙ f'(a), then rowSums += delta. */
    @FunctionalInterface
    private interface DerivativeColumn {
        void apply(float[] delta, float[] h, int col, int from, int to, float[] rowSums, int sumOff);
    }

    private static void linearColumn(float[] delta, float[] h, int col, int from, int to, float[] rowSums, int sumOff) {
        for (int i = from; i < to; i++) rowSums[sumOff + i] += delta[col + i];
    }

    private static void reluColumn(float[] delta, float[] h, int col, int from, int to, float[] rowSums, int sumOff) {
        for (int i = from; i < to; i++) {
            float d = h[col + i] > 0f ? delta[col + i] : 0f;
            delta[col + i] = d;
            rowSums[sumOff + i] += d;
        }
    }

    /** tanh' = 1 − h², from the stored output. */
    private static void tanhColumn(float[] delta, float[] h, int col, int from, int to, float[] rowSums, int sumOff) {
        for (int i = from; i < to; i++) {
            float y = h[col + i];
            float d = delta[col + i] * (1f - y * y);
            delta[col + i] = d;
            rowSums[sumOff + i] += d;
        }
    }

    /** f(a) in double precision, for reference paths and tests. */
    public double value(double a) {
        return switch (this) {
            case LINEAR -> a;
            case RELU -> a > 0 ? a : 0;
            case TANH -> Math.tanh(a);
        };
    }

    /**
     * f'(a) given a and h = f(a) as well, in double precision: the random-walk simulations keep both
     * (tanh: 1 − h², without a second tanh).
     */
    public double derivative(double a, double h) {
        return switch (this) {
            case LINEAR -> 1;
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> 1 - h * h;
        };
    }

    /**
     * True when f(c·a) = c·f(a) for every c > 0 (linear, ReLU): then a net's walk does not depend on
     * the scale of its input or its gains but through their product, which the walk simulations use.
     */
    public boolean positivelyHomogeneous() {
        return switch (this) {
            case LINEAR, RELU -> true;
            case TANH -> false;
        };
    }

    /** f'(a) in double precision, for reference paths and tests. */
    public double derivative(double a) {
        return switch (this) {
            case LINEAR -> 1;
            case RELU -> a > 0 ? 1 : 0;
            case TANH -> {
                double t = Math.tanh(a);
                yield 1 - t * t;
            }
        };
    }
}
