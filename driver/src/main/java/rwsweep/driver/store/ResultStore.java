package rwsweep.driver.store;

import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;
import rwsweep.worker.theory.WalkResult;

/**
 * A results directory: every finished trial of a sweep, keyed by trial key — or, for a
 * random-walk sweep, every finished point, keyed by walk key ({@link StoreKind}) — on any Hadoop
 * file system (local, HDFS, S3A). Read and written in the driver's memory, without Spark; both
 * kinds share the design below (lease, records, checked compaction, quarantine).
 *
 * <pre>
 * DIR/store.properties        sweep=NAME of the sweep that owns DIR, format=1, and kind=randomwalk
 *                             for a random-walk sweep's points (written once; no kind: trials)
 * DIR/sweep.yaml              the owning sweep's file, as last run
 * DIR/sweep-OTHER.yaml        the file of each sweep merged in (--merge)
 * DIR/lease.N                 the run that may change DIR, or the last one ({@link Lease})
 * DIR/pending/KEY.json        one JSON line per trial finished since the last compaction,
 *                             written by the executor as the trial ends (temp file, then rename)
 * DIR/compacting-T/KEY.json   pending records frozen by a compaction that has not finished
 * DIR/results.parquet/        the compacted table: one row per key, one Parquet file
 * DIR/trials.csv              the table as CSV, rewritten at the end of each run (walks.csv)
 * DIR/runs.csv                one row per run: start, end, seconds, command line, code version ({@link RunLog})
 * DIR/quarantine/             records (and table files) that did not read, set aside
 * DIR/checkpoints/KEY.ckpt    the saved state of a running trial, until its record lands ({@link TrialCheckpoints})
 * DIR/summary/                the tables, plots and index.html of the store (rwsweep summarize), on
 *                             the same file system as the results
 * </pre>
 *
 * <p>The store's contents are the table ∪ every record under pending/ and compacting-*, with one
 * row per key: a non-FAILED record beats a FAILED one, then the latest {@code finishedAt} wins. So a
 * trial Spark retried after it was recorded, or a record compacted twice by an interrupted
 * compaction, never appears twice, and a FAILED trial run again is replaced by its new outcome.
 *
 * <p>Two ways in: {@link #open} to read — it changes nothing, reads around an unfinished
 * compaction, and skips a damaged record with a warning — and {@link #claim} for a run, which
 * takes the directory's {@link Lease} and only then may {@link #compact} (see {@link Compaction})
 * and {@link #writeCsv}. {@link #close} releases the lease.
 */
