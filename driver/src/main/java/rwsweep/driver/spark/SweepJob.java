package rwsweep.driver.spark;

import rwsweep.driver.store.AtomicFile;
import rwsweep.driver.store.TrialCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.sweep.CostModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One Spark job that runs a list of items — trials to train, or random-walk points
 * ({@link SweepWork}) — one partition, hence one task and one core, per item, launched in list
 * order (longest first, {@link CostModel}).
 *
 * <p>The dataset is broadcast once: each executor fetches it once and all its tasks share that
 * one copy; the task function holds only the broadcast handle (a random-walk sweep driven by
 * Gaussian inputs has no data and broadcasts none). A task runs its item (a trial with
 * {@link Trainer#run}), turns any exception into a FAILED result, and writes the result as a JSON
 * record to DIR/pending/KEY.json (temp file, sync, rename) before it returns — so a finished trial
 * is durable even if the driver dies a moment later. A trial that saves its state while it runs
 * ({@link TrialCheckpoints}, DIR/checkpoints/KEY.ckpt) resumes from it in a retried or rerun task,
 * and the task removes it once the record has landed. Only infrastructure failures (a lost
 * executor, a failed record write) fail the task; Spark retries those, and a retry writes the same
 * file name, so the store still holds the trial once.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);
    static final DateTimeFormatter FINISHED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SweepJob() { }

    /**
     * Trains {@code specs} on {@code data} and records each result under {@code pendingDir};
     * {@code onResult} runs on the driver as each trial's result arrives (on Spark's scheduler
     * thread: keep it short). Returns when every trial has a result; throws if the job fails or is
     * cancelled.
     */
    public static void run(SparkSession spark, List<TrialSpec> specs, Dataset data, String sweepName,
                    String pendingDir, Consumer<TrialResult> onResult) {
        run(spark, specs, data, sweepName, pendingDir, TrialWork.INSTANCE, onResult);
    }

    /**
     * As {@link #run(SparkSession, List, Dataset, String, String, Consumer)} for any kind of work;
     * {@code data} may be null. Work that saves its items' state keeps it in the store's
     * checkpoints directory beside {@code pendingDir}.
     */
    static <S, R> void run(SparkSession spark, List<S> specs, Dataset data, String sweepName,
                           String pendingDir, SweepWork<S, R> work, Consumer<R> onResult) {
        if (specs.isEmpty()) return;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Dataset> broadcastData = data == null ? null : jsc.broadcast(data);
        Broadcast<SerializableConfiguration> hadoopConf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        try {
            jsc.setJobDescription("rwsweep " + sweepName + ": " + specs.size() + " " + work.noun());
            scala.Function2<Object, R, BoxedUnit> resultHandler = (partition, result) -> {
                onResult.accept(result);
                return BoxedUnit.UNIT;
            };
            spark.sparkContext().runJob(
                    jsc.parallelize(specs, specs.size()).rdd(),
                    new ItemTask<>(work, broadcastData, hadoopConf, pendingDir, TrialCheckpoints.besidePending(pendingDir), sweepName),
                    resultHandler,
                    ClassTag$.MODULE$.apply(work.resultClass()));
        } finally {
            jsc.setJobDescription(null);
            // Frees the dataset's serialized pieces on the driver and every copy on the executors.
            if (broadcastData != null) broadcastData.destroy();
            hadoopConf.destroy();
        }
    }

    /**
     * A node-local fault, for the cluster fault tests: an executor whose environment names a sweep in
     * this variable fails every item of that sweep it is given, as a broken library on one host
     * would — the trial is a FAILED result with the message, and the sweep goes on. Set on no real
     * node; the variable reaches only the executors of the Worker started with it.
     */
    static final String FAULT_SWEEP_ENV = "RWSWEEP_FAULT_SWEEP";

    private static boolean faultInjectedHere(String sweepName) {
        return sweepName.equals(System.getenv(FAULT_SWEEP_ENV));
    }

    /**
     * Trains one trial: the same catch as the Spark task, without Spark. A trial that throws is a
     * FAILED result carrying the exception's message; its wall time runs to the throw.
     */
    static TrialResult train(TrialSpec spec, Dataset data) {
        return TrialWork.INSTANCE.run(spec, data);
    }

    /** The task: run the partition's one item, record it durably, return the result to the driver. */
    static final class ItemTask<S, R> extends AbstractFunction2<TaskContext, Iterator<S>, R> implements Serializable {
        private final SweepWork<S, R> work;
        private final Broadcast<Dataset> data;   // null: the work needs no data
        private final Broadcast<SerializableConfiguration> hadoopConf;
        private final String pendingDir;
        private final String checkpointDir;
        private final String sweepName;

        ItemTask(SweepWork<S, R> work, Broadcast<Dataset> data, Broadcast<SerializableConfiguration> hadoopConf,
                 String pendingDir, String checkpointDir, String sweepName) {
            this.work = work;
            this.data = data;
            this.hadoopConf = hadoopConf;
            this.pendingDir = pendingDir;
            this.checkpointDir = checkpointDir;
            this.sweepName = sweepName;
        }

        @Override
        public R apply(TaskContext ctx, Iterator<S> specs) {
            S spec = specs.next();
            if (specs.hasNext()) throw new IllegalStateException("a partition holds more than one item");
            String tag = "a" + ctx.taskAttemptId();
            TrialCheckpoints checkpoints = null; // only for work that saves its items' state
            if (work.checkpoints()) {
                try {
                    checkpoints = TrialCheckpoints.at(checkpointDir, hadoopConf.value().value());
                } catch (IOException e) {
                    throw new UncheckedIOException("opening " + checkpointDir, e);
                }
            }
            Dataset items = data == null ? null : data.value();
            R result = faultInjectedHere(sweepName)
                    ? work.failed(spec, new IllegalStateException("fault injected on executor "
                            + SparkEnv.get().executorId() + " (" + FAULT_SWEEP_ENV + "=" + sweepName + ")"))
                    : checkpoints != null ? work.run(spec, items, checkpoints, tag) : work.run(spec, items);
            if (!work.durable(result)) return result; // paused at a rung: its saved state, not a record, goes on
            String finishedAt = FINISHED_AT.format(Instant.now());
            byte[] line = work.record(result, sweepName, finishedAt).getBytes(StandardCharsets.UTF_8);
            String key = work.resultKey(result);
            try {
                Path target = new Path(pendingDir, key + ".json");
                FileSystem fs = target.getFileSystem(hadoopConf.value().value());
                // Not replacing: if an earlier attempt of this task already recorded the item, keep that record.
                AtomicFile.writeOnce(fs, target, tag, out -> out.write(line));
            } catch (IOException e) {
                // Infrastructure, not the item: fail the task so Spark retries it.
                throw new UncheckedIOException("recording " + key + " in " + pendingDir, e);
            }
            if (checkpoints != null) {
                try {
                    checkpoints.remove(key);
                } catch (IOException e) {
                    // the record has landed: the next compaction removes the saved state instead
                    LOG.warn("could not remove the saved state of trial {} from {}: {}", key, checkpointDir, e.getMessage());
                }
            }
            return result;
        }
    }
}
