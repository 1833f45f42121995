package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.store.MiniHdfs;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.TableRow;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.TrainingData;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.data.MnistSample;

/**
 * The command line against a real HDFS (an in-process MiniDFSCluster, {@link MiniHdfs}): a sweep
 * whose data and results both live on hdfs:// runs, resumes, grows, takes in another sweep
 * (--merge), writes its summary beside its results on HDFS, is summarised again, checked against
 * the paper and has a trial replayed — each from what is on HDFS alone. Data files on HDFS read as the same data as local
 * copies (same dataset id, hence the same trial keys), and a missing one is one line.
 */
@Tag("hdfs")
@ExtendWith(MiniHdfs.class)
class HdfsSweepTest extends SparkTest {
    @TempDir
    static Path tmp;
    static String data;   // hdfs://…/data: the bundled MNIST sample's IDX files, and a CSV

    @BeforeAll
    static void putDataOnHdfs() throws IOException {
        data = MiniHdfs.dir("data");
        FileSystem fs = MiniHdfs.fs();
        for (String name : new String[] {MnistSample.IMAGES, MnistSample.LABELS}) {
            try (InputStream in = MnistSample.class.getResourceAsStream(name);
                 OutputStream out = fs.create(new org.apache.hadoop.fs.Path(data + "/" + name))) {
                in.transferTo(out);
            }
        }
    }

    /** A training sweep of tiny nets on the first 200 digits of the IDX files on HDFS. */
    private static Path sweep(String file, String name, String depths, String seeds) throws IOException {
        return Files.writeString(tmp.resolve(file), String.join("\n",
                "name: " + name,
                "data: {source: idx, images: " + data + "/" + MnistSample.IMAGES + ", labels: " + data + "/" + MnistSample.LABELS
                        + ", n: 200}",
                "nonlinearities: tanh",
                "depths: " + depths,
                // fixed, not the largest depth (the default), so adding a depth keeps the trials' keys
                "d_max: 5",
                "width: 16",
                "init: gaussian",
                "g: [0.9, 1.1]",
                "lambda: [0.02, 0.02]",
                "epochs: 2",
                "batch: 20",
                "seeds: " + seeds, ""));
    }

    private static Cli run(Path sweep, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", sweep.toString(), "--out", out, "--no-progress", "--master", "local[2]"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(new String[0]));
    }

    private static Map<String, String> finishedAt(String dir) {
        Map<String, String> out = new TreeMap<>();
        for (TableRow row : ResultStore.open(dir).rows()) out.put(row.key(), row.finishedAt());
        return out;
    }

    /** Every file under {@code dir} on HDFS, as paths relative to it. */
    private static List<String> filesUnder(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = MiniHdfs.fs().listFiles(new org.apache.hadoop.fs.Path(dir), true);
        String prefix = MiniHdfs.fs().makeQualified(new org.apache.hadoop.fs.Path(dir)).toString() + "/";
        while (it.hasNext()) out.add(it.next().getPath().toString().substring(prefix.length()));
        return out;
    }

