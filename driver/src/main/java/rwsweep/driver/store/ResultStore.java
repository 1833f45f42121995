package rwsweep.driver.store;

import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.WalkResult;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * A results directory: every finished trial of a sweep, keyed by trial key, on any Hadoop file
 * system (local, HDFS, S3A).
 *
 * <pre>
 * DIR/store.properties        sweep=NAME of the sweep that owns DIR, format=1, and kind=randomwalk
 *                             for a random-walk sweep's points (written once; no kind: trials)
 * DIR/sweep.yaml              the owning sweep's file, as last run
 * DIR/sweep-OTHER.yaml        the file of each sweep merged in (--merge)
 * DIR/pending/KEY.json        one JSON line per trial finished since the last compaction,
 *                             written by the executor as the trial ends (temp file, then rename)
 * DIR/compacting-T/KEY.json   pending records frozen by a compaction that has not finished
 * DIR/results.parquet/        the compacted table: one row per key, one Parquet file
 * DIR/trials.csv              the table as CSV, rewritten at the end of each run (walks.csv)
 * </pre>
 *
 * <p>The store's contents are results.parquet ∪ every record under pending/ and compacting-*,
 * with one row per key: a non-FAILED record beats a FAILED one, then the latest
 * {@code finishedAt} wins. So a trial Spark retried after it was recorded, or a record compacted
 * twice by an interrupted compaction, never appears twice, and a FAILED trial run again is
 * replaced by its new outcome.
 *
 * <p>{@link #compact()} folds the records into results.parquet and only then deletes them:
 * pending/ is renamed to compacting-T (new records go to a fresh pending/), the union is written to
 * results.parquet.next, which replaces results.parquet, and the compacting-T directories are
 * deleted last. A crash at any step leaves every record either in a complete Parquet file or in a
 * record file; {@link #recoverSwap()} finishes or undoes a half-done replacement on the next
 * open. A file system without atomic rename (S3A) narrows this to: records survive, but a crash
 * during a rename can leave a temp or .next directory that the next compaction removes.
 *
 * <p>Reading uses Spark (Parquet and the JSON records): {@link #open(String)} uses the session
 * running in this JVM or starts a local one, which then stays up for later reads and stops at
 * JVM exit.
 */
public final class ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    static final String PROPERTIES = "store.properties";
    static final String FORMAT = "1";
    private static final String PENDING = "pending";
    private static final String COMPACTING = "compacting-";
    private static final String RESULTS = "results.parquet";

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path dir;
    private final String sweepName;
    private final StoreKind kind;

    private ResultStore(SparkSession spark, FileSystem fs, Path dir, String sweepName, StoreKind kind) {
        this.spark = spark;
        this.fs = fs;
        this.dir = dir;
        this.sweepName = sweepName;
        this.kind = kind;
    }

    /** An existing results directory; UserError when {@code dir} holds no rwsweep results. */
    public static ResultStore open(SparkSession spark, String dir) {
        try {
            Path path = new Path(dir);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path props = new Path(path, PROPERTIES);
            if (!fs.exists(props)) {
                throw new UserError(dir + " is not an rwsweep results directory: it has no " + PROPERTIES);
            }
            Properties p = readProperties(fs, props);
            ResultStore store = new ResultStore(spark, fs, fs.makeQualified(path), p.getProperty("sweep"), kindOf(props, p));
            store.recoverSwap();
            return store;
        } catch (IOException e) {
            throw new UserError("cannot read results directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The results directory a run of {@code plan} writes to, created if new. A directory that
     * belongs to a sweep of another name is refused unless {@code merge}; a non-empty directory
     * that is no results directory is always refused. Stores the sweep file beside the results.
     */
    public static ResultStore claim(SparkSession spark, String dir, SweepPlan plan, boolean merge) {
        return claim(spark, dir, plan.name(), plan.sweepText(), StoreKind.TRIALS, merge);
    }

    /**
     * The results directory a sweep named {@code name} of file {@code sweepText} writes records of
     * {@code kind} to, created if new; as {@link #claim(SparkSession, String, SweepPlan, boolean)},
     * and a directory holding the other kind of record is refused.
     */
    public static ResultStore claim(SparkSession spark, String dir, String name, String sweepText, StoreKind kind, boolean merge) {
        Path path = new Path(dir);
        FileSystem fs;
        Path props = new Path(path, PROPERTIES);
        String owner;
        try {
            fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(props)) {
                Properties existing = readProperties(fs, props);
                owner = existing.getProperty("sweep");
                StoreKind held = kindOf(props, existing);
                if (held != kind) {
                    throw new UserError("results directory " + dir + " holds " + held.label() + " results, not " + kind.label()
                            + ": choose another --out directory");
                }
                if (!owner.equals(name) && !merge) {
                    throw new UserError("results directory " + dir + " holds sweep '" + owner + "', not '" + name
                            + "': choose another --out directory, or pass --merge to add '" + name + "' to it");
                }
            } else {
                if (fs.exists(path) && fs.listStatusIterator(path).hasNext()) {
                    throw new UserError("results directory " + dir + " is not empty and holds no rwsweep results (no "
                            + PROPERTIES + "): choose a new or empty directory");
                }
                if (!fs.mkdirs(path)) throw new IOException("mkdirs failed");
                owner = name;
                Properties p = new Properties();
                p.setProperty("sweep", owner);
                p.setProperty("format", FORMAT);
                // trial directories carry no kind entry, as before random-walk sweeps existed
                if (kind != StoreKind.TRIALS) p.setProperty("kind", kind.label());
                StringWriter text = new StringWriter();
                p.store(text, "rwsweep results directory: the sweep that owns it");
                AtomicFile.write(fs, props, text.toString());
            }
            String yaml = owner.equals(name) ? "sweep.yaml" : "sweep-" + fileSafe(name) + ".yaml";
            AtomicFile.write(fs, new Path(path, yaml), sweepText);
        } catch (IOException e) {
            throw new UserError("cannot write results directory " + dir + ": " + e.getMessage(), e);
        }
        ResultStore store = new ResultStore(spark, fs, fs.makeQualified(path), owner, kind);
        store.recoverSwap();
        return store;
    }

    /** store.properties, checked: it names the owning sweep and the format this code reads. */
    private static Properties readProperties(FileSystem fs, Path props) throws IOException {
        Properties p = new Properties();
        try (InputStream in = fs.open(props)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        String name = p.getProperty("sweep");
        if (name == null) throw new UserError(props + ": no 'sweep' entry (the name of the sweep that owns the directory)");
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new UserError(props + ": store format '" + p.getProperty("format") + "' is not " + FORMAT
                    + ", the format this rwsweep reads");
        }
        return p;
    }

    private static StoreKind kindOf(Path props, Properties p) {
        try {
            return StoreKind.ofLabel(p.getProperty("kind"));
        } catch (IllegalArgumentException e) {
            throw new UserError(props + ": " + e.getMessage() + "; allowed: train, randomwalk");
        }
    }

    private static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The name of the sweep that owns this directory. */
    public String sweepName() { return sweepName; }

    /** What the directory holds: trials or random-walk points. */
    public StoreKind kind() { return kind; }

    /** The owning sweep's file as last run (DIR/sweep.yaml), or empty if it is missing. */
    public Optional<String> sweepText() {
        Path yaml = new Path(dir, "sweep.yaml");
        try {
            if (!fs.exists(yaml)) return Optional.empty();
            try (InputStream in = fs.open(yaml)) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + yaml, e);
        }
    }
    /** The directory, fully qualified (file:/…, hdfs://…). */
    public String dir() { return dir.toString(); }
    /** Where executors write the per-trial records of a running sweep. */
    public String pendingDir() { return new Path(dir, PENDING).toString(); }
    /** DIR/trials.csv (DIR/walks.csv for random-walk points). */
    public String csvPath() { return new Path(dir, kind.csvFile()).toString(); }
    /** DIR/results.parquet. */
    public String parquetPath() { return new Path(dir, RESULTS).toString(); }

    /**
     * Every finished trial, one per key, in the order of the table (sweep, then spec columns).
     * Records written by another numerics version (their key differs from the one their spec
     * hashes to now) are left out with a warning: their numbers would not match this code.
     */
    public List<TrialResult> results() {
        requireKind(StoreKind.TRIALS);
        List<TrialResult> out = new ArrayList<>();
        int stale = 0;
        for (Row row : table().collectAsList()) {
            ResultColumns.Stored stored = ResultColumns.toStored(row);
            if (stored.result().key().equals(row.getAs("key"))) {
                out.add(stored.result());
            } else {
                stale++;
            }
        }
        if (stale > 0) {
            LOG.warn("{}: {} trials were recorded by another numerics version and are left out", dir, stale);
        }
        return out;
    }

    /**
     * Every finished random-walk point, one per key, in the order of the table. Records whose key
     * differs from the one their spec hashes to now (another walk version) are left out.
     */
    public List<WalkResult> walks() {
        requireKind(StoreKind.WALKS);
        List<WalkResult> out = new ArrayList<>();
        int stale = 0;
        for (Row row : table().collectAsList()) {
            WalkColumns.Stored stored = WalkColumns.toStored(row);
            if (stored.result().key().equals(row.getAs("key"))) {
                out.add(stored.result());
            } else {
                stale++;
            }
        }
        if (stale > 0) LOG.warn("{}: {} walk points were recorded by another walk version and are left out", dir, stale);
        return out;
    }

    private void requireKind(StoreKind wanted) {
        if (kind != wanted) {
            throw new UserError(dir + " holds " + kind.label() + " results, not " + wanted.label() + " results");
        }
    }

    /** The stored result of one trial, if finished. */
    public Optional<TrialResult> result(String key) {
        requireKind(StoreKind.TRIALS);
        List<Row> rows = table().where(col("key").equalTo(key)).collectAsList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(ResultColumns.toStored(rows.get(0)).result());
    }

    /** Status of every finished trial by key. */
    public Map<String, TrialStatus> statuses() {
        Map<String, TrialStatus> out = new HashMap<>();
        for (Row row : table().select("key", "status").collectAsList()) {
            out.put(row.getString(0), TrialStatus.valueOf(row.getString(1)));
        }
        return out;
    }

    /**
     * The store as a Spark table: results.parquet ∪ the records not yet compacted, one row per key
     * (a non-FAILED record first, then the latest), ordered by sweep and spec columns.
     */
    public Dataset<Row> table() {
        try {
            List<Path> recordDirs = recordDirs();
            // results.parquet alone is already one row per key, in order: no shuffle needed.
            if (recordDirs.isEmpty()) return parquet();
            return ordered(deduplicated(parquet().unionByName(records(recordDirs))));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
    }

    private Dataset<Row> parquet() throws IOException {
        Path results = new Path(dir, RESULTS);
        if (!fs.exists(results)) return empty();
        return spark.read().schema(kind.columns().schema()).parquet(results.toString());
    }

    /**
     * The JSON records under {@code dirs}. A record cut short (a crash of a machine before the
     * data reached disk, or a foreign file) is dropped, not fatal: its trial counts as unfinished
     * and runs again. Temp files start with "." and are skipped by Spark's file listing.
     */
    private Dataset<Row> records(List<Path> dirs) {
        if (dirs.isEmpty()) return empty();
        return spark.read().schema(kind.columns().schema()).option("mode", "DROPMALFORMED")
                .json(dirs.stream().map(Path::toString).toArray(String[]::new))
                .where(col("key").isNotNull().and(col("status").isNotNull()));
    }

    private Dataset<Row> empty() {
        return spark.createDataFrame(List.of(), kind.columns().schema());
    }

    /** pending/ and any compacting-* left by an interrupted compaction: the one listing of DIR per call. */
    private List<Path> recordDirs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && (name.equals(PENDING) || name.startsWith(COMPACTING))) out.add(st.getPath());
        }
        return out;
    }

    private static Dataset<Row> deduplicated(Dataset<Row> rows) {
        Column failedLast = when(col("status").equalTo(TrialStatus.FAILED.name()), 1).otherwise(0);
        return rows.withColumn("_rank", row_number().over(
                        Window.partitionBy("key").orderBy(failedLast, col("finishedAt").desc())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
    }

    /**
     * One partition, sorted: the table is one Parquet file, and sorting a single partition needs
     * no range-partitioning pass (a global orderBy would sample, shuffle and sort: two more stages).
     */
    private Dataset<Row> ordered(Dataset<Row> rows) {
        return rows.coalesce(1)
                .sortWithinPartitions(Arrays.stream(kind.order()).map(functions::col).toArray(Column[]::new))
                .select(Arrays.stream(kind.columns().names()).map(functions::col).toArray(Column[]::new));
    }

    /**
     * Folds every pending record into results.parquet, then deletes the records. Does nothing
     * when there are none. Cost: one read and one write of the whole table, so twice per run,
     * never per trial.
     */
    public void compact() {
        try {
            recoverSwap();
            Path pending = new Path(dir, PENDING);
            if (fs.exists(pending)) {
                Path frozen = new Path(dir, COMPACTING + System.currentTimeMillis());
                if (!fs.rename(pending, frozen)) throw new IOException("could not rename " + pending + " to " + frozen);
            }
            List<Path> sources = recordDirs();
            if (sources.isEmpty()) return;
            long start = System.nanoTime();
            Path results = new Path(dir, RESULTS);
            Path next = new Path(dir, RESULTS + ".next");
            Path old = new Path(dir, RESULTS + ".old");
            ordered(deduplicated(parquet().unionByName(records(sources)))).write().parquet(next.toString());
            if (fs.exists(results) && !fs.rename(results, old)) throw new IOException("could not rename " + results + " to " + old);
            if (!fs.rename(next, results)) throw new IOException("could not rename " + next + " to " + results);
            fs.delete(old, true);
            for (Path source : sources) fs.delete(source, true);
            LOG.info("compacted the trial records of {} into {} in {} s", dir, RESULTS,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) * 1e-9));
        } catch (IOException e) {
            throw new UncheckedIOException("compacting " + dir, e);
        }
    }

    /**
     * Finishes or undoes a replacement of results.parquet cut short by a crash: a complete .next
     * (it has Spark's _SUCCESS marker) becomes results.parquet if that is missing, else the .old
     * copy returns; leftovers are deleted. The records a .next was made from are still there, so
     * deleting an unused .next loses nothing.
     */
    private void recoverSwap() {
        try {
            Path results = new Path(dir, RESULTS);
            Path next = new Path(dir, RESULTS + ".next");
            Path old = new Path(dir, RESULTS + ".old");
            if (!fs.exists(results)) {
                if (fs.exists(new Path(next, "_SUCCESS"))) {
                    fs.rename(next, results);
                } else if (fs.exists(old)) {
                    fs.rename(old, results);
                }
            }
            if (fs.exists(next)) fs.delete(next, true);
            if (fs.exists(old)) fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException("recovering " + dir, e);
        }
    }

    /** Rewrites DIR/trials.csv (walks.csv) from the table: a header, then one row per record. */
    public void writeCsv() {
        Iterator<Row> rows = table().toLocalIterator();
        StoreColumns<?> columns = kind.columns();
        try {
            AtomicFile.write(fs, new Path(dir, kind.csvFile()), "w" + ProcessHandle.current().pid(), out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write(columns.csvHeader());
                w.write('\n');
                while (rows.hasNext()) {
                    w.write(columns.csvRow(rows.next()));
                    w.write('\n');
                }
                w.flush();
            }, true);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + csvPath(), e);
        }
    }
}
