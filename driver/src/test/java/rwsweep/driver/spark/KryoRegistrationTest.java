package rwsweep.driver.spark;

import rwsweep.driver.sweep.Digits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import scala.reflect.ClassTag$;

/** What a sweep ships round-trips through Kryo as configured for a sweep, registration required. */
class KryoRegistrationTest {
    private final SerializerInstance kryo = new KryoSerializer(SweepSession.conf(RunOptions.defaults())).newInstance();

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    @Test
    void specsResultsAndDataRoundTrip() {
        TrialSpec spec = Digits.spec(3, 1.1);
        TrialResult result = Trainer.run(spec, Digits.data());

        assertEquals(spec.canonical(), roundTrip(spec).canonical());

        TrialResult back = roundTrip(result);
        assertTrue(result.sameCurves(back));
        assertEquals(result.key(), back.key());
        assertEquals(result.minTrainError(), back.minTrainError());
        assertEquals(result.wallSeconds(), back.wallSeconds());
        assertEquals(result.provenance().toString(), back.provenance().toString());

        Dataset data = roundTrip(Digits.data());
        assertEquals(Digits.data().id(), data.id());
        assertArrayEquals(Digits.data().x(), data.x());
        assertArrayEquals(Digits.data().labels(), data.labels());
    }

    /** A class not in {@link KryoRegistration} is refused: registration really is required. */
    @Test
    void anUnregisteredClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(new Unshipped()));
        assertTrue(e.getMessage().startsWith("Class is not registered: rwsweep.driver.spark.KryoRegistrationTest$Unshipped"), e.getMessage());
    }

    static final class Unshipped { }
}
