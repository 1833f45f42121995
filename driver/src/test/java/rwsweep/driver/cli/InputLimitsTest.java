package rwsweep.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.driver.sweep.Limits;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.UserError;

/**
 * Inputs too large to run, each as a new user writes them: a value whose net would not fit (width
 * 100,000, p_lim 10^12, a code size of 2·10^9, a depth of 100 at width 1000), a grid too large to
 * expand or too many nets to simulate a critical g for, a gzip bomb for data, a 300-character name,
 * 2^31 − 1 epochs, a 1 MiB+ sweep file. Run as {@code rwsweep run BAD.yaml --out DIR} in-process:
 * exit code 2, exactly one line naming the file, the key and the {@link Limits} bound, no stack
 * trace, nothing written, and nothing computed first (each is refused before a critical g is
 * simulated or Spark could start).
 */
class InputLimitsTest {
    private static final String DATA = "data: {source: mnist-sample, n: 200}\n";
    private static final String VALID = DATA + "depths: [2, 3]\nwidth: 16\nepochs: 1\nbatch: 50\n";

    private static String allowed(SweepKey p) {
        return "; allowed: " + p.allowed();
    }

    private static String list(IntStream values) {
        return values.mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Name, sweep text, expected message after "FILE: ". */
    static Stream<Arguments> cases() {
        String name300 = "a".repeat(300);
        // > 1 MiB of comments after a valid sweep: refused by its size, not at a line of the YAML parser's choosing
        String padding = ("# " + "x".repeat(98) + "\n").repeat(11_000);
        return Stream.of(
                // [784, 2000000, 10]: 785·2,000,000 + 2,000,001·10 = 1,590,000,010 parameters;
                // 4·(2·1,590,000,010 + 2·50·(784 + 2,000,000 + 10)) = 13,520,317,680 bytes = 12.6 GiB
                Arguments.of("width 2,000,000", VALID.replace("depths: [2, 3]", "depths: 2").replace("width: 16", "width: 2000000"),
                        "width: got 2000000, which makes the net of depth 2, 784-2000000-10, with 1,590,000,010 parameters: a trial of it at"
                                + " batch 50 holds 12.6 GiB, more than " + Limits.netLimit() + allowed(SweepKey.WIDTH)),
                // 785·1000 + 1998·1001·1000 + 1001·10 = 2,000,793,010 parameters; at depth 2 the same width fits, so the depth is named:
                // 4·(2·2,000,793,010 + 2·50·(784 + 1999·1000 + 10)) = 16,806,261,680 bytes = 15.7 GiB
                Arguments.of("depth 2000 at width 1000", VALID.replace("depths: [2, 3]", "depths: [2, 2000]").replace("width: 16", "width: 1000"),
                        "depths: got 2000, which makes the net of depth 2000, 784-1000x1999-10, with 2,000,793,010 parameters: a trial of it at"
                                + " batch 50 holds 15.7 GiB, more than " + Limits.netLimit() + allowed(SweepKey.DEPTHS)),
                Arguments.of("p_lim 1e12", DATA + "depths: [2, 3]\np_lim: 1000000000000\nepochs: 1\nbatch: 50\n",
                        "p_lim: got 1000000000000, more parameters than fit in " + Limits.netLimit() + allowed(SweepKey.P_LIM)),
                Arguments.of("code size 2e9", DATA + "task: autoencode\ndepths: 4\np_lim: 100000\ncode_size: 2000000000\nepochs: 1\nbatch: 50\n",
                        "code_size: got 2000000000, more units than fit in " + Limits.netLimit() + allowed(SweepKey.CODE_SIZE)),
                Arguments.of("depth 20,000", VALID.replace("depths: [2, 3]", "depths: [2, 20000]"),
                        "depths: got 20000" + allowed(SweepKey.DEPTHS)),
                // 2,999 tanh depths with random_walk init and no g: each net's optimum would be simulated first
                Arguments.of("thousands of depths", VALID.replace("depths: [2, 3]", "depths: " + list(IntStream.rangeClosed(2, 3000))),
                        "g: got critical (or random_walk init without g) for 2,999 distinct tanh nets, each of whose optimum the driver"
                                + " simulates (up to about 2 s each) before anything runs; at most " + Limits.MAX_CRITICAL_NETS
                                + " per sweep file (give g as numbers, or split the file)" + allowed(SweepKey.G)),
                // 2 depths × 20,000 g × 30 seeds
                Arguments.of("20,000 g steps", VALID + "g: {from: 0.5, to: 2.0, steps: 20000}\nseeds: " + list(IntStream.rangeClosed(1, 30)) + "\n",
                        "the grid has 1,200,000 trials; allowed: at most 1,000,000 per sweep file (split the grid into several files)"),
                Arguments.of("2e9 g steps", VALID + "g: {from: 0.5, to: 2.0, steps: 2000000000}\n",
                        "g.steps: got 2000000000 steps, more than the 1,000,000 trials a sweep file may have" + allowed(SweepKey.G)),
                Arguments.of("a 300-character name", VALID + "name: " + name300 + "\n",
                        "name: got a name of 300 characters" + allowed(SweepKey.NAME)),
                Arguments.of("epochs 2^31 - 1", VALID.replace("epochs: 1", "epochs: 2147483647"),
                        "epochs: got 2147483647" + allowed(SweepKey.EPOCHS)),
                Arguments.of("epochs too many in a combination", VALID + "combinations: [{epochs: 5}, {epochs: 200000}]\n",
                        "combinations[2].epochs: got 200000" + allowed(SweepKey.EPOCHS)),
                Arguments.of("a sweep file over 1 MiB", VALID + padding,
                        "the file has " + String.format(java.util.Locale.ROOT, "%,d", (VALID + padding).length()) + " bytes; allowed: at most"
                                + " 1,048,576 bytes per sweep file (give long axes as ranges, {from: A, to: B, steps: K}, or split the file)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitTwoNothingWritten(String name, String yaml, String expected, @TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("bad.yaml"), yaml);
        Cli cli = refused(dir, sweep, sweep + ": " + expected);
        assertEquals("", cli.out);
    }

    /** A sweep name taken from a long file name is held to the same bound, and says where it came from. */
    @Test
    void aLongFileNameIsALongSweepName(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("b".repeat(150) + ".yaml"), VALID);
        refused(dir, sweep, sweep + ": name: got a name of 150 characters (from the file name)" + allowed(SweepKey.NAME)
                + "; give a shorter name: in the file");
    }

    /**
     * A real gzip bomb: an IDX image file of 1.4 MB whose header declares, and whose gzip members
     * unpack to, 1,913,265 images of 28×28 (1.5 GB; as floats, read, standardised and broadcast,
     * 18 GB of heap). Refused by the size its header declares, before a pixel is unpacked.
     */
    @Test
    void aGzipBombIsOneLineOnTheHeapItWouldNeed(@TempDir Path dir) throws IOException {
        int n = 1_913_265;
        Path images = dir.resolve("bomb-images-idx3-ubyte.gz");
        Path labels = dir.resolve("bomb-labels-idx1-ubyte.gz");
        writeBomb(images, ByteBuffer.allocate(16).putInt(0x803).putInt(n).putInt(28).putInt(28).array(), 784L * n);
        writeBomb(labels, ByteBuffer.allocate(8).putInt(0x801).putInt(n).array(), n);
        assertTrue(Files.size(images) < 2_000_000, "a bomb: " + Files.size(images) + " bytes packed");
        Path sweep = Files.writeString(dir.resolve("bad.yaml"), "data: {source: idx, images: " + images + ", labels: " + labels + "}\n"
                + "depths: 2\nwidth: 16\n");
        refused(dir, sweep, sweep + ": data: " + images + ": the header declares 1913265 images of 28×28 pixels, so the file"
                + " unpacks to 1,499,999,776 bytes, more than the limit of " + String.format(java.util.Locale.ROOT, "%,d", Limits.maxDataBytes())
                + " bytes; allowed: " + Limits.dataAllowed());
    }

    /** {@code header}, then {@code zeros} zero bytes, gzipped as one member per 64 MiB (a reader unpacks them as one stream). */
    private static void writeBomb(Path file, byte[] header, long zeros) throws IOException {
        int chunk = 64 << 20;
        byte[] member = gzip(new byte[chunk]);
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = zeros;
            byte[] first = Arrays.copyOf(header, header.length + (int) Math.min(left, chunk));
            out.write(gzip(first));
            left -= first.length - header.length;
            for (; left >= chunk; left -= chunk) out.write(member);
            if (left > 0) out.write(gzip(new byte[(int) left]));
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(data);
        }
        return bytes.toByteArray();
    }

    /** A sweep whose data file exists but does not parse: an --out refused before it is read says so, not this. */
    private static Path unreadableData(Path dir) throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "0,1.5\n1,abc\n");
        return Files.writeString(dir.resolve("bad.yaml"), "data: {source: csv, file: " + csv + "}\ndepths: 2\nwidth: 16\nbatch: 1\n");
    }

    /** A directory that holds other files: refused before the data is read. */
    @Test
    void aForeignOutputIsRefusedBeforeTheData(@TempDir Path dir) throws IOException {
        Path sweep = unreadableData(dir);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("results directory " + out + " is not empty and holds no rwsweep results (no store.properties): choose a new or"
                + " empty directory\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(List.of("notes.txt"), listing(out));
    }

    /** A store of another sweep: refused before the data is read, and untouched. */
    @Test
    void anotherSweepsOutputIsRefusedBeforeTheData(@TempDir Path dir) throws IOException {
        Path sweep = unreadableData(dir);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("store.properties"), "sweep=other\nformat=1\n");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals("results directory " + out + " holds sweep 'other', not 'bad': choose another --out directory, or pass --merge"
                + " to add 'bad' to it\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(List.of("store.properties"), listing(out));
        assertEquals("sweep=other\nformat=1\n", Files.readString(out.resolve("store.properties")));
    }

    /**
     * The duplicate checks of an axis take one pass: ten times the values take about ten times as
     * long, not the hundred times that comparing every pair would (at 50,000 g values and 50,000
     * seeds, a 0.7 MB file of 100,000 trials, that is 2.5·10^9 pairs). A ratio of two sizes measured
     * in the same moments, each the fastest of three, so a busy machine slows both alike.
     */
    @Test
    void longAxesAreCheckedInOnePass() {
        double small = fastestParse(5_000);
        double large = fastestParse(50_000);
        assertTrue(large / small < 40, "10x the values parsed in " + NumberText.fixed(large / small, 1)
                + "x the time (" + large + " s against " + small + " s): linear is about 10, pairwise about 100");
    }

    private static double fastestParse(int n) {
        String g = IntStream.range(0, n).mapToObj(i -> "1." + String.format("%05d", i)).collect(Collectors.joining(", ", "[", "]"));
        String seeds = list(IntStream.rangeClosed(1, n));
        String text = VALID + "combinations: [{g: " + g + "}, {seed: " + seeds + "}]\n";
        double best = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            SweepFile sweep = SweepFile.parse("long.yaml", Path.of(""), text);
            best = Math.min(best, (System.nanoTime() - start) * 1e-9);
            assertEquals("long", sweep.name());
        }
        return best;
    }

    /** A legal grid of 20,000 g values plans: every trial, no duplicate reported. */
    @Test
    void twentyThousandLegalGValuesPlan(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("g.yaml"), DATA + "depths: 2\nwidth: 16\nepochs: 1\nbatch: 50\n"
                + "g: {from: 0.5, to: 2.0, steps: 20000}\n");
        Cli cli = Cli.run("plan", sweep.toString(), "--show", "1");
        assertEquals(0, cli.exitCode, cli.err);
        assertTrue(cli.out.contains("\ntrials: 20000\n"), cli.out);
        assertEquals(List.of("g.yaml"), listing(dir));
    }

    /**
     * summarize on a store whose results.parquet is a plain file, or garbage: no stack trace, exit
     * 0, and every trial recoverable from trials.csv and the records reported (the v1 fixture:
     * four compacted trials and one pending record).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedTables")
    void summarizeOfADamagedTableReadsAroundIt(String name, String damage, @TempDir Path tmp) throws IOException {
        Path dir = OldStoreTest.fixture(tmp);
        Path table = dir.resolve("results.parquet");
        if (damage.equals("file")) {
            try (Stream<Path> files = Files.walk(table)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
            }
            Files.writeString(table, "not a table\n");
        } else {
            Files.writeString(table.resolve("part-00000.parquet"), "PAR1 garbage, not a Parquet file\n");
        }
        Cli summarize = Cli.run("summarize", dir.toString());
        assertEquals(0, summarize.exitCode, summarize.err);
        assertEquals("", summarize.err, "no stack trace");
        assertEquals(List.of("done,planned,ok,diverged,failed,pruned", "5,4,5,0,0,0"),
                Files.readAllLines(dir.resolve("summary/tables/progress.csv")));
    }

    static Stream<Arguments> damagedTables() {
        return Stream.of(Arguments.of("results.parquet a plain file", "file"), Arguments.of("a garbage part file", "garbage"));
    }

    /** Runs {@code sweep} into dir/out and checks the refusal: the one line, exit 2, nothing written beside the inputs. */
    private static Cli refused(Path dir, Path sweep, String line) throws IOException {
        List<String> before = listing(dir);
        Path out = dir.resolve("out");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(line + "\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(before, listing(dir), "no stray files");
        return cli;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
