package rwsweep.driver.store;

import rwsweep.driver.spark.RunOptions;
import rwsweep.driver.spark.RunReport;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.spark.SweepJob;
import rwsweep.driver.spark.SweepRunner;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * Each state a crash, a damaged file or an older rwsweep can leave a results directory in, made
 * here by hand: reading it changes nothing and finds every trial once; the next run repairs it,
 * trains only what is truly missing, and leaves every trial in the table exactly once.
 */
class ResultStoreTest extends SparkTest {
    private static final RunOptions QUIET = RunOptions.defaults().withProgress(false);

    @TempDir
    static Path shared;
    static Path finished;
    static SweepPlan plan;
    static TrialSpec third;
    static Map<String, String> before;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeAll
    static void runTwoTrials() {
        finished = shared.resolve("finished");
        plan = Digits.plan("store", List.of(Digits.spec(2, 1.0), Digits.spec(2, 1.2)));
        third = Digits.spec(2, 1.4);
        SweepRunner.run(plan, finished.toString(), QUIET);
        before = contents(finished);
    }

    /** Each test works on its own copy of the finished store. */
    @BeforeEach
    void copyStore() throws IOException {
        dir = tmp.resolve("out");
        copy(finished, dir);
    }

    private Map<String, String> contents() {
        return contents(dir);
    }

    /** Key → finishedAt and curve of everything the store reads. */
    private static Map<String, String> contents(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (TableRow row : ResultStore.open(dir.toString()).rows()) {
            String value = row.finishedAt() + " " + Arrays.toString((double[]) row.getAs("trainError"));
            assertEquals(null, out.put(row.key(), value), "key read twice: " + row.key());
        }
        return out;
    }

    /** How often each key appears in the table files and records on disk (before any merging). */
    private Map<String, Integer> copiesOnDisk() throws IOException {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || p.startsWith(dir.resolve("quarantine"))) continue;
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

    /** Every file under DIR with its size and modification time: what "changes nothing" compares. */
    private Map<String, String> tree() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private RunReport rerun(TrialSpec... extra) {
        List<TrialSpec> specs = new java.util.ArrayList<>(plan.trials());
        specs.addAll(List.of(extra));
        return SweepRunner.run(Digits.plan("store", specs), dir.toString(), QUIET);
    }

    private void assertEveryTrialOnceAndNoneRetrained(int trials) throws IOException {
        Map<String, String> now = contents();
        assertEquals(trials, now.size());
        for (Map.Entry<String, String> e : before.entrySet()) assertEquals(e.getValue(), now.get(e.getKey()), "not retrained");
        Map<String, Integer> copies = copiesOnDisk();
        assertEquals(now.keySet(), copies.keySet());
        for (Map.Entry<String, Integer> e : copies.entrySet()) assertEquals(1, e.getValue(), "one copy of " + e.getKey());
    }

