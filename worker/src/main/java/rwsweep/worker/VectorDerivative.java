package rwsweep.worker;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The backward pass's elementwise step on the Vector API: δ := δ ⊙ f'(a) over a (rows × cols)
 * column-major block, fused with the bias gradient ∂L/∂b_i = Σ_j δ(i, j). The scalar twin is
 * {@link Activation#scalarMultiplyByDerivativeAndSumRows}; this gives the same bits: f' is formed
 * with the same rounded operations (tanh: 1 − h·h, no fused multiply-add), and each row's sum runs
 * over the columns in the same order, from 0. Only the loops are interchanged — a vector of rows
 * keeps its running sums in a register across the columns instead of loading and storing them for
 * every column.
 *
 * <p>Every vector lives in a local of one method and nothing vector-typed is passed or returned:
 * a {@code FloatVector} that crosses a call the JIT did not inline is allocated as an object, and
 * the allocation costs more than the arithmetic. The running sums are carried around the column
 * loop, which compiles to registers only while the JVM has one vector shape ({@link VectorLanes}).
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present ({@link VectorModule}).
 */
final class VectorDerivative {
    private static final VectorSpecies<Float> SPECIES = VectorLanes.SPECIES;

    private VectorDerivative() { }

    /** tanh' = 1 − h², from the stored output h (as −(h·h) + 1: the same rounding, one broadcast fewer to keep live). */
    static void tanh(float[] delta, float[] h, int off, int rows, int cols, float[] rowSums, int sumOff) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(rows);
        for (int i = 0; i < bound; i += lanes) {
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int j = 0, k = off + i; j < cols; j++, k += rows) {
                FloatVector y = FloatVector.fromArray(SPECIES, h, k);
                FloatVector d = FloatVector.fromArray(SPECIES, delta, k).mul(y.mul(y).neg().add(1f));
                d.intoArray(delta, k);
                sum = sum.add(d);
            }
            sum.intoArray(rowSums, sumOff + i);
        }
        Activation.TANH.scalarMultiplyByDerivativeAndSumRows(delta, h, off, rows, cols, rowSums, sumOff, bound);
    }

    /** ReLU' = [h > 0], from the stored output h (a NaN passes no gradient, as in the scalar twin). */
    static void relu(float[] delta, float[] h, int off, int rows, int cols, float[] rowSums, int sumOff) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(rows);
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += lanes) {
            FloatVector sum = zero;
            for (int j = 0, k = off + i; j < cols; j++, k += rows) {
                VectorMask<Float> active = FloatVector.fromArray(SPECIES, h, k).compare(VectorOperators.GT, 0f);
                FloatVector d = zero.blend(FloatVector.fromArray(SPECIES, delta, k), active);
                d.intoArray(delta, k);
                sum = sum.add(d);
            }
            sum.intoArray(rowSums, sumOff + i);
        }
        Activation.RELU.scalarMultiplyByDerivativeAndSumRows(delta, h, off, rows, cols, rowSums, sumOff, bound);
    }
}
