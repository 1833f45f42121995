package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.Progressable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.TableRow;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.spec.TrialSpec;

/**
 * A driver killed with SIGKILL at each moment a run has — the instant a record lands, mid-trials
 * (twice in a row), the start compaction before and after its swap, after the last trial, the end
 * compaction before and after its swap, while writing trials.csv, during the summary — and run
 * again each time into the same directory: nothing is lost, nothing is stored twice, and no trial
 * whose record had landed is trained again (its finishedAt never changes).
 *
 * <p>Each run is a child JVM ({@link #main}) whose local file system kills it with
 * {@code kill -9} at its moment; the moments are found by the file operations that make them (a
 * record's rename into pending/, the read-back of a new table, the delete of compacting-*, the
 * temp file of trials.csv). Slower than the brief's minute: five of the ten runs start Spark, so
 * 2 minutes on 2 cores, 5 when other work shares them; hence the "slow" tag (it runs in
 * {@code mvn verify}; {@code -DexcludedGroups=slow} leaves it out of a quick run).
 */
@Tag("slow")
class KilledDriverTest {
    private static final List<TrialSpec> SPECS = new ArrayList<>();
    static {
        for (int i = 0; i < 16; i++) SPECS.add(Digits.spec(2 + i % 2, 0.6 + 0.1 * (i / 2)));
    }

    @TempDir
    Path tmp;

    /** The child: a run of the first {@code args[1]} trials into {@code args[0]}, killed at {@code args[2]}. */
    public static void main(String[] args) {
        System.setProperty("rwsweep.test.kill", args[2]);
        System.setProperty("spark.hadoop.fs.file.impl", KillingLocalFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.file.impl.disable.cache", "true");
        SweepPlan plan = Digits.plan("killed", SPECS.subList(0, Integer.parseInt(args[1])));
        RunReport report = SweepRunner.run(plan, args[0], RunOptions.defaults().withMaster("local[2]").withProgress(false)
                .withConf("spark.ui.enabled", "false"), store -> {
                    store.results(); // the summary reads the store first
                    if (args[2].equals("summary")) KillingRawFileSystem.kill("summary");
                });
        System.out.println(report);
        System.exit(0);
    }

    /** Hadoop's local file system over {@link KillingRawFileSystem}, as file: in the child. */
    public static final class KillingLocalFileSystem extends LocalFileSystem {
        public KillingLocalFileSystem() { super(new KillingRawFileSystem()); }
    }

    /** The local disk, with {@code kill -9} of this JVM at the moment {@code rwsweep.test.kill} names. */
    public static final class KillingRawFileSystem extends RawLocalFileSystem {
        private static final String MOMENT = System.getProperty("rwsweep.test.kill", "none");
        private static int records;

        static void kill(String moment) {
            System.out.println("KILLED at " + moment);
            System.out.flush();
            try {
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(60_000);
            } catch (IOException | InterruptedException e) {
                Runtime.getRuntime().halt(99);
            }
        }

        @Override
        public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
            boolean done = super.rename(src, dst);
            if (done && dst.getParent().getName().equals("pending") && dst.getName().endsWith(".json")) {
                int n;
                synchronized (KillingRawFileSystem.class) { n = ++records; }
                if (MOMENT.equals("record:" + n)) kill(MOMENT);
            }
            return done;
        }

        /** A new table is read back before its swap: "before the swap". */
        @Override
        public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
            if (f.getName().startsWith(".part-00000.parquet.") && f.getName().endsWith(".tmp")) {
                if (MOMENT.equals(records == 0 ? "swap-start" : "swap-end")) kill(MOMENT);
            }
            return super.open(f, bufferSize);
        }

        /** The frozen records are deleted after the swap: "after the swap". */
        @Override
        public boolean delete(org.apache.hadoop.fs.Path f, boolean recursive) throws IOException {
            if (f.getName().startsWith("compacting-")) {
                if (MOMENT.equals(records == 0 ? "after-swap-start" : "after-swap-end")) kill(MOMENT);
            }
            return super.delete(f, recursive);
        }

        private static int saves;