    /**
     * The directory as the rwsweep before this store wrote it: a table Spark wrote (part-*-uuid
     * names, _SUCCESS, Hadoop's .crc files), and store.properties, sweep.yaml and trials.csv
     * through Hadoop's checksumming local file system.
     */
    private void makeLegacy() throws IOException {
        Path table = dir.resolve("results.parquet");
        spark.read().parquet(table.toString()).coalesce(1).write().parquet(dir.resolve("spark-table").toString());
        delete(table);
        Files.move(dir.resolve("spark-table"), table);
        FileSystem local = FileSystem.getLocal(new Configuration());
        for (String name : new String[] {"store.properties", "sweep.yaml", "trials.csv"}) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            Files.delete(dir.resolve(name));
            try (var out = local.create(new org.apache.hadoop.fs.Path(dir.resolve(name).toUri()))) {
                out.write(bytes);
            }
        }
        try (Stream<Path> leases = Files.list(dir)) {
            for (Path p : leases.filter(p -> p.getFileName().toString().startsWith("lease.")).toList()) Files.delete(p);
        }
        assertTrue(Files.exists(dir.resolve(".store.properties.crc")));
    }

    @Test
    void anOlderStoreOpensUnchangedAndResumes() throws IOException {
        makeLegacy();
        Map<String, String> files = tree();
        assertEquals(before, contents());
        assertEquals(files, tree(), "reading wrote nothing");

        RunReport report = rerun(third);
        assertEquals(2, report.skipped());
        assertEquals(1, report.ran());
        assertEveryTrialOnceAndNoneRetrained(3);
        try (Stream<Path> table = Files.list(dir.resolve("results.parquet"))) {
            assertEquals(List.of("part-00000.parquet"), table.map(p -> p.getFileName().toString()).toList());
        }
        assertFalse(Files.exists(dir.resolve(".trials.csv.crc")), "no stale checksum beside the rewritten trials.csv");
    }

    /** An older rwsweep's swap cut short: read around without a change; only a run repairs it. */
    @ParameterizedTest
    @ValueSource(strings = {"next-complete", "old-and-next-unfinished", "old-after-swap"})
    void aHalfDoneOlderSwapIsReadAroundAndRepairedByTheNextRun(String state) throws IOException {
        makeLegacy();
        Path results = dir.resolve("results.parquet");
        switch (state) {
            // results.parquet moved aside to .old, the complete .next not yet renamed into place
            case "next-complete" -> {
                Files.move(results, dir.resolve("results.parquet.old"));
                copy(dir.resolve("results.parquet.old"), dir.resolve("results.parquet.next"));
            }
            // while Spark was still writing .next (no _SUCCESS), after results was moved to .old
            case "old-and-next-unfinished" -> {
                copy(results, dir.resolve("results.parquet.next"));
                Files.delete(dir.resolve("results.parquet.next/_SUCCESS"));
                Files.move(results, dir.resolve("results.parquet.old"));
            }
            // after the swap, before .old was deleted
            case "old-after-swap" -> copy(results, dir.resolve("results.parquet.old"));
            default -> throw new AssertionError(state);
        }
        Map<String, String> files = tree();
        assertEquals(before, contents());
        assertEquals(files, tree(), "reading wrote nothing");

        RunReport report = rerun();
        assertEquals(2, report.skipped());
        assertEquals(0, report.ran());
        assertFalse(Files.exists(dir.resolve("results.parquet.next")));
        assertFalse(Files.exists(dir.resolve("results.parquet.old")));
        assertEveryTrialOnceAndNoneRetrained(2);
    }

    @Test
    void recordsCompactedTwiceAreStoredOnce() throws IOException {
        // Crash after the new table was in place, before the frozen records were deleted: the
        // records of both trials are in results.parquet and again under compacting-T.
        SweepJob.run(spark, plan.trials(), plan.data(), plan.name(), dir.resolve("pending").toString(), r -> { });
        Files.move(dir.resolve("pending"), dir.resolve("compacting-1"));
        Map<String, String> seen = contents();
        assertEquals(before.keySet(), seen.keySet());

        rerun();
        assertFalse(Files.exists(dir.resolve("compacting-1")));
        assertEquals(seen, contents(), "the later records won");
        assertEquals(2, spark.read().parquet(dir.resolve("results.parquet").toString()).count(), "one Parquet row per key");
    }

    /**
     * A record cut short, garbage, holding another trial's content, or failing the checksum Hadoop
     * keeps beside it: left out by readers, set aside by the next run, its trial run again.
     */
    @ParameterizedTest
    @ValueSource(strings = {"truncated", "garbage", "another key", "checksum mismatch"})
    void aDamagedRecordIsSetAsideAndItsTrialRunsAgain(String damage) throws IOException {
        SweepJob.run(spark, List.of(third), plan.data(), plan.name(), dir.resolve("pending").toString(), r -> { });
        Path record = dir.resolve("pending/" + third.key() + ".json");
        String text = Files.readString(record);
        // as an older rwsweep wrote it: through Hadoop's local file system, with a checksum file beside it
        Files.delete(record);
        try (var out = FileSystem.getLocal(new Configuration()).create(new org.apache.hadoop.fs.Path(record.toUri()))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(Files.exists(dir.resolve("pending/." + third.key() + ".json.crc")), "Hadoop's checksum file is beside it");
        switch (damage) {
            case "truncated" -> Files.writeString(record, text.substring(0, text.length() / 2));
            case "garbage" -> Files.write(record, new byte[] {0, 1, 2, (byte) 0xff, 'x'});
            case "another key" -> Files.writeString(record, text.replace(third.key(), plan.trials().get(0).key()));
            // one digit changed, same length: still JSON, but not the bytes the checksum was taken of
            case "checksum mismatch" -> Files.writeString(record, text.replaceFirst("\"depth\":2", "\"depth\":3"));
            default -> throw new AssertionError(damage);
        }
        Map<String, String> files = tree();
        assertEquals(before, contents(), "readers leave the record out");
        assertEquals(files, tree(), "reading wrote nothing");

        RunReport report = rerun(third);
        assertEquals(2, report.skipped());
        assertEquals(1, report.ran());
        assertEveryTrialOnceAndNoneRetrained(3);
        try (Stream<Path> aside = Files.list(dir.resolve("quarantine"))) {
            assertEquals(List.of("compacting-"), aside.map(p -> p.getFileName().toString().replaceAll("[0-9]+-.*", ""))
                    .filter(n -> !n.startsWith(".")).toList());
        }
    }

    @Test
    void aGarbageTableIsOneWarningAndTrialsCsvStandsIn() throws IOException {
        Path part = dir.resolve("results.parquet/part-00000.parquet");
        Files.write(part, "not parquet at all".getBytes(StandardCharsets.UTF_8));
        assertEquals(before, contents());

        RunReport report = rerun();
        assertEquals(2, report.skipped(), "trials.csv held them: none trained again");
        assertEveryTrialOnceAndNoneRetrained(2);
        assertTrue(Files.exists(dir.resolve("quarantine/results.parquet-part-00000.parquet")));
    }

    @Test
    void aTruncatedTableWithItsChecksumFileIsReadAroundToo() throws IOException {
        makeLegacy();
        Path part;
        try (Stream<Path> table = Files.list(dir.resolve("results.parquet"))) {
            part = table.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(before, contents());
        assertEquals(2, rerun().skipped());
        assertEveryTrialOnceAndNoneRetrained(2);
    }

    @Test
    void aDeletedTableIsRebuiltFromTrialsCsvNotRetrained() throws IOException {
        delete(dir.resolve("results.parquet"));
        assertEquals(before, contents());
        RunReport report = rerun();
        assertEquals(2, report.skipped());
        assertEveryTrialOnceAndNoneRetrained(2);
    }

    @Test
    void aHandEditedPropertiesFileStillNamesItsSweep() throws IOException {
        makeLegacy();
        Path props = dir.resolve("store.properties");
        Files.writeString(props, Files.readString(props).replace("sweep=store", "sweep=renamed"));
        UserError e = assertThrows(UserError.class, this::rerun);
        assertEquals("results directory " + dir + " holds sweep 'renamed', not 'store': choose another --out directory,"
                + " or pass --merge to add 'store' to it", e.getMessage());
    }

    @Test
    void tempFilesOfKilledWritersAreRemovedByTheNextRun() throws IOException {
        Files.writeString(dir.resolve(".trials.csv.w999.tmp"), "half a csv");
        Files.writeString(dir.resolve(".sweep.yaml.w999.tmp"), "half a yaml");
        Files.writeString(dir.resolve("results.parquet/.part-00000.parquet.c999.tmp"), "half a table");
        assertEquals(before, contents());
        rerun();
        assertFalse(Files.exists(dir.resolve(".trials.csv.w999.tmp")));
        assertFalse(Files.exists(dir.resolve(".sweep.yaml.w999.tmp")));
        assertFalse(Files.exists(dir.resolve("results.parquet/.part-00000.parquet.c999.tmp")));
        assertEveryTrialOnceAndNoneRetrained(2);
    }

    /**
     * The table this store writes has the schema Spark writes for the same columns, reads in Spark
     * as the rows themselves, and reads in a reader without Spark (Parquet's example Group API, as
     * pyarrow sees it) as strings, numbers and lists of numbers.
     */
    @Test
    void theTableIsTheParquetSparkWritesAndReads() throws IOException {
        makeLegacy();
        Path sparks;
        try (Stream<Path> table = Files.list(dir.resolve("results.parquet"))) {
            sparks = table.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Path copyOfOurs = Files.copy(finished.resolve("results.parquet/part-00000.parquet"), tmp.resolve("ours.parquet"));
        assertEquals(schema(sparks), schema(copyOfOurs), "the same Parquet schema as Spark writes");
        assertEquals(spark.read().parquet(sparks.toString()).schema(), spark.read().parquet(copyOfOurs.toString()).schema());
        List<Row> a = spark.read().parquet(sparks.toString()).collectAsList();
        List<Row> b = spark.read().parquet(copyOfOurs.toString()).collectAsList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), "row " + i);

        Map<String, TrialResult> stored = new HashMap<>();
        for (TrialResult r : ResultStore.open(finished.toString()).results()) stored.put(r.key(), r);
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(copyOfOurs.toUri())).build()) {
            int rows = 0;
            for (Group g = reader.read(); g != null; g = reader.read(), rows++) {
                TrialResult r = stored.get(g.getString("key", 0));
                assertEquals(r.spec().depth(), g.getInteger("depth", 0));
                assertEquals(r.spec().seed(), g.getLong("seed", 0));
                assertEquals(r.minTrainError(), g.getDouble("minTrainError", 0));
                Group curve = g.getGroup("trainError", 0);
                double[] trainError = new double[curve.getFieldRepetitionCount("list")];
                for (int e = 0; e < trainError.length; e++) trainError[e] = curve.getGroup("list", e).getDouble("element", 0);
                assertTrue(Arrays.equals(r.trainError(), trainError), "a list of doubles");
            }
            assertEquals(2, rows);
        }
    }

    private static MessageType schema(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData().getSchema();
        }
    }

    @Test
    void aSecondRunIsRefusedNamingTheFirstAndWritesNothing() throws IOException {
        try (ResultStore first = ResultStore.claim(dir.toString(), plan, false, new Configuration())) {
            Map<String, String> files = tree();
            UserError e = assertThrows(UserError.class, this::rerun);
            assertTrue(e.getMessage().startsWith("results directory " + dir + " is in use by the run of pid "
                    + ProcessHandle.current().pid() + " on host "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(files, tree(), "the refused run wrote nothing");
        }
        assertEquals(2, rerun().skipped(), "free again once the first run released it");
    }

    @Test
    void aLeaseWhoseProcessIsGoneIsTakenOverAtOnce() throws IOException, InterruptedException {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(dir.resolve("lease.7"), "host=" + host + "\npid=" + gone.pid() + "\nstate=held\n");
        assertEquals(2, rerun().skipped());
        assertTrue(Files.exists(dir.resolve("lease.8")));
        assertFalse(Files.exists(dir.resolve("lease.7")));
    }

    @Test
    void aLeaseOfAnotherHostIsRespectedUntilItIsStale() throws IOException {
        Path lease = Files.writeString(dir.resolve("lease.3"), "host=elsewhere.example\npid=4242\nstate=held\n");
        UserError e = assertThrows(UserError.class, this::rerun);
        assertTrue(e.getMessage().contains("in use by the run of pid 4242 on host elsewhere.example"), e.getMessage());

        Files.setLastModifiedTime(lease, FileTime.fromMillis(System.currentTimeMillis() - Lease.STALE.toMillis() - 5000));
        assertEquals(2, rerun().skipped());
        assertEveryTrialOnceAndNoneRetrained(2);
    }

    @Test
    void aDirectoryWithoutStoreIsNotOpened() throws IOException {
        delete(dir.resolve("store.properties"));
        UserError e = assertThrows(UserError.class, () -> ResultStore.open(dir.toString()));
        assertEquals(dir + " is not an rwsweep results directory: it has no store.properties", e.getMessage());
    }

    @Test
    void aStoreOpenedToReadCannotCompact() {
        assertThrows(IllegalStateException.class, () -> ResultStore.open(dir.toString()).compact());
    }
}
