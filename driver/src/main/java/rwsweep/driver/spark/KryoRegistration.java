package rwsweep.driver.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Critical;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSource;
import rwsweep.worker.theory.WalkSpec;

/**
 * Every class rwsweep ships through Spark's Kryo serializer, registered up front: sweeps run
 * with {@code spark.kryo.registrationRequired=true}, so an unregistered class fails the first job
 * instead of silently writing its full class name into every record.
 *
 * <p>What travels and how: each {@link TrialSpec} (or random-walk {@link WalkSpec}) inside its
 * partition (ParallelCollectionPartition serialises its elements with the configured serializer),
 * the {@link Dataset} as a broadcast, each {@link TrialResult} (or {@link WalkResult}) with its
 * {@link Provenance} as a task result. The task function
 * itself goes through Java serialization (Spark's closure serializer is always Java's). Spark's own
 * classes that a sweep ships (the broadcast Hadoop configuration, Spark SQL's write-task results,
 * collected rows) are registered by {@code KryoSerializer} itself or listed in
 * {@link #SPARK_INTERNALS}, found by running the tests with registration required.
 */
public final class KryoRegistration implements KryoRegistrator {
    /**
     * Spark classes that Spark's own KryoSerializer leaves unregistered but that rwsweep's jobs
     * ship, each found by a test failing with "Class is not registered". Named by string: the
     * Spark-private ones cannot be named in Java.
     */
    static final String[] SPARK_INTERNALS = {
            // a Dataset.toLocalIterator() task result (trials.csv is written from one)
            "[Lorg.apache.spark.util.io.ChunkedByteBuffer;",
            // spark.read().parquet(dir) without a schema: the footer-reading job returns the schema
            "org.apache.spark.sql.types.ArrayType",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(TrialSpec.class);
        kryo.register(TrialResult.class);
        kryo.register(Provenance.class);
        kryo.register(Dataset.class);
        kryo.register(Task.class);
        kryo.register(Activation.class);
        kryo.register(InitScheme.class);
        kryo.register(TrialStatus.class);
        kryo.register(Critical.class);
        kryo.register(WalkSpec.class);
        kryo.register(WalkSpec.Kind.class);
        kryo.register(WalkSource.class);
        kryo.register(WalkResult.class);
        kryo.register(java.util.ArrayList.class);   // a task's pack of items, and its results
        kryo.register(int[].class);
        kryo.register(float[].class);
        kryo.register(double[].class);
        kryo.register(long[].class);
        for (String name : SPARK_INTERNALS) {
            try {
                kryo.register(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("Kryo registration: Spark class " + name + " is missing from this Spark version", e);
            }
        }
    }
}