        /**
         * trials.csv is being written: its temp file exists, the rename has not happened. Or the
         * n-th save of a trial's state ("checkpoint:n") has begun: its temp file holds a few bytes,
         * the state saved before it is in place. Every save prints "SAVING n".
         */
        @Override
        public FSDataOutputStream create(org.apache.hadoop.fs.Path f, boolean overwrite, int bufferSize, short replication,
                                         long blockSize, Progressable progress) throws IOException {
            FSDataOutputStream out = super.create(f, overwrite, bufferSize, replication, blockSize, progress);
            String moment = null;
            if (f.getName().startsWith(".trials.csv.") && MOMENT.equals("csv")) moment = MOMENT;
            if (f.getParent().getName().equals("checkpoints") && f.getName().endsWith(".tmp")) {
                int n;
                synchronized (KillingRawFileSystem.class) { n = ++saves; }
                System.out.println("SAVING " + n);
                if (MOMENT.equals("checkpoint:" + n)) moment = MOMENT;
            }
            if (moment != null) {
                out.write("key,sweep".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.hflush();
                kill(moment);
            }
            return out;
        }
    }

    /** One child run; returns its output. */
    private String child(Path dir, int trials, String moment) throws IOException, InterruptedException {
        return child(tmp, KilledDriverTest.class, moment, dir.toString(), Integer.toString(trials), moment);
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM of this JVM's flags and class path, its
     * output logged under {@code tmp}; checks that it ended with exit 0 ({@code moment} "none") or
     * was killed by SIGKILL at {@code moment}; returns its output.
     */
    static String child(Path tmp, Class<?> main, String moment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-Xmx")) command.add(arg);
        }
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path log = tmp.resolve("child-" + moment.replace(':', '-') + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not end: " + moment);
        String out = Files.readString(log);
        if (moment.equals("none")) {
            assertEquals(0, p.exitValue(), out);
        } else {
            assertTrue(out.contains("KILLED at " + moment), "the moment was reached: " + out);
            assertEquals(137, p.exitValue(), "killed by SIGKILL: " + out);
        }
        return out;
    }

    @Test
    void aDriverKilledAtAnyMomentLosesNothingDuplicatesNothingRecomputesNothing() throws Exception {
        Path dir = tmp.resolve("out");
        Map<String, String> firstSeen = new TreeMap<>();
        String[][] steps = {
                {"8", "record:1"},          // the instant a record lands
                {"8", "record:3"},          // mid-trials, and the second kill in a row
                {"8", "swap-start"},        // start compaction, before its swap
                {"8", "after-swap-start"},  // start compaction, after its swap (records not yet deleted)
                {"8", "last"},              // after the last trial, before the end compaction
                {"12", "swap-end"},         // end compaction, before its swap
                {"16", "after-swap-end"},   // end compaction, after its swap
                {"16", "csv"},              // while writing trials.csv
                {"16", "summary"},          // during the summary
                {"16", "none"}};            // the run that finishes
        for (String[] step : steps) {
            int trials = Integer.parseInt(step[0]);
            String moment = step[1];
            if (moment.equals("last")) moment = "record:" + (trials - stored(dir, trials));
            String out = child(dir, trials, moment);
            Map<String, String> now = finishedAt(dir);
            for (Map.Entry<String, String> e : now.entrySet()) {
                String before = firstSeen.putIfAbsent(e.getKey(), e.getValue());
                assertTrue(before == null || before.equals(e.getValue()), "trained again after " + moment + ": " + e.getKey());
            }
            assertTrue(now.keySet().containsAll(firstSeen.keySet()), "lost a trial at " + moment);
            if (moment.equals("none")) assertTrue(out.contains("16 trials: 16 already done, 0 run"), out);
        }
        assertEquals(16, firstSeen.size());
        Map<String, Integer> copies = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                copies.merge(p.getFileName().toString(), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(), copies, "no record left behind");
        assertEquals(16, ResultStore.open(dir.toString()).results().size());
        assertEquals(17, Files.readAllLines(dir.resolve("trials.csv")).size(), "trials.csv: a header and 16 rows");
    }

    private static int stored(Path dir, int trials) {
        Map<String, String> now = finishedAt(dir);
        int n = 0;
        for (TrialSpec spec : SPECS.subList(0, trials)) if (now.containsKey(spec.key())) n++;
        return n;
    }

    private static Map<String, String> finishedAt(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(dir.resolve("store.properties"))) return out;
        for (TableRow row : ResultStore.open(dir.toString()).rows()) {
            assertEquals(null, out.put(row.key(), row.finishedAt()), "read twice: " + row.key());
        }
        return out;
    }
}
