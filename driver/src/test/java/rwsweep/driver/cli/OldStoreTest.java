package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.spark.SparkTest;
import rwsweep.driver.sweep.UserError;

/**
 * Stores survive change. src/test/resources/stores/v1 is a results directory written by
 * `rwsweep run` at store format 1 and NUMERICS_VERSION 2: its sweep (tanh, depths 2 and 3, g 1.0
 * and 1.3, 200 digits, 2 epochs) compacted into results.parquet and trials.csv, plus one pending
 * record of a fifth trial (g 1.6, depth 2) from a run of the same sweep with one more g that was
 * killed before its last compaction. Hadoop's .crc side files are left out: readers check them only
 * where they exist. The fixture must still open, summarise and resume with today's code.
 *
 * <p>Resuming skips a trial only when its key is in the store, and NUMERICS_VERSION is part of
 * the key: after a bump the fixture still opens and summarises, but `run` trains every trial again
 * under the new keys — correct, since the old numbers would not be what the new code computes. So
 * the resume tests below hold at version 2 and are re-pinned (fixture rebuilt) with a bump, as the
 * golden keys and curve are.
 */
class OldStoreTest extends SparkTest {
    @TempDir
    Path tmp;

    private Path fixture() throws IOException {
        return fixture(tmp);
    }

    /** A copy of the fixture in {@code tmp}, so a test may write to it. */
    static Path fixture(Path tmp) throws IOException {
        Path source;
        try {
            source = Path.of(OldStoreTest.class.getResource("/stores/v1/store.properties").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path dir = tmp.resolve("store");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        return dir;
    }

    /** trials.csv as key -> (column -> value); no field of these trials holds a comma. */
    private static Map<String, Map<String, String>> trials(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("trials.csv"));
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new TreeMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], f[i]);
            rows.put(row.get("key"), row);
        }
        return rows;
    }

    @Test
    void summarizeReadsTheCompactedTableAndThePendingRecord() throws IOException {
        Path dir = fixture();
        Cli summarize = Cli.run("summarize", dir.toString());
        assertEquals(0, summarize.exitCode, summarize.err);
        // done 5: four compacted and one pending; planned 4: the fixture's own sweep.yaml
        assertEquals(List.of("done,planned,ok,diverged,failed,pruned", "5,4,5,0,0,0"),
                Files.readAllLines(dir.resolve("summary/tables/progress.csv")));
        List<String> figure3 = Files.readAllLines(dir.resolve("summary/figure3.csv"));
        assertEquals(6, figure3.size(), "a row per (g, depth) of the 5 trials:\n" + figure3);
        assertTrue(figure3.stream().anyMatch(l -> l.contains(",1.6,2,")), "the pending trial's cell:\n" + figure3);
        // the fixture spells its values in upper case (TANH, GAUSSIAN, CLASSIFY): read in any case, they
        // are summarised under the one spelling, in one panel
        assertTrue(trials(dir).values().stream().allMatch(r -> r.get("f").equals("TANH") && r.get("init").equals("GAUSSIAN")));
        List<String> groups = Files.readAllLines(dir.resolve("summary/groups.csv"));
        assertEquals(6, groups.size(), "a row per (g, depth) of one panel:\n" + groups);
        for (String line : groups.subList(1, groups.size())) {
            assertTrue(line.startsWith("\"tanh, gaussian, classify\",classify,tanh,gaussian,"), line);
        }
    }

    @Test
    void runOfTheFixturesOwnSweepTrainsNothing() throws IOException {
        Path dir = fixture();
        Map<String, Map<String, String>> before = trials(dir);
        Path sweep = tmp.resolve("fixture-v1.yaml");
        Files.copy(dir.resolve("sweep.yaml"), sweep);
        Cli run = Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("4 trials: 4 already done, 0 run"), run.out);
        Map<String, Map<String, String>> after = trials(dir);
        assertEquals(5, after.size(), "the pending record compacted beside the four");
        // The four compacted trials come back as they were stored, curves and finishedAt included, in
        // every column the fixture has (a column added since may be empty for them).
        before.forEach((key, row) -> row.forEach((column, value) ->
                assertEquals(value, after.get(key).get(column), key + " " + column)));
    }

    @Test
    void runWithOneMoreGTrainsExactlyTheTrialsNotInTheStore() throws IOException {
        Path dir = fixture();
        Path sweep = tmp.resolve("plus.yaml");
        Files.writeString(sweep, Files.readString(dir.resolve("sweep.yaml")).replace("g: [1.0, 1.3]", "g: [1.0, 1.3, 1.6]"));
        Cli run = Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]");
        assertEquals(0, run.exitCode, run.err);
        // g 1.6 adds depth 2 (already pending in the fixture) and depth 3: only the latter trains.
        assertTrue(run.out.contains("6 trials: 5 already done, 1 run (1 ok"), run.out);
        assertEquals(6, trials(dir).size());
    }

    @Test
    void aStoreOfANewerFormatIsRefusedInOneLineAndLeftAlone() throws IOException {
        Path dir = fixture();
        Path props = dir.resolve("store.properties");
        Files.writeString(props, Files.readString(props).replace("format=1", "format=2"));
        Map<String, String> before = contents(dir);
        Path sweep = tmp.resolve("fixture-v1.yaml");
        Files.copy(dir.resolve("sweep.yaml"), sweep);
        for (Cli cli : List.of(Cli.run("summarize", dir.toString()),
                Cli.run("run", sweep.toString(), "--out", dir.toString(), "--no-progress", "--master", "local[2]"))) {
            assertEquals(UserError.EXIT_CODE, cli.exitCode, cli.out + cli.err);
            assertEquals(1, cli.err.strip().lines().count(), cli.err);
            assertTrue(cli.err.contains("store format '2' is not 1"), cli.err);
            assertEquals(before, contents(dir), "nothing written");
        }
    }

    /** Every file under dir (relative path -> bytes as text), for "nothing written". */
    private static Map<String, String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(f -> dir.relativize(f).toString(), f -> {
                try {
                    return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }
}
