package rwsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialSpec;

/**
 * Compaction and its crash recovery on a real HDFS ({@link MiniHdfs}), where a replace is HDFS's
 * overwriting rename and a rename onto an existing name is refused. The writer crashes just before
 * or just after each rename and delete of one compaction in turn ({@link FaultyHdfs}); and an older
 * rwsweep's half-done swap (results.parquet moved aside) is left on HDFS. Each time, right after,
 * a reader finds every trial once with its original finishedAt, and the next run's compaction
 * leaves every trial in the table exactly once, no record, temp file or swap directory behind.
 * No Spark: records are written as an executor writes them.
 */
@Tag("hdfs")
@ExtendWith(MiniHdfs.class)
class HdfsCompactionTest {
    private static String fixture;
    private static SweepPlan plan;
    private static Map<String, String> expected;

    /**
     * On HDFS, a store in the middle of things: two trials in a table of the older layout (Spark's
     * part-* name and _SUCCESS), two records in pending/, and a compacting-* left by an interrupted
     * compaction holding a second record of a compacted trial.
     */
    private static synchronized String fixture() throws IOException {
        if (fixture != null) return fixture;
        String dir = MiniHdfs.dir("fixture");
        List<TrialSpec> specs = List.of(Digits.spec(2, 0.9), Digits.spec(2, 1.1), Digits.spec(2, 1.3), Digits.spec(2, 1.5));
        plan = Digits.plan("hdfs-faults", specs);
        try (ResultStore store = ResultStore.claim(dir, plan, false, new Configuration())) {
            record(dir + "/pending", specs.get(0));
            record(dir + "/pending", specs.get(1));
            store.compact();
            record(dir + "/pending", specs.get(2));
            record(dir + "/pending", specs.get(3));
            record(dir + "/compacting-5", specs.get(0));
        }
        FileSystem fs = MiniHdfs.fs();
        Path table = new Path(dir, "results.parquet");
        assertTrue(fs.rename(new Path(table, "part-00000.parquet"), new Path(table, "part-00000-1f2e-c000.snappy.parquet")));
        fs.create(new Path(table, "_SUCCESS")).close();
        expected = finishedAt(dir);
        assertEquals(4, expected.size());
        fixture = dir;
        return fixture;
    }

    /** A trial's record as the executor writes it, on HDFS (temp file, sync, rename). */
    private static void record(String pending, TrialSpec spec) throws IOException {
        String line = ResultColumns.jsonLine(new ResultColumns.Stored("hdfs-faults", Instant.now().toString(), Trainer.run(spec, Digits.data())));
        AtomicFile.writeOnce(MiniHdfs.fs(), new Path(pending, spec.key() + ".json"), "a1",
                out -> out.write(line.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> finishedAt(String dir) {
        Map<String, String> out = new TreeMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) out.put(row.key(), row.finishedAt());
        return out;
    }

    /** A fresh copy of the fixture on HDFS. */
    private static String copy() throws IOException {
        String to = MiniHdfs.dir("case");
        FileSystem fs = MiniHdfs.fs();
        assertTrue(FileUtil.copy(fs, new Path(fixture()), fs, new Path(to), false, new Configuration()));
        return to;
    }

    /** Every crash, before or after each rename and delete of one compaction of the fixture. */
    static Stream<Arguments> crashes() throws IOException {
        String dir = copy();
        List<String> ops;
        try (ResultStore store = ResultStore.claim(dir, plan, false, FaultyHdfs.conf())) {
            FaultyFileSystem.arm(0, null);
            store.compact();
            ops = FaultyFileSystem.operations();
        } finally {
            FaultyFileSystem.disarm();
        }
        System.out.println("renames and deletes of one compaction on HDFS: " + ops);
        assertTrue(ops.size() >= 5, "renames and deletes of a compaction: " + ops);
        List<Arguments> out = new ArrayList<>();
        for (int k = 1; k <= ops.size(); k++) {
            for (FaultyFileSystem.Fault f : List.of(FaultyFileSystem.Fault.CRASH_BEFORE, FaultyFileSystem.Fault.CRASH_AFTER)) {
                out.add(Arguments.of(k, ops.get(k - 1), f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{2} at {0}: {1}")
    @MethodSource("crashes")
    void everyTrialOnceWhereverTheWriterCrashes(int step, String operation, FaultyFileSystem.Fault fault) throws IOException {
        String dir = copy();
        ResultStore store = ResultStore.claim(dir, plan, false, FaultyHdfs.conf());
        FaultyFileSystem.arm(step, fault);
        try {
            store.compact();
        } catch (RuntimeException crashed) {
            // the crash stops the compaction where it is; that is the point
        } finally {
            List<String> ops = FaultyFileSystem.operations();
            FaultyFileSystem.disarm();
            store.close(); // its release fails: the "crashed" writer's lease is left held, as a dead run's is
            assertTrue(ops.size() >= step, "the armed step was reached: " + ops);
        }
        assertEquals(expected, finishedAt(dir), "right after the crash, a reader finds every trial once");
        recoversOnTheNextRun(dir);
    }

    /**
     * An older rwsweep's swap cut short on HDFS: results.parquet renamed aside to .old, and the
     * new table either not yet written or complete in .next (with its _SUCCESS marker).
     */
    @Test
    void anOlderHalfDoneSwapOnHdfsIsRepaired() throws IOException {
        FileSystem fs = MiniHdfs.fs();
        for (boolean nextComplete : new boolean[] {false, true}) {
            String dir = copy();
            Path results = new Path(dir, "results.parquet");
            if (nextComplete) {
                assertTrue(FileUtil.copy(fs, results, fs, new Path(dir, "results.parquet.next"), false, new Configuration()));
            }
            assertTrue(fs.rename(results, new Path(dir, "results.parquet.old")));
            assertEquals(expected, finishedAt(dir), "a reader reads around the half-done swap (next complete: " + nextComplete + ")");
            recoversOnTheNextRun(dir);
        }
    }

    /** The next run's compaction: every trial once in the table, nothing else left. */
    private static void recoversOnTheNextRun(String dir) throws IOException {
        try (ResultStore next = ResultStore.claim(dir, plan, false, new Configuration())) {
            next.compact();
        }
        assertEquals(expected, finishedAt(dir));
        Map<String, Integer> copies = copiesOnHdfs(dir);
        assertEquals(expected.keySet(), copies.keySet());
        copies.forEach((key, n) -> assertEquals(1, n, "one copy of " + key + " on HDFS: " + copies));
        List<String> names = new ArrayList<>();
        for (FileStatus st : MiniHdfs.fs().listStatus(new Path(dir))) names.add(st.getPath().getName());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("compacting-") || n.equals("pending") || n.equals("quarantine")
                || n.startsWith("results.parquet.") || n.endsWith(".tmp")), names.toString());
        List<String> table = new ArrayList<>();
        for (FileStatus st : MiniHdfs.fs().listStatus(new Path(dir, "results.parquet"))) table.add(st.getPath().getName());
        assertEquals(List.of("part-00000.parquet"), table);
    }

    /** Each key's copies on HDFS: rows of every table file and records anywhere but quarantine. */
    private static Map<String, Integer> copiesOnHdfs(String dir) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> it = MiniHdfs.fs().listFiles(new Path(dir), true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_") || p.toString().contains("/quarantine/")) continue;
            if (name.endsWith(".parquet")) {
                for (TableRow r : ParquetTable.read(new Configuration(), p, null)) out.merge(r.key(), 1, Integer::sum);
            } else if (name.endsWith(".json")) {
                out.merge(name.replace(".json", ""), 1, Integer::sum);
            }
        }
        return out;
    }
}
