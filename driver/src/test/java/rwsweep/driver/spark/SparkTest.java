package rwsweep.driver.spark;

import rwsweep.driver.store.ResultStore;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests that need Spark: one local[2] session for the whole test JVM, with exactly
 * the settings a sweep runs with (Kryo, registration required, {@link KryoRegistration}), so
 * every test also checks that everything shipped is registered. {@link SweepRunner} finds and
 * reuses it ({@link ResultStore} needs no Spark). Spark's shutdown hook stops it.
 */
public abstract class SparkTest {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .config(SweepSession.conf(RunOptions.defaults().withMaster("local[2]")
                            .withConf("spark.ui.enabled", "false")
                            .withConf("spark.sql.shuffle.partitions", "2")))
                    .getOrCreate();
        }
    }
}
