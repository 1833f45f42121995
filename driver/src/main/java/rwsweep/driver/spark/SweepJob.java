package rwsweep.driver.spark;

import rwsweep.driver.store.AtomicFile;
import rwsweep.driver.store.ResultColumns;
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
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.data.Dataset;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * One Spark job that trains a list of trials: one partition, hence one task and one core, per
 * trial, launched in list order (longest first, {@link CostModel}).
 *
 * <p>The dataset is broadcast once: each executor fetches it once and all its tasks share that
 * one copy; the task function holds only the broadcast handle. A task trains its trial with
 * {@link Trainer#run}, turns any exception into a FAILED result, and writes the result as a JSON
 * record to DIR/pending/KEY.json (temp file, sync, rename) before it returns — so a finished trial
 * is durable even if the driver dies a moment later. Only infrastructure failures (a lost
 * executor, a failed record write) fail the task; Spark retries those, and a retry writes the same
 * file name, so the store still holds the trial once.
 */
public final class SweepJob {
    private static final DateTimeFormatter FINISHED_AT =
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
        if (specs.isEmpty()) return;
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Dataset> broadcastData = jsc.broadcast(data);
        Broadcast<SerializableConfiguration> hadoopConf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        try {
            jsc.setJobDescription("rwsweep " + sweepName + ": " + specs.size() + " trials");
            scala.Function2<Object, TrialResult, BoxedUnit> resultHandler = (partition, result) -> {
                onResult.accept(result);
                return BoxedUnit.UNIT;
            };
            spark.sparkContext().runJob(
                    jsc.parallelize(specs, specs.size()).rdd(),
                    new TrialTask(broadcastData, hadoopConf, pendingDir, sweepName),
                    resultHandler,
                    ClassTag$.MODULE$.apply(TrialResult.class));
        } finally {
            jsc.setJobDescription(null);
            // Frees the dataset's serialized pieces on the driver and every copy on the executors.
            broadcastData.destroy();
            hadoopConf.destroy();
        }
    }

    /**
     * Trains one trial: the same catch as the Spark task, without Spark. A trial that throws is a
     * FAILED result carrying the exception's message; its wall time runs to the throw.
     */
    static TrialResult train(TrialSpec spec, Dataset data) {
        long start = System.nanoTime();
        try {
            return Trainer.run(spec, data);
        } catch (Throwable e) {
            // A task Spark is killing (job cancelled) is not a trial failure: let Spark see the kill.
            TaskContext ctx = TaskContext.get();
            if (ctx != null) ctx.killTaskIfInterrupted();
            return TrialResult.failed(spec, e, (System.nanoTime() - start) * 1e-9, Provenance.here());
        }
    }

    /** The task: train the partition's one trial, record it durably, return the result to the driver. */
    static final class TrialTask extends AbstractFunction2<TaskContext, Iterator<TrialSpec>, TrialResult>
            implements Serializable {
        private final Broadcast<Dataset> data;
        private final Broadcast<SerializableConfiguration> hadoopConf;
        private final String pendingDir;
        private final String sweepName;

        TrialTask(Broadcast<Dataset> data, Broadcast<SerializableConfiguration> hadoopConf, String pendingDir, String sweepName) {
            this.data = data;
            this.hadoopConf = hadoopConf;
            this.pendingDir = pendingDir;
            this.sweepName = sweepName;
        }

        @Override
        public TrialResult apply(TaskContext ctx, Iterator<TrialSpec> specs) {
            TrialSpec spec = specs.next();
            if (specs.hasNext()) throw new IllegalStateException("a partition holds more than one trial");
            TrialResult result = train(spec, data.value());
            String finishedAt = FINISHED_AT.format(Instant.now());
            byte[] line = ResultColumns.jsonLine(new ResultColumns.Stored(sweepName, finishedAt, result))
                    .getBytes(StandardCharsets.UTF_8);
            try {
                Path target = new Path(pendingDir, result.key() + ".json");
                FileSystem fs = target.getFileSystem(hadoopConf.value().value());
                // Not replacing: if an earlier attempt of this task already recorded the trial, keep that record.
                AtomicFile.writeOnce(fs, target, "a" + ctx.taskAttemptId(), out -> out.write(line));
            } catch (IOException e) {
                // Infrastructure, not the trial: fail the task so Spark retries it.
                throw new UncheckedIOException("recording trial " + result.key() + " in " + pendingDir, e);
            }
            return result;
        }
    }
}
