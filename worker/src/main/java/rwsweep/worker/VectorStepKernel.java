package rwsweep.worker;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link StepKernel} on the Vector API, in {@link VectorLanes}' 8 float lanes: the lane count
 * {@link StepKernel#LANES} whose summation order the scalar twin fixes. Only loaded when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorStepKernel {
    private static final VectorSpecies<Float> EIGHT = VectorLanes.SPECIES;

    private VectorStepKernel() { }

    static double updateAndSquaredNorm(float[] params, float[] grad, int from, int to, float step) {
        double total = 0;
        for (int chunk = from; chunk < to; chunk += StepKernel.CHUNK) {
            int end = Math.min(to, chunk + StepKernel.CHUNK);
            int bound = chunk + (end - chunk) / StepKernel.LANES * StepKernel.LANES;
            FloatVector acc = FloatVector.zero(EIGHT);
            for (int k = chunk; k < bound; k += StepKernel.LANES) {
                FloatVector g = FloatVector.fromArray(EIGHT, grad, k);
                acc = acc.add(g.mul(g));
                FloatVector.fromArray(EIGHT, params, k).sub(g.mul(step)).intoArray(params, k);
            }
            // lane by lane in order, as the scalar kernel adds them (reduceLanes has no fixed order)
            double sum = 0;
            for (int lane = 0; lane < StepKernel.LANES; lane++) sum += acc.lane(lane);
            total += Double.isInfinite(sum) ? StepKernel.squaresInDouble(grad, chunk, bound) : sum;
            for (int k = bound; k < end; k++) {
                float g = grad[k];
                total += (double) g * g;
                params[k] -= g * step;
            }
        }
        return total;
    }

    static double squaredNorm(float[] grad, int from, int to) {
        double total = 0;
        for (int chunk = from; chunk < to; chunk += StepKernel.CHUNK) {
            int end = Math.min(to, chunk + StepKernel.CHUNK);
            int bound = chunk + (end - chunk) / StepKernel.LANES * StepKernel.LANES;
            FloatVector acc = FloatVector.zero(EIGHT);
            for (int k = chunk; k < bound; k += StepKernel.LANES) {
                FloatVector g = FloatVector.fromArray(EIGHT, grad, k);
                acc = acc.add(g.mul(g));
            }
            double sum = 0;
            for (int lane = 0; lane < StepKernel.LANES; lane++) sum += acc.lane(lane);
            total += Double.isInfinite(sum) ? StepKernel.squaresInDouble(grad, chunk, bound) : sum;
            for (int k = bound; k < end; k++) total += (double) grad[k] * grad[k];
        }
        return total;
    }

    static void update(float[] params, float[] grad, int from, int to, float step) {
        int bound = from + (to - from) / StepKernel.LANES * StepKernel.LANES;
        for (int k = from; k < bound; k += StepKernel.LANES) {
            FloatVector g = FloatVector.fromArray(EIGHT, grad, k);
            FloatVector.fromArray(EIGHT, params, k).sub(g.mul(step)).intoArray(params, k);
        }
        for (int k = bound; k < to; k++) params[k] -= grad[k] * step;
    }
}