public final class ResultStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    static final String PROPERTIES = "store.properties";
    static final String FORMAT = "1";
    /** DIR/summary: the tables, plots and report of the store, beside it on the same file system. */
    static final String SUMMARY = "summary";

    private final StoreFileSystem files;
    private final Path dir;
    private final String sweepName;
    private final StoreKind kind;
    private final Optional<Lease> lease;

    private ResultStore(StoreFileSystem files, Path dir, String sweepName, StoreKind kind, Optional<Lease> lease) {
        this.files = files;
        this.dir = dir;
        this.sweepName = sweepName;
        this.kind = kind;
        this.lease = lease;
    }

    /** Hadoop settings for a store: Hadoop's defaults and site files, then every {@code spark.hadoop.*} setting given. */
    public static Configuration hadoopConf(Map<String, String> sparkConf) {
        return StoreFileSystem.hadoopConf(sparkConf);
    }

    /**
     * Whether {@code dir} is on this machine's disk: a plain path (while Hadoop's default file
     * system is the local one) or file:…; hdfs://…, s3a://… and a plain path under an HDFS default
     * are not.
     */
    public static boolean isLocal(String dir, Configuration conf) {
        return StoreFileSystem.isLocal(dir, conf);
    }

    /** An existing results directory, to read; UserError when {@code dir} holds no rwsweep results. */
    public static ResultStore open(String dir) {
        return open(dir, hadoopConf(Map.of()));
    }

    /** As {@link #open(String)}, with these Hadoop settings. Writes nothing. */
    public static ResultStore open(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            StoreFileSystem files = StoreFileSystem.of(path, conf);
            Path props = new Path(path, PROPERTIES);
            if (!files.exists(props)) {
                throw new UserError(dir + " is not an rwsweep results directory: it has no " + PROPERTIES);
            }
            Properties p = readProperties(files, props);
            return new ResultStore(files, files.qualify(path), p.getProperty("sweep"), kindOf(props, p), Optional.empty());
        } catch (IOException e) {
            throw new UserError("cannot read results directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #open(String, Configuration)}, or empty when {@code dir} holds no results yet (absent, or no store in it). */
    public static Optional<ResultStore> openIfPresent(String dir, Configuration conf) {
        try {
            Path path = new Path(dir);
            if (!StoreFileSystem.of(path, conf).exists(new Path(path, PROPERTIES))) return Optional.empty();
        } catch (IOException e) {
            throw new UserError("cannot read results directory " + dir + ": " + e.getMessage(), e);
        }
        return Optional.of(open(dir, conf));
    }

    /**
     * The results directory a run of {@code plan} writes to, created if new, with its lease taken.
     * A directory that another live run holds is refused, naming that run; one that belongs to a
     * sweep of another name is refused unless {@code merge}; a non-empty directory that is no
     * results directory is always refused — each before anything is written. Stores the sweep
     * file beside the results.
     */
    public static ResultStore claim(String dir, SweepPlan plan, boolean merge, Configuration conf) {
        return claim(dir, plan.name(), plan.sweepText(), StoreKind.TRIALS, merge, conf);
    }

    /**
     * The results directory a sweep named {@code name} of file {@code sweepText} writes records of
     * {@code kind} to, created if new, with its lease taken; as
     * {@link #claim(String, SweepPlan, boolean, Configuration)}, and a directory holding the other
     * kind of record is refused (before anything is written).
     */
    public static ResultStore claim(String dir, String name, String sweepText, StoreKind kind, boolean merge, Configuration conf) {
        Path path = new Path(dir);
        Path props = new Path(path, PROPERTIES);
        StoreFileSystem files;
        Lease lease = null;
        try {
            files = StoreFileSystem.of(path, conf);
            boolean exists = files.exists(props);
            String owner = owner(files, path, dir, name, kind, merge).orElse(name);
            lease = Lease.acquire(files, files.qualify(path), dir);
            if (!exists) {
                Properties p = new Properties();
                p.setProperty("sweep", owner);
                p.setProperty("format", FORMAT);
                // trial directories carry no kind entry, as before random-walk sweeps existed
                if (kind != StoreKind.TRIALS) p.setProperty("kind", kind.label());
                StringWriter text = new StringWriter();
                p.store(text, "rwsweep results directory: the sweep that owns it");
                AtomicFile.replace(files, props, text.toString());
            }
            String yaml = owner.equals(name) ? "sweep.yaml" : "sweep-" + fileSafe(name) + ".yaml";
            AtomicFile.replace(files, new Path(path, yaml), sweepText);
            return new ResultStore(files, files.qualify(path), owner, kind, Optional.of(lease));
        } catch (IOException e) {
            if (lease != null) lease.close();
            throw new UserError("cannot write results directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (lease != null) lease.close();
            throw e;
        }
    }

    /**
     * Refuses, with the line {@link #claim} would give, a directory a run of sweep {@code name}
     * could not claim: a file, a non-empty directory without a store, a store of another sweep
     * (unless {@code merge}) or kind, or one a live run holds. Reads only: a run checks this before
     * it loads its data, and claims the directory (checking again, with the lease) just before Spark.
     */
    public static void requireClaimable(String dir, String name, StoreKind kind, boolean merge, Configuration conf) {
        Path path = new Path(dir);
        try {
            StoreFileSystem files = StoreFileSystem.of(path, conf);
            owner(files, path, dir, name, kind, merge);
            Lease.requireFree(files, files.qualify(path), dir);
        } catch (IOException e) {
            throw new UserError("cannot write results directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The sweep that owns {@code path}, empty for a new or empty directory; UserError when a run of {@code name} may not use it. */
    private static Optional<String> owner(StoreFileSystem files, Path path, String dir, String name, StoreKind kind, boolean merge)
            throws IOException {
        if (files.exists(path) && !files.fs().getFileStatus(path).isDirectory()) throw new IOException("it is a file");
        Path props = new Path(path, PROPERTIES);
        if (!files.exists(props)) {
            for (FileStatus st : files.list(path)) {
                if (!Lease.isLease(st.getPath().getName())) {
                    throw new UserError("results directory " + dir + " is not empty and holds no rwsweep results (no "
                            + PROPERTIES + "): choose a new or empty directory");
                }
            }
            return Optional.empty();
        }
        Properties existing = readProperties(files, props);
        String owner = existing.getProperty("sweep");
        StoreKind held = kindOf(props, existing);
        if (held != kind) {
            throw new UserError("results directory " + dir + " holds " + held.label() + " results, not " + kind.label()
                    + ": choose another --out directory");
        }
        if (!owner.equals(name) && !merge) {
            throw new UserError("results directory " + dir + " holds sweep '" + owner + "', not '" + name
                    + "': choose another --out directory, or pass --merge to add '" + name + "' to it");
        }
        return Optional.of(owner);
    }

    /** store.properties, checked: it names the owning sweep and the format this code reads. */
    private static Properties readProperties(StoreFileSystem files, Path props) throws IOException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(files.readText(props)));
        } catch (IllegalArgumentException e) {
            throw new UserError(props + ": not a properties file (" + e.getMessage() + ")");
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
            return Optional.of(files.readText(yaml));
        } catch (FileNotFoundException missing) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + yaml, e);
        }
    }

    /** The directory, fully qualified (file:/…, hdfs://…). */
    public String dir() { return dir.toString(); }

    /**
     * The runs recorded in DIR/runs.csv ({@link RunLog}), oldest first; empty for a directory
     * from before runs were recorded. A file that does not read is a UserError naming it.
     */
    public List<RunLog.Run> runs() {
        Path file = new Path(dir, RunLog.FILE);
        try {
            return RunLog.parse(files.readText(file));
        } catch (FileNotFoundException missing) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": not a run log (" + e.getMessage() + "); allowed: the columns "
                    + String.join(",", RunLog.COLUMNS) + ", as rwsweep run writes them, or no file");
        }
    }

    /** Appends {@code run} to DIR/runs.csv (replaced atomically); only the run that holds the lease may. */
    public void recordRun(RunLog.Run run) {
        if (lease.isEmpty()) throw new IllegalStateException("recordRun needs the store claimed: " + dir);
        Path file = new Path(dir, RunLog.FILE);
        try {
            AtomicFile.replace(files, file, RunLog.text(runs(), run));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
    /** Where executors write the per-trial records of a running sweep. */
    public String pendingDir() { return new Path(dir, StoreSnapshot.PENDING).toString(); }
    /** The directory on this machine's disk, when the store is on the local file system. */
    public Optional<java.nio.file.Path> localDir() {
        return files.isLocal() ? Optional.of(java.nio.file.Path.of(dir.toUri().getPath())) : Optional.empty();
    }

    /** Where running trials keep their saved state ({@link TrialCheckpoints}). */
    public String checkpointDir() { return new Path(dir, TrialCheckpoints.DIR).toString(); }

    /** DIR/trials.csv (DIR/walks.csv for random-walk points). */
    public String csvPath() { return new Path(dir, kind.csvFile()).toString(); }
    /** DIR/results.parquet. */
    public String parquetPath() { return new Path(dir, StoreSnapshot.RESULTS).toString(); }

    /**
     * The store as it is now: one row per key, ordered by sweep and spec columns. Damaged records
     * are left out with a warning each (the run holding the lease sets them aside), and a table
     * that does not read with one line saying what stands in for it.
     */
    public List<TableRow> rows() {
        return snapshot(null).rows;
    }

    private StoreSnapshot snapshot(Set<String> columns) {
        StoreSnapshot snap;
        try {
            snap = StoreSnapshot.read(files, dir, kind, columns);
        } catch (IOException e) {
            throw new UserError("cannot read results directory " + dir + ": " + StoreSnapshot.reason(e), e);
        }
        if (lease.isEmpty()) {
            // A run reports these when it compacts; a reader says once per read what it left out.
            snap.tableProblem.ifPresent(problem -> LOG.warn("{}", problem));
            for (StoreSnapshot.BadRecord bad : snap.badRecords) {
                LOG.warn("{}: unreadable {} record ({}); left out, its {} counts as unfinished", bad.path(), kind.noun(),
                        bad.reason(), kind.noun());
            }
        }
        return snap;
    }

    /**
     * Every finished trial, one per key, in the order of the table (sweep, then spec columns).
     * Records written by another numerics version (their key differs from the one their spec
     * hashes to now) are left out with a warning: their numbers would not match this code.
     */
    public List<TrialResult> results() {
        requireKind(StoreKind.TRIALS);
        List<TrialResult> out = new ArrayList<>();
        int stale = 0;
        for (TableRow row : rows()) {
            Optional<TrialResult> result = current(row);
            if (result.isPresent()) out.add(result.get());
            else stale++;
        }
        if (stale > 0) {
            LOG.warn("{}: {} trials were recorded by another numerics version and are left out", dir, stale);
        }
        return out;
    }

    private static Optional<TrialResult> current(TableRow row) {
        TrialResult result;
        try {
            result = ResultColumns.toStored(row).result();
        } catch (RuntimeException notThisCodes) {
            return Optional.empty(); // a spec this code no longer accepts: not comparable either
        }
        return result.key().equals(row.key()) ? Optional.of(result) : Optional.empty();
    }

    /**
     * Every finished random-walk point, one per key, in the order of the table. Records whose key
     * differs from the one their spec hashes to now (another walk version) are left out.
     */
    public List<WalkResult> walks() {
        requireKind(StoreKind.WALKS);
        List<WalkResult> out = new ArrayList<>();
        int stale = 0;
        for (TableRow row : rows()) {
            Optional<WalkResult> result = currentWalk(row);
            if (result.isPresent()) out.add(result.get());
            else stale++;
        }
        if (stale > 0) LOG.warn("{}: {} walk points were recorded by another walk version and are left out", dir, stale);
        return out;
    }

    private static Optional<WalkResult> currentWalk(TableRow row) {
        WalkResult result;
        try {
            result = WalkColumns.toStored(row).result();
        } catch (RuntimeException notThisCodes) {
            return Optional.empty(); // a spec this code no longer accepts (or a column it lacks)
        }
        return result.key().equals(row.key()) ? Optional.of(result) : Optional.empty();
    }

    private void requireKind(StoreKind wanted) {
        if (kind != wanted) {
            throw new UserError(dir + " holds " + kind.label() + " results, not " + wanted.label() + " results");
        }
    }

    /** The stored result of one trial, if finished. */
    public Optional<TrialResult> result(String key) {
        requireKind(StoreKind.TRIALS);
        for (TableRow row : rows()) {
            if (row.key().equals(key)) return Optional.of(ResultColumns.toStored(row).result());
        }
        return Optional.empty();
    }

    /** Status of every finished trial by key (reads only the columns that decide it). */
    public Map<String, TrialStatus> statuses() {
        return snapshot(Set.of("key", "status", "finishedAt")).statuses();
    }

    private Lease lease() {
        return lease.orElseThrow(() -> new IllegalStateException(dir + " was opened to read: only a run that claimed it changes it"));
    }

    /**
     * Folds every pending record into results.parquet, then deletes the records ({@link Compaction}).
     * Does nothing when there is nothing to fold. Cost: one read and one write of the whole table,
     * in this JVM, twice per run, never per trial.
     */
    public void compact() {
        try {
            new Compaction(files, dir, kind, lease()).run();
        } catch (IOException e) {
            throw new UncheckedIOException("compacting " + dir + " (every record is still in place)", e);
        }
    }

    /** Rewrites DIR/trials.csv (walks.csv) from the table: a header, then one row per record (one atomic replace). */
    public void writeCsv() {
        List<TableRow> rows = rows();
        StoreColumns<?> columns = kind.columns();
        try {
            lease().check();
            AtomicFile.replace(files, new Path(dir, kind.csvFile()), "w" + ProcessHandle.current().pid(), out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                TableCsv.write(w, columns, rows);
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + csvPath(), e);
        }
    }

    /**
     * Puts a summary written into the local directory {@code local} into DIR/summary on the
     * store's file system, for a store that is not on this machine's disk (a cluster-mode driver's
     * disk goes with its container). Each file replaces its namesake in one rename, as on a local
     * disk; tables and plots of an earlier summary that this one lacks are deleted, and index.html
     * comes last, so a reader of index.html finds every file it links to. Needs no lease: the
     * summary is derived from the store, and every reader may write it.
     *
     * @return DIR/summary/index.html
     */
    public String putSummary(java.nio.file.Path local) {
        Path summary = new Path(dir, SUMMARY);
        String tag = "s" + ProcessHandle.current().pid();
        try {
            java.util.List<java.nio.file.Path> written;
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(local)) {
                written = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
            }
            Set<Path> kept = new java.util.HashSet<>();
            java.nio.file.Path index = local.resolve("index.html");
            for (java.nio.file.Path f : written) {
                Path target = new Path(summary, local.relativize(f).toString().replace(java.io.File.separatorChar, '/'));
                kept.add(files.qualify(target));
                if (!f.equals(index)) AtomicFile.replace(files, target, tag, out -> java.nio.file.Files.copy(f, out));
            }
            for (Path old : files.filesUnder(summary)) {
                String parent = old.getParent().getName();
                boolean stale = (parent.equals("tables") || parent.equals("plots")) && !kept.contains(files.qualify(old))
                        && !old.getName().startsWith(".");
                if (stale) files.delete(old);
            }
            Path target = new Path(summary, "index.html");
            AtomicFile.replace(files, target, tag, out -> java.nio.file.Files.copy(index, out));
            return files.qualify(target).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the summary into " + summary + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lease of a claimed store (a store opened to read holds none). */
    @Override
    public void close() {
        lease.ifPresent(Lease::close);
    }
}
