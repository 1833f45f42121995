package rwsweep.worker.data;

/**
 * Per-dimension standardisation z = (x − mean_j) / std_j with the mean and standard deviation of
 * each input dimension j fitted on a training set, then applied unchanged to that set and to any
 * other (validation, test) set, so no statistic leaks from the data being evaluated.
 *
 * <p>std_j is the population standard deviation sqrt(Σ(x − mean_j)² / n), so the standardised
 * training set has mean 0 and variance exactly 1 per dimension (up to float rounding). Statistics are
 * accumulated in double with two passes (mean first, then squared deviations), which avoids the
 * cancellation of Σx² − n·mean². A dimension that is constant on the training set (min = max, e.g.
 * MNIST's border pixels) has std 0 and maps to exactly 0 everywhere: it carries no information, and
 * testing min = max rather than std = 0 keeps a rounding residue of the mean from turning it into noise.
 */
public final class Standardizer {
    private String fittedOn;
    private double[] mean;
    private double[] std;

    private Standardizer() { }

    private Standardizer(String fittedOn, double[] mean, double[] std) {
        this.fittedOn = fittedOn;
        this.mean = mean;
        this.std = std;
    }

    /** The per-dimension mean and standard deviation of {@code train}. */
    public static Standardizer fit(Dataset train) {
        int dim = train.dim();
        int n = train.size();
        if (n < 1) throw new IllegalArgumentException(train.name() + ": cannot fit a standardiser on no examples");
        float[] x = train.x();
        double[] mean = new double[dim];
        float[] min = new float[dim];
        float[] max = new float[dim];
        System.arraycopy(x, 0, min, 0, dim);
        System.arraycopy(x, 0, max, 0, dim);
        for (int i = 0; i < n; i++) {            // example after example: x is (dim × n) column-major
            for (int j = 0, o = i * dim; j < dim; j++) {
                float v = x[o + j];
                mean[j] += v;
                if (v < min[j]) min[j] = v;
                if (v > max[j]) max[j] = v;
            }
        }
        for (int j = 0; j < dim; j++) mean[j] /= n;
        double[] ss = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0, o = i * dim; j < dim; j++) {
                double dev = x[o + j] - mean[j];
                ss[j] += dev * dev;
            }
        }
        double[] std = new double[dim];
        for (int j = 0; j < dim; j++) std[j] = min[j] == max[j] ? 0 : Math.sqrt(ss[j] / n);
        return new Standardizer(train.name(), mean, std);
    }

    /** {@code data} standardised with the fitted statistics, as a new dataset (same labels). */
    public Dataset apply(Dataset data) {
        int dim = mean.length;
        if (data.dim() != dim) {
            throw new IllegalArgumentException(data.name() + " has dimension " + data.dim() + " but the standardiser was fitted on "
                    + fittedOn + " with dimension " + dim);
        }
        float[] x = data.x();
        float[] z = new float[x.length];
        double[] scale = new double[dim];
        for (int j = 0; j < dim; j++) scale[j] = std[j] == 0 ? 0 : 1 / std[j];
        for (int o = 0; o < x.length; o += dim) {
            // a constant dimension is written as +0 explicitly: (x − mean)·0 could be −0
            for (int j = 0; j < dim; j++) z[o + j] = scale[j] == 0 ? 0f : (float) ((x[o + j] - mean[j]) * scale[j]);
        }
        return new Dataset(data.name() + " standardised on " + fittedOn, dim, data.classes(), z, data.labels());
    }

    /** mean_j on the training set. */
    public double mean(int j) { return mean[j]; }

    /** std_j on the training set (population, divisor n); 0 for a constant dimension. */
    public double std(int j) { return std[j]; }

    /** Input dimension the statistics were fitted for. */
    public int dim() { return mean.length; }
}
