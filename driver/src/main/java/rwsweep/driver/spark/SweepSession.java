package rwsweep.driver.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark settings a sweep needs, and the session that carries them.
 *
 * <ul>
 *   <li>one trial per core: {@code spark.task.cpus=1}, and every BLAS call single-threaded
 *       ({@code spark.executorEnv.OPENBLAS_NUM_THREADS=1}; in local mode the tasks run in the
 *       driver JVM, whose environment the launcher sets);</li>
 *   <li>Kryo with registration required and {@link KryoRegistration} as registrator;</li>
 *   <li>Spark's own console progress bar off: {@link Progress} draws one per trial, not per task set;</li>
 *   <li>in local mode the cluster's retry count: local[N] becomes local[N,F] ({@link #withRetries}).</li>
 * </ul>
 * The user's {@code --conf} settings come last and win. The master is a default only: under
 * spark-submit the {@code spark.master} it sets is kept.
 */
public final class SweepSession {
    private static final Logger LOG = LoggerFactory.getLogger(SweepSession.class);
    private SweepSession() { }

    /** rwsweep's Spark settings, then {@code options.sparkConf()} on top. */
    public static SparkConf conf(RunOptions options) {
        SparkConf conf = new SparkConf()
                .setIfMissing("spark.master", options.master())
                .setIfMissing("spark.app.name", "rwsweep")
                .set("spark.serializer", KryoSerializer.class.getName())
                .set("spark.kryo.registrationRequired", "true")
                .set("spark.kryo.registrator", KryoRegistration.class.getName())
                .set("spark.task.cpus", "1")
                .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "1")
                .set("spark.ui.showConsoleProgress", "false")
                // The result table has 44 columns; Spark's default of 25 logs a warning per query plan.
                .set("spark.sql.debug.maxToStringFields", "100");
        for (Map.Entry<String, String> e : options.sparkConf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        conf.set("spark.master", withRetries(conf.get("spark.master"), conf.get("spark.task.maxFailures", "4")));
        if (conf.get("spark.master").startsWith("local")) {
            // Local mode needs no network: keep the driver on loopback rather than the first interface.
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1").setIfMissing("spark.driver.host", "127.0.0.1");
        }
        return conf;
    }

    /**
     * local, local[N] and local[*] with a retry count: Spark's local mode tries a failed task once
     * unless the master says local[N,F], where a cluster tries it spark.task.maxFailures times
     * (default 4). A record write that fails on a busy disk then gets the same second chances as on
     * a cluster. Other masters, and a local[N,F] given, stay as they are.
     */
    static String withRetries(String master, String maxFailures) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)\\])?").matcher(master.strip());
        return m.matches() ? "local[" + (m.group(1) == null ? "1" : m.group(1)) + "," + maxFailures + "]" : master;
    }

    /**
     * The session already running in this JVM (a test's, a notebook's, spark-submit's after a
     * first call) or a new one with {@link #conf}. {@link Session#close()} stops it only if it
     * was started here.
     */
    public static Session start(RunOptions options) {
        SparkSession existing = SparkSession.getActiveSession()
                .getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (existing != null) return new Session(existing, false);
        SparkSession spark = SparkSession.builder().config(conf(options)).getOrCreate();
        if (spark.sparkContext().isLocal() && !"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
            // Local tasks run in this JVM: spark.executorEnv cannot reach them, only the launcher's environment.
            LOG.warn("OPENBLAS_NUM_THREADS is {} in this JVM, not 1: in local mode every trial's BLAS calls may start"
                    + " a thread per core on top of one trial per core (deploy/local.sh sets it)",
                    System.getenv("OPENBLAS_NUM_THREADS") == null ? "unset" : System.getenv("OPENBLAS_NUM_THREADS"));
        }
        return new Session(spark, true);
    }

    /** A session and whether closing it stops Spark. */
    public static final class Session implements AutoCloseable {
        private final SparkSession spark;
        private final boolean owned;

        private Session(SparkSession spark, boolean owned) {
            this.spark = spark;
            this.owned = owned;
        }

        public SparkSession spark() { return spark; }

        @Override
        public void close() {
            if (owned) spark.stop();
        }
    }
}
