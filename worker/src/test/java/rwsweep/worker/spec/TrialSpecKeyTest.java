package rwsweep.worker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;

/** Keys are forever: a trial's key is pinned, and recording which critical g its gains came from leaves it alone. */
class TrialSpecKeyTest {
    private static TrialSpec.Builder spec() {
        return TrialSpec.builder().activation(Activation.TANH).sizes(784, 100, 100, 10).init(InitScheme.RANDOM_WALK)
                .g(1.2).lambda(0.02, 0.05).epochs(10).batchSize(20).seed(1).data("0123456789abcdef", 1000);
    }

    @Test
    void criticalRecordDoesNotChangeTheKey() {
        TrialSpec plain = spec().build();
        // The key this spec has at NUMERICS_VERSION 2 (exact clipping); at version 1, before the record
        // of a critical g existed, it was 9859338b716c6d05. A bump changes every key on purpose: then
        // pin the new key here; any other change of it is a bug.
        assertEquals(2, rwsweep.worker.Trainer.NUMERICS_VERSION, "NUMERICS_VERSION changed: pin this spec's new key below");
        assertEquals("1080254ef72d3598", plain.key(), "a trial key changed without a NUMERICS_VERSION bump");
        TrialSpec recorded = spec().critical(Critical.FINITE_DEPTH, 1.2).build();
        assertEquals(plain.key(), recorded.key());
        assertEquals(Critical.FINITE_DEPTH, recorded.critical().orElseThrow());
        assertEquals(1.2, recorded.criticalG().getAsDouble(), 0.0);
        assertTrue(plain.critical().isEmpty() && plain.criticalG().isEmpty());
        assertEquals(Critical.STEADY_STATE, recorded.toBuilder().critical(Critical.STEADY_STATE, 1.1).build().critical().orElseThrow());
        assertTrue(recorded.toBuilder().noCritical().build().critical().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> spec().critical(Critical.FINITE_DEPTH, Double.NaN).build());
        assertEquals(Critical.STEADY_STATE, Critical.of("steady-state"));
        assertEquals("finite-depth", Critical.FINITE_DEPTH.label());
    }
}
