package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** rwsweep's Spark settings: local mode stays on loopback, a cluster's addresses are left to the cluster. */
class SweepSessionTest {
    @Test
    void localModeKeepsTheDriverOnLoopback() {
        SparkConf conf = SweepSession.conf(RunOptions.defaults().withMaster("local[2]").withConf("spark.master", "local[2]"));
        assertEquals("127.0.0.1", conf.get("spark.driver.bindAddress"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("1", conf.get("spark.task.cpus"));
        assertEquals("1", conf.get("spark.executorEnv.OPENBLAS_NUM_THREADS"));
    }

    @Test
    void aClusterMasterGetsNoAddressFromRwsweep() {
        SparkConf conf = SweepSession.conf(RunOptions.defaults().withConf("spark.master", "spark://10.1.2.3:7077"));
        assertFalse(conf.contains("spark.driver.bindAddress"));
        assertFalse(conf.contains("spark.driver.host"));
    }

    @Test
    void aUsersOwnDriverHostWins() {
        SparkConf conf = SweepSession.conf(RunOptions.defaults().withConf("spark.master", "local[*]")
                .withConf("spark.driver.host", "myhost"));
        assertEquals("myhost", conf.get("spark.driver.host"));
    }

    /** Local runs retry a failed task as often as a cluster does (spark.task.maxFailures, default 4). */
    @Test
    void localModeRetriesLikeACluster() {
        assertEquals("local[*,4]", SweepSession.conf(RunOptions.defaults()).get("spark.master"));
        assertEquals("local[2,4]", SweepSession.conf(RunOptions.defaults().withConf("spark.master", "local[2]")).get("spark.master"));
        assertEquals("local[1,4]", SweepSession.withRetries("local", "4"));
        assertEquals("local[2,6]", SweepSession.conf(RunOptions.defaults().withConf("spark.master", "local[2]")
                .withConf("spark.task.maxFailures", "6")).get("spark.master"));
        assertEquals("local[2,3]", SweepSession.withRetries("local[2,3]", "4"));
        assertEquals("spark://h:7077", SweepSession.withRetries("spark://h:7077", "4"));
    }
}
