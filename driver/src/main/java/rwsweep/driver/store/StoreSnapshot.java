package rwsweep.driver.store;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import rwsweep.worker.spec.TrialStatus;

/**
 * The store as read at one moment, without changing anything: the records under pending/ and
 * every compacting-*, and the last complete table, merged to one row per key.
 *
 * <p>A run may compact while this reads (summarize during a sweep). Every trial finished before a
 * read starts is in a record or in the table all along — a record is deleted only after a table
 * holding it is in place, and each table holds every row of the one before — so a read that lists
 * the directory, reads the records, reads the table and finds the directory as it was (the same
 * record directories, the same table file) holds them all. If anything moved meanwhile the read
 * starts again.
 *
 * <p>The last complete table is results.parquet/'s data files; if there are none, an unfinished
 * swap of an older rwsweep (results.parquet.next when it is complete, else results.parquet.old),
 * else trials.csv, whose rows are the table as the last run's end wrote it. A table file that does
 * not read is reported ({@link #tableProblem}) and trials.csv stands in for it.
 */
final class StoreSnapshot {
    static final String PENDING = "pending";
    static final String COMPACTING = "compacting-";
    static final String RESULTS = "results.parquet";
    static final String LEGACY_NEXT = RESULTS + ".next";
    static final String LEGACY_OLD = RESULTS + ".old";
    /** Name of the table's one data file (written by this code; Spark's part-* names are read too). */
    static final String TABLE_FILE = "part-00000.parquet";
    private static final int ATTEMPTS = 50;
    /** Records read at once: enough to overlap the file system's latency, local or remote. */
    private static final int READERS = 8;

    /** A record that could not be read: where, and why. */
    record BadRecord(Path path, String reason) { }

    final List<TableRow> rows;
    final List<Path> recordDirs;
    final List<BadRecord> badRecords;
    /** Where the table rows came from, e.g. DIR/results.parquet. */
    final String tableSource;
    final List<FileStatus> tableFiles;
    /** Why the table could not be read as it should, when it could not. */
    final Optional<String> tableProblem;
    final List<Path> badTableFiles;

    private StoreSnapshot(List<TableRow> rows, List<Path> recordDirs, List<BadRecord> badRecords, String tableSource,
                          List<FileStatus> tableFiles, Optional<String> tableProblem, List<Path> badTableFiles) {
        this.rows = rows;
        this.recordDirs = recordDirs;
        this.badRecords = badRecords;
        this.tableSource = tableSource;
        this.tableFiles = tableFiles;
        this.tableProblem = tableProblem;
        this.badTableFiles = badTableFiles;
    }

    /** What a read depends on: the record directories and the table files, by name, size and time. */
    private record Listing(List<String> names, List<String> tableFiles) { }

