package rwsweep.driver.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Trainer;
import rwsweep.worker.spec.TrialSpec;

/**
 * A compaction whose every rename and delete, in turn, returns false, throws, or crashes the
 * writer just before or just after it ({@link FaultyFileSystem}): right after, a reader finds every
 * trial once with its original finishedAt; the next compaction then leaves each trial in the
 * table exactly once, no record behind, nothing set aside. No Spark: the records are written as an
 * executor writes them.
 */
class CompactionFaultTest {
    private static Path fixture;
    private static SweepPlan plan;
    private static Map<String, String> expected;

    @TempDir
    Path tmp;

    /**
     * A store in the middle of things: two trials in a table of the older layout (Spark's part-*
     * name and _SUCCESS), two new records in pending/, and a compacting-* left by an interrupted
     * compaction holding a second record of a compacted trial.
     */
    private static synchronized Path fixture() throws IOException {
        if (fixture != null) return fixture;
        fixture = Files.createTempDirectory("rwsweep-faults");
        List<TrialSpec> specs = List.of(Digits.spec(2, 0.9), Digits.spec(2, 1.1), Digits.spec(2, 1.3), Digits.spec(2, 1.5));
        plan = Digits.plan("faults", specs);
        Path dir = fixture.resolve("store");
        try (ResultStore store = ResultStore.claim(dir.toString(), plan, false, new Configuration())) {
            record(dir.resolve("pending"), specs.get(0));
            record(dir.resolve("pending"), specs.get(1));
            store.compact();
            record(dir.resolve("pending"), specs.get(2));
            record(dir.resolve("pending"), specs.get(3));
            record(dir.resolve("compacting-5"), specs.get(0));
        }
        Path table = dir.resolve("results.parquet");
        Files.move(table.resolve("part-00000.parquet"), table.resolve("part-00000-1f2e-c000.snappy.parquet"));
        Files.writeString(table.resolve("_SUCCESS"), "");
        expected = finishedAt(dir.toString());
        assertEquals(4, expected.size());
        return fixture;
    }

    /** A trial's record as the executor writes it (temp file, then rename; Hadoop's checksum beside it). */
    private static void record(Path pending, TrialSpec spec) throws IOException {
        String line = ResultColumns.jsonLine(new ResultColumns.Stored("faults", Instant.now().toString(), Trainer.run(spec, Digits.data())));
        FileSystem local = FileSystem.getLocal(new Configuration());
        AtomicFile.writeOnce(local, new org.apache.hadoop.fs.Path(pending.resolve(spec.key() + ".json").toUri()), "a1",
                out -> out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Map<String, String> finishedAt(String dir) {
        Map<String, String> out = new TreeMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) out.put(row.key(), row.finishedAt());
        return out;
    }

    /** Every (operation, fault) pair of one compaction of the fixture. */
    static Stream<Arguments> faults() throws IOException {
        Path dir = Files.createTempDirectory("rwsweep-count");
        copy(fixture().resolve("store"), dir.resolve("store"));
        List<String> ops;
        try (ResultStore store = ResultStore.claim("faulty://" + dir.resolve("store"), plan, false, FaultyFileSystem.conf())) {
            FaultyFileSystem.arm(0, null);
            store.compact();
            ops = FaultyFileSystem.operations();
        } finally {
            FaultyFileSystem.disarm();
        }
        System.out.println("renames and deletes of one compaction: " + ops);
        assertTrue(ops.size() >= 5, "renames and deletes of a compaction: " + ops);
        List<Arguments> out = new ArrayList<>();
        for (int k = 1; k <= ops.size(); k++) {
            for (FaultyFileSystem.Fault f : FaultyFileSystem.Fault.values()) out.add(Arguments.of(k, ops.get(k - 1), f));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{2} at {0}: {1}")
    @MethodSource("faults")
    void everyTrialOnceWhateverStepGoesWrong(int step, String operation, FaultyFileSystem.Fault fault) throws IOException {
        Path dir = tmp.resolve("store");
        copy(fixture().resolve("store"), dir);
        ResultStore store = ResultStore.claim("faulty://" + dir, plan, false, FaultyFileSystem.conf());
        FaultyFileSystem.arm(step, fault);
        try {
            store.compact();
        } catch (RuntimeException stopped) {
            // a refused or failed step stops the compaction; that is the point
        } finally {
            List<String> ops = FaultyFileSystem.operations();
            FaultyFileSystem.disarm();
            store.close();
            assertTrue(ops.size() >= Math.min(step, 1), "the armed step was reached: " + ops);
        }
        assertEquals(expected, finishedAt(dir.toString()), "right after the fault, a reader finds every trial once");

        try (ResultStore next = ResultStore.claim(dir.toString(), plan, false, new Configuration())) {
            next.compact();
        }
        assertEquals(expected, finishedAt(dir.toString()));
        Map<String, Integer> copies = copiesOnDisk(dir);
        assertEquals(expected.keySet(), copies.keySet());
        copies.forEach((key, n) -> assertEquals(1, n, "one copy of " + key + " on disk: " + copies));
        try (Stream<Path> left = Files.list(dir)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith("compacting-") || n.equals("pending") || n.equals("quarantine")
                    || n.startsWith("results.parquet.")), names.toString());
        }
    }

    static Map<String, Integer> copiesOnDisk(Path dir) throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("_") || p.startsWith(dir.resolve("quarantine"))) continue;
                if (name.endsWith(".parquet")) {
                    for (TableRow r : ParquetTable.read(new Configuration(), new org.apache.hadoop.fs.Path(p.toUri()), null)) {
                        out.merge(r.key(), 1, Integer::sum);
                    }
                } else if (name.endsWith(".json")) {
                    out.merge(name.replace(".json", ""), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }
}
