package rwsweep.driver.store;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static rwsweep.driver.store.StoreSnapshot.COMPACTING;
import static rwsweep.driver.store.StoreSnapshot.LEGACY_NEXT;
import static rwsweep.driver.store.StoreSnapshot.LEGACY_OLD;
import static rwsweep.driver.store.StoreSnapshot.PENDING;
import static rwsweep.driver.store.StoreSnapshot.RESULTS;
import static rwsweep.driver.store.StoreSnapshot.TABLE_FILE;

/**
 * Folds the records into the table: the only code that renames or deletes anything a trial's
 * result lives in, and only under the run's {@link Lease}.
 *
 * <ol>
 *   <li>repair what a crash left: an older rwsweep's unfinished swap (results.parquet.next/.old)
 *       or, on a file system whose rename is a copy, a complete temp table whose rename did not
 *       finish; temp files of killed writers are deleted;</li>
 *   <li>freeze: pending/ becomes compacting-T (later records go to a new pending/);</li>
 *   <li>read the records and the table ({@link StoreSnapshot}); records that do not read move to
 *       DIR/quarantine/ with one warning each (their trials count as unfinished and run again),
 *       and so does a table file that does not read;</li>
 *   <li>write the merged table to a hidden temp file in results.parquet/, read it back, and
 *       rename it over results.parquet/part-00000.parquet in one overwriting rename;</li>
 *   <li>read the table in place back (every key there), then delete the table files it replaces,
 *       the compacting-T directories, and last the saved states of trials now in the table
 *       ({@link TrialCheckpoints#clean}).</li>
 * </ol>
 * Every rename and delete is checked; a refusal or an exception stops the compaction where it is,
 * with every record still in place, so at each step each trial is in a record or a complete table
 * (or both: reading takes it once).
 */
