package rwsweep.driver.spark;

import rwsweep.driver.store.ResultColumns;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * One sweep whose trials end in all three ways — OK, DIVERGED (an absurd learning rate), FAILED
 * (a net whose input size does not fit the data, so the trainer throws) — under a sweep name that
 * CSV must quote; then what the store, trials.csv and replay make of it.
 */
class MixedOutcomesTest extends SparkTest {
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);
    static final String NAME = "mixed, \"quoted\"";

    @TempDir
    static Path tmp;
    static String dir;
    static RunReport report;
    static TrialSpec ok;
    static TrialSpec diverging;
    static TrialSpec failing;

    @BeforeAll
    static void runSweep() {
        ok = Digits.spec(2, 1.0);
        diverging = Digits.spec(3, 1.0).toBuilder().lambda(1e6, 1e6).build();
        failing = Digits.spec(2, 1.0).toBuilder().sizes(10, 16, 10).build();
        dir = tmp.resolve("out").toString();
        report = SweepRunner.run(Digits.plan(NAME, List.of(ok, diverging, failing)), dir, QUIET);
    }

    private static Map<String, TrialResult> stored() {
        Map<String, TrialResult> out = new HashMap<>();
        for (TrialResult r : ResultStore.open(dir).results()) out.put(r.key(), r);
        return out;
    }

    @Test
    void eachOutcomeIsCountedAndStored() {
        assertEquals(3, report.ran());
        assertEquals(1, report.ok());
        assertEquals(1, report.diverged());
        assertEquals(1, report.failed());
        Map<String, TrialResult> stored = stored();
        assertEquals(3, stored.size());
        assertEquals(TrialStatus.OK, stored.get(ok.key()).status());

        TrialResult diverged = stored.get(diverging.key());
        assertEquals(TrialStatus.DIVERGED, diverged.status());
        assertTrue(diverged.message().startsWith("non-finite"), diverged.message());
        assertTrue(diverged.sameCurves(Trainer.run(diverging, Digits.data())), "the same divergence when run alone");

        TrialResult failed = stored.get(failing.key());
        assertEquals(TrialStatus.FAILED, failed.status());
        assertEquals("IllegalArgumentException: net input size 10 differs from data dimension 784", failed.message());
        assertEquals(0, failed.trainError().length);
        assertEquals(java.util.OptionalInt.empty(), failed.minEpoch());
        assertTrue(Double.isNaN(failed.minTrainError()));
        assertTrue(Double.isNaN(failed.logDeltaRatio()));
    }

    /**
     * trials.csv read back by Spark's CSV reader (an independent parser) equals the Parquet table
     * cell by cell: scalars bit for bit (NaN, Infinity included), arrays after splitting on ';',
     * the quoted sweep name intact.
     */
    @Test
    void trialsCsvEqualsTheParquetTable() {
        ResultStore store = ResultStore.open(dir);
        Dataset<Row> table = spark.read().parquet(store.parquetPath());
        List<Row> parquet = table.collectAsList();
        StructType asCsv = new StructType();
        for (StructField f : table.schema().fields()) {
            boolean array = f.dataType() instanceof org.apache.spark.sql.types.ArrayType;
            asCsv = asCsv.add(f.name(), array ? DataTypes.StringType : f.dataType());
        }
        List<Row> csv = spark.read().schema(asCsv).option("header", "true").option("multiLine", "true")
                .option("escape", "\"").option("nanValue", "NaN").option("positiveInf", "Infinity")
                .option("negativeInf", "-Infinity").csv(store.csvPath()).collectAsList();

        assertEquals(3, parquet.size());
        assertEquals(parquet.size(), csv.size());
        for (int r = 0; r < parquet.size(); r++) {
            Row p = parquet.get(r), c = csv.get(r);
            for (int i = 0; i < ResultColumns.ALL.size(); i++) {
                String name = ResultColumns.ALL.get(i).name();
                switch (ResultColumns.ALL.get(i).kind()) {
                    case STRING -> assertEquals(p.getString(i), c.isNullAt(i) ? "" : c.getString(i), name);
                    case INT -> assertEquals(p.getInt(i), c.getInt(i), name);
                    case LONG -> assertEquals(p.getLong(i), c.getLong(i), name);
                    case DOUBLE -> assertEquals(Double.doubleToLongBits(p.getDouble(i)), Double.doubleToLongBits(c.getDouble(i)), name);
                    case INTS -> assertArrayEquals(p.getList(i).stream().mapToInt(v -> (Integer) v).toArray(),
                            split(c, i).mapToInt(Integer::parseInt).toArray(), name);
                    case DOUBLES -> assertArrayEquals(p.getList(i).stream().mapToDouble(v -> (Double) v).toArray(),
                            split(c, i).mapToDouble(Double::parseDouble).toArray(), name);
                }
            }
            assertEquals(NAME, c.getString(1));
        }
    }

    private static java.util.stream.Stream<String> split(Row row, int i) {
        return row.isNullAt(i) ? java.util.stream.Stream.empty() : Arrays.stream(row.getString(i).split(";"));
    }

    @Test
    void aStoredTrialReplaysBitForBit() {
        Replay.Outcome outcome = Replay.replay(dir, ok.key(), Digits::data);
        assertTrue(outcome.reproduced(), outcome.toString());
        assertEquals(stored().get(ok.key()).trainError()[2], outcome.replayed().trainError()[2]);
    }

    @Test
    void replayRefusesOtherDataAndUnknownKeys() {
        UserError otherData = assertThrows(UserError.class,
                () -> Replay.replay(dir, ok.key(), () -> Digits.data().head(100)));
        assertTrue(otherData.getMessage().startsWith("trial " + ok.key() + " was trained on data " + Digits.data().id()),
                otherData.getMessage());
        UserError unknown = assertThrows(UserError.class, () -> Replay.replay(dir, "0123456789abcdef", Digits::data));
        assertEquals("results directory " + dir + " holds no trial 0123456789abcdef", unknown.getMessage());
    }

    @Test
    void failedTrialsRunAgainUnlessTold() {
        String retry = tmp.resolve("retry").toString();
        SweepPlan plan = Digits.plan("retry", List.of(ok, failing));
        SweepRunner.run(plan, retry, QUIET);
        String firstFailure = finishedAt(retry, failing.key());

        RunReport kept = SweepRunner.run(plan, retry, QUIET.withRetryFailed(false));
        assertEquals(2, kept.skipped());
        assertEquals(0, kept.ran());

        RunReport retried = SweepRunner.run(plan, retry, QUIET);
        assertEquals(1, retried.skipped());
        assertEquals(1, retried.ran());
        assertEquals(1, retried.failed());
        assertEquals(2, ResultStore.open(retry).results().size(), "the new FAILED record replaces the old one");
        assertNotEquals(firstFailure, finishedAt(retry, failing.key()));
    }

    private static String finishedAt(String dir, String key) {
        return ResultStore.open(dir).rows().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().finishedAt();
    }
}
