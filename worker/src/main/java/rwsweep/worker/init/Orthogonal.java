package rwsweep.worker.init;

import java.util.random.RandomGenerator;

/**
 * Random matrices with orthonormal columns (rows ≥ cols) or orthonormal rows (rows < cols), drawn
 * uniformly (Haar) for the ORTHOGONAL scheme (Saxe et al. 2014; paper.md, "Related schemes").
 *
 * <p>Q comes from the QR decomposition of a Gaussian matrix by modified Gram-Schmidt in double.
 * Gram-Schmidt gives R a positive diagonal, which is exactly the sign fix that makes Q Haar
 * distributed (Mezzadri 2007); a Householder QR would need it added. Its loss of orthogonality is
 * about 1e-16 times the condition number of the Gaussian matrix (of order its size), far below float
 * rounding. Cost 2·rows·cols·min(rows, cols) flops, in plain loops (no BLAS).
 */
final class Orthogonal {
    private Orthogonal() { }

    /** Writes gain·Q into {@code dst[off ..]} as a (rows × cols) column-major matrix (leading dimension rows). */
    static void fill(float[] dst, int off, int rows, int cols, double gain, RandomGenerator rng) {
        boolean tall = rows >= cols;
        int length = tall ? rows : cols;  // length of the orthonormal vectors
        int count = tall ? cols : rows;   // how many there are
        double[][] q = new double[count][length]; // count × (length): q[j] is the j-th vector
        for (double[] v : q) {
            for (int i = 0; i < length; i++) v[i] = rng.nextGaussian();
        }
        for (int j = 0; j < count; j++) {
            double[] qj = q[j];
            double norm = Math.sqrt(dot(qj, qj));
            for (int i = 0; i < length; i++) qj[i] /= norm;
            for (int l = j + 1; l < count; l++) {
                double[] ql = q[l];
                double r = dot(qj, ql);
                for (int i = 0; i < length; i++) ql[i] -= r * qj[i];
            }
        }
        for (int j = 0; j < count; j++) {
            double[] qj = q[j];
            for (int i = 0; i < length; i++) {
                // tall: q[j] is column j of W; wide: q[j] is row j of W
                int index = tall ? off + j * rows + i : off + i * rows + j;
                dst[index] = (float) (gain * qj[i]);
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
