package rwsweep.worker;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape of every Vector API kernel here: 8 float lanes (256 bits, on AVX2 and
 * AVX-512 machines alike).
 *
 * <p>One shape, not one per kernel, because the JIT's vector intrinsics need the exact vector class
 * at each operation, and the library methods that every kernel inlines keep one type profile for
 * the whole JVM: with a 512-bit kernel and a 256-bit one in the same process those profiles hold
 * both classes, and a kernel with a vector carried around a loop (a running sum) then compiled to
 * allocated vector objects — measured in one JVM: the backward pass's fused derivative and bias
 * gradient at 64 × 100 took 5.4 µs and allocated 41 kB a call beside the 512-bit tanh, against
 * 1.1 µs and nothing with every kernel at 256 bits. 8 lanes is also the width whose summation order
 * {@link StepKernel} fixes, so that sums do not depend on the machine.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present ({@link VectorModule}).
 */
final class VectorLanes {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

    private VectorLanes() { }
}
