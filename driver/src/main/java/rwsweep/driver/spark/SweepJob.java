package rwsweep.driver.spark;

import rwsweep.driver.store.AtomicFile;
import rwsweep.driver.store.TrialCheckpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.Packs;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
 * ({@link SweepWork}) — one partition, hence one task and one core, per pack of items: an item
 * long enough to pay for a task has one of its own, shorter ones share one ({@link Packs}); packs
 * launch longest first ({@link CostModel}).
 *
 * <p>The dataset is broadcast once: each executor fetches it once and all its tasks share that
 * one copy; the task function holds only the broadcast handle (a random-walk sweep driven by
 * Gaussian inputs has no data and broadcasts none). A task runs its items one after another (a trial with
 * {@link Trainer#run}), turns any exception into a FAILED result, and writes each result as a JSON
 * record to DIR/pending/KEY.json (temp file, sync, rename) the moment it ends, on a thread of its
 * own while the next item runs ({@link RecordWriter}); the task returns once every record has
 * landed — so a finished trial is durable even if the driver dies a moment later. A trial that saves its state while it runs
 * ({@link TrialCheckpoints}, DIR/checkpoints/KEY.ckpt) resumes from it in a retried or rerun task,
 * and the task removes it once the record has landed. Only infrastructure failures (a lost
 * executor, a failed record write) fail the task; Spark retries those, and a retry reads back the records its
 * earlier attempt wrote instead of running those items again (a record is written once, under the
 * item's key, so the store holds each trial once either way).
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
        List<List<S>> packs = packs(specs, work, spark.sparkContext().defaultParallelism());
        try {
            jsc.setJobDescription("rwsweep " + sweepName + ": " + specs.size() + " " + work.noun()
                    + (packs.size() < specs.size() ? " in " + packs.size() + " tasks" : ""));
            scala.Function2<Object, ArrayList<R>, BoxedUnit> resultHandler = (partition, results) -> {
                for (R result : results) onResult.accept(result);
                return BoxedUnit.UNIT;
            };
            @SuppressWarnings("unchecked")
            Class<ArrayList<R>> resultsClass = (Class<ArrayList<R>>) (Class<?>) ArrayList.class;
            spark.sparkContext().runJob(
                    jsc.parallelize(packs, packs.size()).rdd(),
                    new PackTask<>(work, broadcastData, hadoopConf, pendingDir, TrialCheckpoints.besidePending(pendingDir), sweepName),
                    resultHandler,
                    ClassTag$.MODULE$.apply(resultsClass));
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

    /**
     * The items in their tasks ({@link Packs}), by their predicted seconds: the work's cost over its
     * rate of one core. Each pack is an {@link ArrayList} (a Kryo-registered class) of its items.
     */
    static <S, R> List<List<S>> packs(List<S> specs, SweepWork<S, R> work, int cores) {
        double[] seconds = new double[specs.size()];
        for (int i = 0; i < seconds.length; i++) seconds[i] = work.cost(specs.get(i)) / work.defaultRate();
        List<List<S>> packs = new ArrayList<>();
        for (int[] pack : Packs.of(seconds, cores)) {
            ArrayList<S> items = new ArrayList<>(pack.length);
            for (int i : pack) items.add(specs.get(i));
            packs.add(items);
        }
        return packs;
    }

    /**
     * The task: run the partition's pack of items one after another, recording each durably the
     * moment it ends, and return their results to the driver. A retried task (its executor was
     * lost, or a record write failed) does not run again an item its earlier attempt recorded: it
     * reads that record back.
     */
    static final class PackTask<S, R> extends AbstractFunction2<TaskContext, Iterator<List<S>>, ArrayList<R>> implements Serializable {
        private final SweepWork<S, R> work;
        private final Broadcast<Dataset> data;   // null: the work needs no data
        private final Broadcast<SerializableConfiguration> hadoopConf;
        private final String pendingDir;
        private final String checkpointDir;
        private final String sweepName;

        PackTask(SweepWork<S, R> work, Broadcast<Dataset> data, Broadcast<SerializableConfiguration> hadoopConf,
                 String pendingDir, String checkpointDir, String sweepName) {
            this.work = work;
            this.data = data;
            this.hadoopConf = hadoopConf;
            this.pendingDir = pendingDir;
            this.checkpointDir = checkpointDir;
            this.sweepName = sweepName;
        }

        @Override
        public ArrayList<R> apply(TaskContext ctx, Iterator<List<S>> partition) {
            List<S> pack = partition.next();
            if (partition.hasNext()) throw new IllegalStateException("a partition holds more than one pack");
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
            ArrayList<R> results = new ArrayList<>(pack.size());
            try (RecordWriter records = new RecordWriter("task " + ctx.taskAttemptId())) {
                for (S spec : pack) {
                    // the driver ran only unrecorded items: a record here is an earlier attempt's (any
                    // stage attempt's, so every attempt looks: one existence check per item)
                    R earlier = recordedBefore(spec);
                    results.add(earlier != null ? earlier : runAndRecord(spec, items, checkpoints, tag, records));
                }
                records.finish();   // every record durable before the driver hears of it
            }
            return results;
        }

        /** The item's record from an earlier attempt of this task, or null if it has none. */
        private R recordedBefore(S spec) {
            Path target = new Path(pendingDir, work.key(spec) + ".json");
            try {
                FileSystem fs = target.getFileSystem(hadoopConf.value().value());
                if (!fs.exists(target)) return null;
                try (java.io.InputStream in = fs.open(target)) {
                    R result = work.fromRecord(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    LOG.info("{} was recorded by an earlier attempt of this task: not run again", work.key(spec));
                    return result;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not read back the record of {} in {} ({}): running it again", work.key(spec), pendingDir, e.getMessage());
                return null;
            }
        }

        private R runAndRecord(S spec, Dataset items, TrialCheckpoints checkpoints, String tag, RecordWriter records) {
            R result = faultInjectedHere(sweepName)
                    ? work.failed(spec, new IllegalStateException("fault injected on executor "
                            + SparkEnv.get().executorId() + " (" + FAULT_SWEEP_ENV + "=" + sweepName + ")"))
                    : checkpoints != null ? work.run(spec, items, checkpoints, tag) : work.run(spec, items);
            if (!work.durable(result)) return result; // paused at a rung: its saved state, not a record, goes on
            String finishedAt = FINISHED_AT.format(Instant.now());
            byte[] line = work.record(result, sweepName, finishedAt).getBytes(StandardCharsets.UTF_8);
            String key = work.resultKey(result);
            Path target = new Path(pendingDir, key + ".json");
            // Infrastructure, not the item: a failed write fails the task so Spark retries it.
            records.submit("recording " + key + " in " + pendingDir, () -> {
                FileSystem fs = target.getFileSystem(hadoopConf.value().value());
                // Not replacing: if an earlier attempt of this task already recorded the item, keep that record.
                AtomicFile.writeOnce(fs, target, tag, out -> out.write(line));
                if (checkpoints != null) {
                    try {
                        checkpoints.remove(key);
                    } catch (IOException e) {
                        // the record has landed: the next compaction removes the saved state instead
                        LOG.warn("could not remove the saved state of trial {} from {}: {}", key, checkpointDir, e.getMessage());
                    }
                }
            });
            return result;
        }
    }
}