    /**
     * Reads {@code dir}. {@code columns}: the table columns needed (key, status and finishedAt are
     * always read), or null for all.
     */
    static StoreSnapshot read(StoreFileSystem files, Path dir, StoreKind kind, Set<String> columns) throws IOException {
        Set<String> wanted = columns == null ? null : withDecidingColumns(columns);
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Listing before = listing(files, dir, kind);
                List<Path> recordDirs = new ArrayList<>();
                for (String name : before.names()) {
                    if (name.equals(PENDING) || name.startsWith(COMPACTING)) recordDirs.add(new Path(dir, name));
                }
                List<BadRecord> bad = new ArrayList<>();
                List<TableRow> records = readRecords(files, recordDirs, kind, bad);
                Table table = readTable(files, dir, kind, wanted);
                if (!before.equals(listing(files, dir, kind))) {
                    pause(attempt);
                    continue;
                }
                List<TableRow> rows = merge(table.rows, records, kind);
                return new StoreSnapshot(rows, recordDirs, bad, table.source, table.files, table.problem, table.badFiles);
            } catch (FileNotFoundException moved) {
                last = moved; // a record or table file moved by a compaction between listing and reading
                pause(attempt);
            }
        }
        throw new IOException(dir + " kept changing while being read (" + ATTEMPTS + " attempts)", last);
    }

    private static Set<String> withDecidingColumns(Set<String> columns) {
        Set<String> out = new java.util.HashSet<>(columns);
        out.addAll(List.of("key", "status", "finishedAt"));
        return out;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Listing listing(StoreFileSystem files, Path dir, StoreKind kind) throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus st : files.list(dir)) {
            String name = st.getPath().getName();
            if (st.isDirectory() && (name.equals(PENDING) || name.startsWith(COMPACTING) || name.startsWith(RESULTS))) names.add(name);
            if (name.equals(kind.csvFile())) names.add(name + "@" + st.getLen() + "@" + st.getModificationTime());
        }
        names.sort(null);
        List<String> table = new ArrayList<>();
        for (FileStatus st : files.list(new Path(dir, RESULTS))) {
            if (isData(st)) table.add(st.getPath().getName() + "@" + st.getLen() + "@" + st.getModificationTime());
        }
        table.sort(null);
        return new Listing(names, table);
    }

    /** A visible Parquet data file: Spark, pyarrow and this store skip names starting with "." or "_". */
    static boolean isData(FileStatus st) {
        String name = st.getPath().getName();
        return st.isFile() && !name.startsWith(".") && !name.startsWith("_");
    }

    private static boolean isRecord(FileStatus st) {
        String name = st.getPath().getName();
        return st.isFile() && !name.startsWith(".") && !name.startsWith("_") && name.endsWith(".json");
    }

    /**
     * Every readable record under {@code dirs}; the others go to {@code bad}: cut short, not JSON,
     * failing Hadoop's checksum, or holding another key than the file name says.
     */
    private static List<TableRow> readRecords(StoreFileSystem files, List<Path> dirs, StoreKind kind, List<BadRecord> bad)
            throws IOException {
        List<FileStatus> all = new ArrayList<>();
        Set<String> checksums = new java.util.HashSet<>();
        for (Path d : dirs) {
            for (FileStatus st : files.list(d)) {
                if (isRecord(st)) all.add(st);
                else if (st.getPath().getName().endsWith(".json.crc")) checksums.add(d.getName() + "/" + st.getPath().getName());
            }
        }
        Object[] parsed = new Object[all.size()];
        // Many small files: read several at a time, since each costs a round trip more than CPU.
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(READERS);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, all.size()).parallel().forEach(i -> {
                Path p = all.get(i).getPath();
                try {
                    parsed[i] = record(files, p, kind, checksums.contains(p.getParent().getName() + "/." + p.getName() + ".crc"));
                } catch (FileNotFoundException moved) {
                    throw new UncheckedIOException(moved);
                } catch (IOException | RuntimeException damaged) {
                    parsed[i] = new BadRecord(p, reason(damaged));
                }
            })).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("reading the records of " + dirs);
        } finally {
            pool.shutdown();
        }
        List<TableRow> rows = new ArrayList<>(all.size());
        for (Object o : parsed) {
            if (o instanceof TableRow row) rows.add(row);
            else bad.add((BadRecord) o);
        }
        return rows;
    }

    private static TableRow record(StoreFileSystem files, Path p, StoreKind kind, boolean hasChecksum) throws IOException {
        String text = new String(files.readRecord(p, hasChecksum), StandardCharsets.UTF_8);
        TableRow row = kind.columns().fromJson(text);
        String name = p.getName();
        String key = name.substring(0, name.length() - ".json".length());
        if (!key.equals(row.key())) throw new IOException("it holds record " + row.key() + ", not " + key);
        try {
            TrialStatus.valueOf(row.status());
        } catch (IllegalArgumentException e) {
            throw new IOException("status '" + row.status() + "' is not one of " + java.util.Arrays.toString(TrialStatus.values()));
        }
        return row;
    }

    static String reason(Throwable e) {
        String type = e instanceof org.apache.hadoop.fs.ChecksumException ? "checksum mismatch" : e.getClass().getSimpleName();
        String message = e.getMessage() == null ? "" : e.getMessage().replaceAll("\\s*\\R\\s*", " ");
        if (message.length() > 200) message = message.substring(0, 200) + "...";
        return message.isEmpty() ? type : type + ": " + message;
    }

    private record Table(List<TableRow> rows, String source, List<FileStatus> files, Optional<String> problem, List<Path> badFiles) { }

    private static Table readTable(StoreFileSystem files, Path dir, StoreKind kind, Set<String> columns) throws IOException {
        Path results = new Path(dir, RESULTS);
        List<FileStatus> data = dataFiles(files, results);
        String source = results.toString();
        if (data.isEmpty()) {
            // An older rwsweep's swap cut short: the complete .next, else the .old copy.
            Path next = new Path(dir, LEGACY_NEXT);
            Path old = new Path(dir, LEGACY_OLD);
            if (files.exists(new Path(next, "_SUCCESS")) && !dataFiles(files, next).isEmpty()) {
                data = dataFiles(files, next);
                source = next.toString();
            } else if (!dataFiles(files, old).isEmpty()) {
                data = dataFiles(files, old);
                source = old.toString();
            }
        }
        List<TableRow> rows = new ArrayList<>();
        List<Path> badFiles = new ArrayList<>();
        String problem = null;
        if (data.isEmpty() && files.exists(results) && !files.fs().getFileStatus(results).isDirectory()) {
            // a plain file where the table's directory belongs: damage, to report and set aside, not a store not yet compacted
            badFiles.add(results);
            problem = results + " is a file, not the directory of a Parquet table";
        }
        for (FileStatus st : data) {
            try {
                rows.addAll(ParquetTable.read(files.fs(), files.conf(), st.getPath(), kind.columns(), columns));
            } catch (FileNotFoundException moved) {
                throw moved;
            } catch (IOException e) {
                if (e.getCause() instanceof FileNotFoundException moved) throw moved;
                badFiles.add(st.getPath());
                problem = st.getPath() + " is not a readable Parquet file of this table (" + reason(e.getCause() != null ? e.getCause() : e) + ")";
            }
        }
        if (!data.isEmpty() && problem == null) return new Table(rows, source, data, Optional.empty(), List.of());
        Path csv = new Path(dir, kind.csvFile());
        if (files.exists(csv)) {
            try {
                List<TableRow> fromCsv = TableCsv.parse(files.readText(csv), kind.columns());
                rows.addAll(fromCsv);
                String why = problem != null ? problem : results + " is missing";
                return new Table(rows, csv.toString(), data, Optional.of(why + "; read the " + fromCsv.size() + " records of "
                        + kind.csvFile() + " in its place"), badFiles);
            } catch (IOException e) {
                if (e instanceof FileNotFoundException moved) throw moved;
                String why = (problem != null ? problem : results + " is missing") + ", and " + csv + " does not parse either ("
                        + e.getMessage() + ")";
                return new Table(rows, source, data, Optional.of(why), badFiles);
            }
        }
        return new Table(rows, source, data, Optional.ofNullable(problem), badFiles);
    }

    static List<FileStatus> dataFiles(StoreFileSystem files, Path table) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (FileStatus st : files.list(table)) if (isData(st)) out.add(st);
        out.sort(Comparator.comparing(st -> st.getPath().getName()));
        return out;
    }

    /**
     * One row per key: a non-FAILED row beats a FAILED one, then the later finishedAt wins (so a
     * FAILED trial run again is replaced by its new outcome, and a row read twice counts once);
     * ordered by sweep, spec columns and key.
     */
    static List<TableRow> merge(List<TableRow> table, List<TableRow> records, StoreKind kind) {
        Map<String, TableRow> best = new HashMap<>(2 * (table.size() + records.size()));
        for (List<TableRow> source : List.of(table, records)) {
            for (TableRow row : source) best.merge(row.key(), row, StoreSnapshot::better);
        }
        List<TableRow> out = new ArrayList<>(best.values());
        out.sort(kind.tableOrder());
        return out;
    }

    private static TableRow better(TableRow a, TableRow b) {
        boolean aFailed = TrialStatus.FAILED.name().equals(a.status());
        boolean bFailed = TrialStatus.FAILED.name().equals(b.status());
        if (aFailed != bFailed) return aFailed ? b : a;
        return Objects.compare(b.finishedAt(), a.finishedAt(), Comparator.naturalOrder()) > 0 ? b : a;
    }

    /** Key → status of the rows. */
    Map<String, TrialStatus> statuses() {
        Map<String, TrialStatus> out = new TreeMap<>();
        for (TableRow row : rows) out.put(row.key(), TrialStatus.valueOf(row.status()));
        return out;
    }
}