    private static String read(String file) throws IOException {
        try (InputStream in = MiniHdfs.fs().open(new org.apache.hadoop.fs.Path(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSweepOnHdfsResumesGrowsMergesAndIsSummarisedAndReplayedFromHdfs() throws IOException {
        String dir = MiniHdfs.dir("results");
        Path first = sweep("hdfs-sweep.yaml", "hdfs-sweep", "[2, 3]", "[1]");

        // a first run: 2 g × 2 depths; its summary goes next to the results, on HDFS
        Cli run = run(first, dir);
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("4 trials: 0 already done, 4 run (4 ok, 0 diverged, 0 failed)"), run.out);
        assertTrue(run.out.contains("summary: " + dir + "/summary/index.html"), run.out);
        List<String> files = filesUnder(dir);
        for (String f : List.of("store.properties", "sweep.yaml", "trials.csv", "results.parquet/part-00000.parquet",
                "summary/index.html", "summary/figure3.csv", "summary/tables/progress.csv")) {
            assertTrue(files.contains(f), f + " in " + files);
        }
        assertTrue(files.stream().anyMatch(f -> f.startsWith("summary/plots/") && f.endsWith(".png")), files.toString());
        assertFalse(Files.exists(Path.of("results", "hdfs-sweep")), "nothing on the driver's local disk");
        Map<String, String> firstFour = finishedAt(dir);
        assertEquals(4, firstFour.size());

        // the same command again: everything is done
        Cli again = run(first, dir);
        assertEquals(0, again.exitCode, again.err);
        assertTrue(again.out.contains("4 trials: 4 already done, 0 run"), again.out);
        assertEquals(firstFour, finishedAt(dir));

        // more depths and seeds in the sweep file: only the new trials run
        Path grown = sweep("hdfs-sweep.yaml", "hdfs-sweep", "[2, 3, 4]", "[1, 2]");
        Cli extend = run(grown, dir);
        assertEquals(0, extend.exitCode, extend.err);
        assertTrue(extend.out.contains("12 trials: 4 already done, 8 run (8 ok, 0 diverged, 0 failed)"), extend.out);
        Map<String, String> twelve = finishedAt(dir);
        assertEquals(12, twelve.size());
        firstFour.forEach((key, at) -> assertEquals(at, twelve.get(key), "not trained again: " + key));
        assertEquals(13, read(dir + "/trials.csv").lines().count(), "trials.csv on HDFS: a header and 12 rows");
        assertEquals(Files.readString(grown), read(dir + "/sweep.yaml"));

        // summarize: from HDFS alone, planned count from the sweep.yaml there (whose data is on HDFS too)
        MiniHdfs.fs().delete(new org.apache.hadoop.fs.Path(dir + "/summary/index.html"), false);
        // a plot of an earlier summary that this one lacks goes, as locally; other files stay
        MiniHdfs.fs().create(new org.apache.hadoop.fs.Path(dir + "/summary/plots/gone-panel.png")).close();
        MiniHdfs.fs().create(new org.apache.hadoop.fs.Path(dir + "/summary/notes.txt")).close();
        Cli summarize = Cli.run("summarize", dir);
        assertEquals(0, summarize.exitCode, summarize.err);
        List<String> summary = filesUnder(dir + "/summary");
        assertFalse(summary.contains("plots/gone-panel.png"), summary.toString());
        assertTrue(summary.contains("notes.txt") && summary.contains("index.html"), summary.toString());
        assertFalse(summary.stream().anyMatch(f -> f.contains(".tmp")), summary.toString());
        assertEquals("summary: " + dir + "/summary/index.html\n", summarize.out);
        assertTrue(read(dir + "/summary/index.html").contains("12 of 12 trials done"), "progress line of index.html");
        assertEquals(List.of("done,planned,ok,diverged,failed,pruned", "12,12,12,0,0,0"), read(dir + "/summary/tables/progress.csv").lines().toList());

        // check: the paper's claims, from the store on HDFS
        Cli check = Cli.run("check", dir, "--no-fail");
        assertEquals(0, check.exitCode, check.err);
        assertTrue(check.out.lines().anyMatch(l -> l.matches("claim +verdict +evidence")), check.out);

        // replay one trial from the store and sweep file on HDFS
        String key = twelve.keySet().iterator().next();
        Cli replay = Cli.run("replay", dir, key);
        assertEquals(0, replay.exitCode, replay.out + replay.err);
        assertTrue(replay.out.startsWith("reproduced " + key), replay.out);

        // another sweep into the same directory: refused without --merge, kept beside it with
        Path other = sweep("other.yaml", "other", "[5]", "[1]");
        Cli refused = run(other, dir);
        assertEquals(UserError.EXIT_CODE, refused.exitCode);
        assertEquals("results directory " + dir + " holds sweep 'hdfs-sweep', not 'other': choose another --out directory,"
                + " or pass --merge to add 'other' to it", refused.err.strip());
        Cli merged = run(other, dir, "--merge");
        assertEquals(0, merged.exitCode, merged.err);
        assertTrue(merged.out.contains("2 trials: 0 already done, 2 run"), merged.out);
        Map<String, String> all = finishedAt(dir);
        assertEquals(14, all.size());
        twelve.forEach((k, at) -> assertEquals(at, all.get(k), "the merge keeps " + k));
        assertEquals(Files.readString(other), read(dir + "/sweep-other.yaml"));
        assertEquals(Files.readString(grown), read(dir + "/sweep.yaml"), "the owner's sweep file stays");

        // what is left on HDFS: one table file, no records, no temp files, the lease released
        List<String> left = filesUnder(dir);
        assertEquals(List.of("results.parquet/part-00000.parquet"), left.stream().filter(f -> f.startsWith("results.parquet")).toList());
        assertFalse(left.stream().anyMatch(f -> f.startsWith("pending/") || f.startsWith("compacting-") || f.contains(".tmp")), left.toString());
        FileStatus[] leases = MiniHdfs.fs().globStatus(new org.apache.hadoop.fs.Path(dir + "/lease.*"));
        assertEquals(1, leases.length);
        assertTrue(read(leases[0].getPath().toString()).contains("state=released"));
    }

    /** The IDX files and a CSV on HDFS give exactly the data of the local copies: same id, so same trial keys. */
    @Test
    void dataFilesOnHdfsAreTheSameDataAsLocalCopies() throws IOException {
        String idx = "data: {source: idx, images: %s/" + MnistSample.IMAGES + ", labels: %s/" + MnistSample.LABELS + ", n: 300}\n"
                + "depths: 2\nwidth: 4\n";
        Dataset fromHdfs = TrainingData.load(SweepFile.parse("idx.yaml", tmp, idx.formatted(data, data)));
        Dataset bundled = TrainingData.load(SweepFile.parse("b.yaml", tmp, "data: {source: mnist-sample, n: 300}\ndepths: 2\nwidth: 4\n"));
        assertEquals(bundled.id(), fromHdfs.id());
        assertEquals(300, fromHdfs.size());

        // a CSV of 30 rows, label in column 2, written locally and to HDFS
        StringBuilder csv = new StringBuilder("x0,x1,label\n");
        for (int i = 0; i < 30; i++) csv.append(i * 0.5).append(',').append(Math.sin(i)).append(',').append(i % 3).append('\n');
        Path local = Files.writeString(tmp.resolve("small.csv"), csv);
        String remote = data + "/small.csv";
        try (OutputStream out = MiniHdfs.fs().create(new org.apache.hadoop.fs.Path(remote))) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        String sweep = "data: {source: csv, file: %s, label_column: 2}\ndepths: 2\nwidth: 4\nbatch: 10\n";
        Dataset a = TrainingData.load(SweepFile.parse("l.yaml", tmp, sweep.formatted(local)));
        Dataset b = TrainingData.load(SweepFile.parse("r.yaml", tmp, sweep.formatted(remote)));
        assertEquals(a.id(), b.id());
        assertEquals(30, b.size());
        assertEquals(3, b.classes());
        assertEquals(List.of("csv small.csv"), List.of(SweepFile.parse("r.yaml", tmp, sweep.formatted(remote)).data().what()));
    }

    /** A data file missing on HDFS: one line naming the sweep file, the key and the URI; nothing starts, nothing is written. */
    @Test
    void aMissingDataFileOnHdfsIsOneLine() throws IOException {
        String missing = data + "/no-such.csv";
        Path sweep = Files.writeString(tmp.resolve("missing.yaml"), "name: missing\ndata: {source: csv, file: " + missing + "}\n"
                + "depths: 2\nwidth: 4\n");
        String expected = sweep + ": data.file: no file " + missing + "; allowed: " + SweepKey.DATA_FILE.allowed();
        String out = MiniHdfs.dir("missing-out");
        Cli run = run(sweep, out);
        assertEquals(UserError.EXIT_CODE, run.exitCode);
        assertEquals(expected, run.err.strip());
        assertFalse(MiniHdfs.fs().exists(new org.apache.hadoop.fs.Path(out)), "nothing written");
        Cli plan = Cli.run("plan", sweep.toString());
        assertEquals(UserError.EXIT_CODE, plan.exitCode);
        assertEquals(expected, plan.err.strip());

        Path dirAsFile = Files.writeString(tmp.resolve("dir.yaml"), "name: d\ndata: {source: csv, file: " + data + "}\ndepths: 2\nwidth: 4\n");
        Cli directory = Cli.run("plan", dirAsFile.toString());
        assertEquals(UserError.EXIT_CODE, directory.exitCode);
        assertEquals(dirAsFile + ": data.file: cannot read " + data + ": it is a directory, not a file; allowed: "
                + SweepKey.DATA_FILE.allowed(), directory.err.strip());
    }
}