final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
    static final String QUARANTINE = "quarantine";

    private final StoreFileSystem files;
    private final Path dir;
    private final StoreKind kind;
    private final Lease lease;

    Compaction(StoreFileSystem files, Path dir, StoreKind kind, Lease lease) {
        this.files = files;
        this.dir = dir;
        this.kind = kind;
        this.lease = lease;
    }

    /** Compacts; returns the store as it was read for the new table (its rows are the table's). */
    StoreSnapshot run() throws IOException {
        long start = System.nanoTime();
        lease.check();
        repair();
        Path pending = new Path(dir, PENDING);
        if (files.list(pending).length > 0) {
            lease.check();
            files.rename(pending, freezeName());
        }
        StoreSnapshot snap = StoreSnapshot.read(files, dir, kind, null);
        long read = System.nanoTime();
        Path results = new Path(dir, RESULTS);
        List<FileStatus> tableFiles = StoreSnapshot.dataFiles(files, results);
        boolean current = tableFiles.size() == 1 && tableFiles.get(0).getPath().getName().equals(TABLE_FILE)
                && snap.tableProblem.isEmpty();
        boolean legacy = files.exists(new Path(dir, LEGACY_NEXT)) || files.exists(new Path(dir, LEGACY_OLD));
        if (snap.recordDirs.isEmpty() && snap.badRecords.isEmpty() && (current || snap.rows.isEmpty()) && !legacy) {
            cleanCheckpoints(snap);
            return snap;
        }
        snap.tableProblem.ifPresent(problem -> LOG.warn("{}", problem));
        for (StoreSnapshot.BadRecord bad : snap.badRecords) {
            Path aside = quarantine(bad.path().getParent().getName() + "-" + bad.path().getName());
            lease.check();
            files.rename(bad.path(), aside);
            LOG.warn("{}: unreadable {} record ({}); moved to {}, its {} runs again", bad.path(), kind.noun(), bad.reason(), aside,
                    kind.noun());
        }
        for (Path bad : snap.badTableFiles) {
            Path aside = quarantine(RESULTS + "-" + bad.getName());
            lease.check();
            files.rename(bad, aside);
            LOG.warn("{}: unreadable table file moved to {}", bad, aside);
        }

        Path temp = AtomicFile.temp(new Path(results, TABLE_FILE), "c" + ProcessHandle.current().pid());
        Path table = new Path(results, TABLE_FILE);
        files.delete(temp);
        ParquetTable.write(files.rawFs(), temp, kind.columns(), snap.rows);
        verify(temp, snap.rows);
        lease.check();
        files.replace(temp, table);
        verify(table, snap.rows);
        long written = System.nanoTime();

        // The new table holds every row: what it replaces, and the records it was made from, go.
        for (FileStatus st : files.list(results)) {
            String name = st.getPath().getName();
            if (!name.equals(TABLE_FILE) && !name.startsWith(".")) {
                lease.check();
                files.delete(st.getPath());
            }
        }
        for (String leftover : new String[] {LEGACY_NEXT, LEGACY_OLD}) {
            lease.check();
            files.delete(new Path(dir, leftover));
        }
        for (Path records : snap.recordDirs) {
            if (records.getName().startsWith(COMPACTING)) {
                lease.check();
                files.delete(records);
            }
        }
        cleanCheckpoints(snap);
        long end = System.nanoTime();
        LOG.info("compacted the {} records of {} into {} ({} {}s) in {} s (read {} s, write {} s, delete {} s)", kind.noun(), dir,
                RESULTS, snap.rows.size(), kind.noun(), seconds(end - start), seconds(read - start), seconds(written - read), seconds(end - written));
        return snap;
    }

    /** Saved states of trials now in the store, or that this code cannot resume, go ({@link TrialCheckpoints#clean}). */
    private void cleanCheckpoints(StoreSnapshot snap) throws IOException {
        if (kind != StoreKind.TRIALS) return;
        Set<String> finished = new HashSet<>();
        for (TableRow row : snap.rows) finished.add(row.key());
        TrialCheckpoints.clean(files, dir, finished, lease);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos * 1e-9);
    }

    /** compacting-T with T the time in ms, made unique. */
    private Path freezeName() throws IOException {
        long t = System.currentTimeMillis();
        while (files.exists(new Path(dir, COMPACTING + t))) t++;
        return new Path(dir, COMPACTING + t);
    }

    private Path quarantine(String name) throws IOException {
        Path q = new Path(dir, QUARANTINE);
        Path p = new Path(q, name);
        for (int i = 1; files.exists(p); i++) p = new Path(q, name + "." + i);
        if (!files.fs().mkdirs(q)) throw new IOException("could not create " + q);
        return p;
    }

    /** A written table is complete: it reads back with exactly the keys it was written with. */
    private void verify(Path file, List<TableRow> rows) throws IOException {
        List<TableRow> back = ParquetTable.read(files.fs(), files.conf(), file, kind.columns(), Set.of("key"));
        Set<String> keys = new HashSet<>();
        for (TableRow r : back) keys.add(r.key());
        Set<String> expected = new HashSet<>();
        for (TableRow r : rows) expected.add(r.key());
        if (back.size() != rows.size() || !keys.equals(expected)) {
            throw new IOException(file + " read back " + back.size() + " rows, not the " + rows.size() + " written: the records stay");
        }
    }

    /**
     * What a crash left, under the lease: an older rwsweep's half-done swap (results.parquet moved
     * aside, .next complete or .old still there) becomes results.parquet again; a complete temp
     * table left by a rename that a copy-based file system did not finish becomes the table; temp
     * files of killed writers go. Nothing is deleted that holds the only copy of a trial.
     */
    private void repair() throws IOException {
        Path results = new Path(dir, RESULTS);
        Path next = new Path(dir, LEGACY_NEXT);
        Path old = new Path(dir, LEGACY_OLD);
        if (!files.exists(results)) {
            if (files.exists(new Path(next, "_SUCCESS"))) {
                lease.check();
                files.rename(next, results);
            } else if (files.exists(old)) {
                lease.check();
                files.rename(old, results);
            }
        }
        if (StoreSnapshot.dataFiles(files, results).isEmpty()) {
            for (FileStatus st : files.list(results)) {
                String name = st.getPath().getName();
                if (name.startsWith("." + TABLE_FILE + ".") && name.endsWith(".tmp")) {
                    try {
                        ParquetTable.read(files.fs(), files.conf(), st.getPath(), kind.columns(), Set.of("key"));
                    } catch (IOException incomplete) {
                        continue;
                    }
                    lease.check();
                    files.replace(st.getPath(), new Path(results, TABLE_FILE));
                    LOG.warn("{}: a complete table whose rename was cut short; it is the table again", st.getPath());
                    break;
                }
            }
        }
        for (Path d : new Path[] {dir, results}) {
            for (FileStatus st : files.list(d)) {
                String name = st.getPath().getName();
                boolean temp = name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".tmp.crc"));
                if (temp && st.isFile() && !name.startsWith("." + Lease.PREFIX)) {
                    lease.check();
                    files.delete(st.getPath());
                }
            }
        }
    }
}
