package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.FaultyFileSystem;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.TableRow;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * Short trials share a task; a pack whose task fails after some of its trials were recorded is
 * retried (local[2,4] retries as a cluster would) and does not train those again, and the results
 * are the trials' own.
 */
class PackRetryTest extends SparkTest {
    @TempDir
    Path tmp;

    @Test
    void aRetriedPackReadsBackWhatItRecordedAndTrainsOnlyTheRest() throws Exception {
        List<TrialSpec> specs = new ArrayList<>();
        for (int i = 0; i < 48; i++) specs.add(Digits.spec(2, 1.0 + 0.01 * i));
        SweepPlan plan = Digits.plan("packed", specs);
        List<List<TrialSpec>> packs = SweepJob.packs(plan.trials(), TrialWork.INSTANCE, spark.sparkContext().defaultParallelism());
        assertEquals(24, packs.size(), "48 equal trials on 2 cores: a target of 2/48 of the total, two a pack");
        List<TrialSpec> first = packs.get(0);
        String recorded = first.get(0).key();   // lands before the fault
        String faulted = first.get(1).key();    // its record's rename throws: the task fails

        String dir = tmp.resolve("out").toString();
        ResultStore.claim(dir, plan, false, ResultStore.hadoopConf(Map.of())).close();
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FaultyFileSystem.conf().forEach(e -> hadoop.set(e.getKey(), e.getValue()));
        Map<String, TrialResult> received = new ConcurrentHashMap<>();
        List<String> ops;
        FaultyFileSystem.armRenameTo(faulted + ".json", FaultyFileSystem.Fault.THROW);
        try {
            SweepJob.run(spark, plan.trials(), plan.data(), plan.name(), "faulty://" + Path.of(dir, "pending"),
                    r -> assertEquals(null, received.put(r.key(), r), "a result twice: " + r.key()));
            ops = FaultyFileSystem.operations();
        } finally {
            FaultyFileSystem.disarm();
        }

        assertEquals(48, received.size(), "the driver got every trial's result once");
        Map<String, Integer> renames = new HashMap<>();
        for (String op : ops) {
            if (op.startsWith("rename ")) renames.merge(op.substring(op.indexOf(" -> ") + 4), 1, Integer::sum);
            // a trial trained again writes its temp file, finds the record there and deletes the temp
            assertTrue(!op.startsWith("delete ." + recorded), "the recorded trial was trained again: " + ops);
        }
        assertEquals(2, renames.get(faulted + ".json"), "the faulted record: the failed rename, then the retry's");
        assertEquals(1, renames.get(recorded + ".json"), "the trial recorded before the fault: once");
        assertEquals(48, renames.size());

        try (Stream<Path> records = Files.list(Path.of(dir, "pending"))) {
            assertEquals(48, records.filter(p -> p.getFileName().toString().endsWith(".json")).count());
        }
        Map<String, String> finishedAt = new HashMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) finishedAt.put(row.key(), row.finishedAt());
        assertEquals(48, finishedAt.size());
        // the read-back result is the record's, and both equal the trial trained alone
        TrialResult alone = Trainer.run(first.get(0), Digits.data());
        assertTrue(received.get(recorded).sameCurves(alone), received.get(recorded) + " vs " + alone);
        TrialResult aloneToo = Trainer.run(first.get(1), Digits.data());
        assertTrue(received.get(faulted).sameCurves(aloneToo));
    }
}
