package rwsweep.driver.cli;

import rwsweep.driver.sweep.SweepKey;
import rwsweep.driver.sweep.UserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rwsweep.worker.data.DataFileException;
import rwsweep.worker.data.DenseFileReader;

/**
 * Every bad input, run as {@code rwsweep run BAD.yaml --out DIR} in-process: exit code 2, exactly
 * one line on stderr naming the file, the key and what is allowed (the SweepKey table's
 * text), no stack trace, and nothing written (DIR is not created). The checks happen before Spark
 * could start, so none starts.
 */
class BadInputTest {
    /** A valid sweep to vary: 200 bundled digits, two depths, width 16, one epoch. */
    private static final String DATA = "data: {source: mnist-sample, n: 200}\n";
    private static final String VALID = DATA + "depths: [2, 3]\nwidth: 16\nepochs: 1\nbatch: 50\n";
    /** A valid random-walk sweep to vary: Gaussian inputs, no data. */
    private static final String WALK = "kind: randomwalk\nnonlinearities: relu\ndepths: 10\nwidth: 8\nfind: optimal-g\n";
    /** A thousand seeds, for a grid too large to expand. */
    private static final String SEEDS = java.util.stream.IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ", "[", "]"));

    private static String allowed(SweepKey p) {
        return "; allowed: " + p.allowed();
    }

    private static String keys(String section) {
        return SweepKey.section(section).stream().map(SweepKey::localKey).collect(Collectors.joining(", "));
    }

    /** Name, sweep text, expected message after "FILE: " ({dir} = the test's directory). */
    static Stream<Arguments> cases() {
        // find is an axis of randomwalk sweeps only: a training sweep's combinations do not offer it
        String singular = SweepKey.axes().stream().filter(p -> p != SweepKey.FIND).map(p -> p.singular().orElseThrow())
                .collect(Collectors.joining(", "));
        return Stream.of(
                Arguments.of("unknown key", DATA + "depht: [2]\nwidth: 16\n",
                        "unknown key 'depht' (did you mean 'depths'?); allowed: " + keys("")),
                Arguments.of("unknown key in data", "data: {source: mnist-sample, nn: 100}\ndepths: 2\nwidth: 16\n",
                        "unknown key 'nn' in data (did you mean 'n'?); allowed: " + keys("data")),
                Arguments.of("unknown key in init", VALID + "init: {scheme: fractional_moment, ss: 1}\n",
                        "unknown key 'ss' in init (did you mean 's'?); allowed: scheme, " + keys("init")),
                Arguments.of("unknown key in a combination", VALID + "combinations: [{depth: 2}, {depths: 3}]\n",
                        "unknown key 'depths' in combinations[2] (did you mean 'depth'?); allowed: " + singular),
                Arguments.of("unknown key in g", VALID + "g: {from: 1, to: 2, step: 3}\n",
                        "unknown key 'step' in g (did you mean 'steps'?); allowed: from, to, steps, spacing, around, factors"),
                Arguments.of("text for an integer", VALID.replace("epochs: 1", "epochs: ten"),
                        "epochs: got text 'ten'" + allowed(SweepKey.EPOCHS)),
                Arguments.of("fraction for an integer", VALID.replace("depths: [2, 3]", "depths: [2, 2.5]"),
                        "depths: got 2.5" + allowed(SweepKey.DEPTHS)),
                Arguments.of("a map for a number", VALID + "epoch_decay: {a: 1}\n",
                        "epoch_decay: got a map" + allowed(SweepKey.EPOCH_DECAY)),
                Arguments.of("misspelt choice", VALID + "task: clasify\n",
                        "task: got 'clasify' (did you mean 'classify'?)" + allowed(SweepKey.TASK)),
                Arguments.of("unknown nonlinearity", VALID + "nonlinearities: [tanh, sigmoid]\n",
                        "nonlinearities: got 'sigmoid'" + allowed(SweepKey.NONLINEARITIES)),
                Arguments.of("empty list", VALID + "g: []\n",
                        "g: got an empty list" + allowed(SweepKey.G)),
                Arguments.of("key without a value", VALID + "seeds:\n",
                        "seeds: got no value" + allowed(SweepKey.SEEDS)),
                Arguments.of("g = 0", VALID + "g: [1.1, 0]\n",
                        "g: got 0" + allowed(SweepKey.G)),
                Arguments.of("g < 0", VALID + "g_out: -1.5\n",
                        "g_out: got -1.5" + allowed(SweepKey.G_OUT)),
                Arguments.of("g infinite (.inf)", VALID + "g: .inf\n",
                        "g: got .inf (line 6)" + allowed(SweepKey.G)),
                Arguments.of("g infinite (overflow)", VALID + "g: 1e999\n",
                        "g: got Infinity" + allowed(SweepKey.G)),
                Arguments.of("g not a number (.nan)", VALID + "combinations: [{g: .nan}]\n",
                        "combinations[1].g: got .nan (line 6)" + allowed(SweepKey.G)),
                Arguments.of("g factor <= 0", VALID + "g: {around: critical, factors: [1, 0]}\n",
                        "g.factors: got 0" + allowed(SweepKey.G)),
                Arguments.of("g range backwards", VALID + "g: {from: 1.5, to: 1.0, steps: 3}\n",
                        "g: got from 1.5 not below to 1" + allowed(SweepKey.G)),
                Arguments.of("g range of one step", VALID + "g: {from: 1.0, to: 1.5, steps: 1}\n",
                        "g.steps: got 1" + allowed(SweepKey.G)),
                Arguments.of("g repeated", VALID + "g: [1.1, 1.2, 1.1]\n",
                        "g: got 1.1 twice" + allowed(SweepKey.G)),
                Arguments.of("depth 0", VALID.replace("depths: [2, 3]", "depths: [0, 3]"),
                        "depths: got 0" + allowed(SweepKey.DEPTHS)),
                Arguments.of("depth 0 in a combination", VALID + "combinations: [{depth: 0}]\n",
                        "combinations[1].depth: got 0" + allowed(SweepKey.DEPTHS)),
                // width 1 at depth 2: (784 + 1)·1 + (1 + 1)·10 = 805 parameters, more than 500
                Arguments.of("p_lim too small for a depth", DATA + "depths: [2, 3]\np_lim: 500\nbatch: 50\n",
                        "p_lim: got 500, too small for depth 2: even width 1 has 805 parameters" + allowed(SweepKey.P_LIM)),
                Arguments.of("lambda 0", VALID + "lambda: [[0.01, 0.01], [0.01, 0]]\n",
                        "lambda: got 0" + allowed(SweepKey.LAMBDA)),
                Arguments.of("lambda < 0", VALID + "lambda: [-0.1, 0.01]\n",
                        "lambda: got -0.1" + allowed(SweepKey.LAMBDA)),
                Arguments.of("lambda not a pair", VALID + "lambda: [[0.1, 0.01, 0.001]]\n",
                        "lambda: got a list of 3 where a pair [lambda_in, lambda_out] belongs" + allowed(SweepKey.LAMBDA)),
                Arguments.of("epochs 0", VALID.replace("epochs: 1", "epochs: 0"),
                        "epochs: got 0" + allowed(SweepKey.EPOCHS)),
                Arguments.of("batch larger than the data", VALID.replace("batch: 50", "batch: 500"),
                        "batch: got 500, more than the 200 training examples" + allowed(SweepKey.BATCH)),
                Arguments.of("n larger than the data", VALID.replace("n: 200", "n: 20000"),
                        "data.n: got 20000, more than the 10000 examples in mnist-sample" + allowed(SweepKey.DATA_N)),
                Arguments.of("odd width with parameter sharing", VALID.replace("width: 16", "width: 15") + "init: [he, parameter_sharing]\n",
                        "width: got odd width 15 with init parameter_sharing, whose blocks [[W0, -W0], [-W0, W0]] need an even width"
                                + allowed(SweepKey.WIDTH)),
                Arguments.of("missing data file", "data: {source: idx, images: {dir}/none-images.gz, labels: {dir}/none-labels.gz}\ndepths: 2\nwidth: 4\n",
                        "data.images: no file {dir}/none-images.gz" + allowed(SweepKey.DATA_IMAGES)),
                Arguments.of("unreadable data file (a directory)", "data: {source: csv, file: {dir}/adir}\ndepths: 2\nwidth: 4\n",
                        "data.file: cannot read {dir}/adir" + allowed(SweepKey.DATA_FILE)),
                Arguments.of("malformed data file", "data: {source: csv, file: {dir}/bad.csv}\ndepths: 2\nwidth: 4\nbatch: 1\n",
                        "data: {reader}"),
                Arguments.of("data missing", "depths: 2\nwidth: 4\n",
                        "data: missing" + allowed(SweepKey.DATA)),
                Arguments.of("data source misspelt", "data: mnist-sampel\ndepths: 2\nwidth: 4\n",
                        "data: got 'mnist-sampel' (did you mean 'mnist-sample'?)" + allowed(SweepKey.DATA)),
                Arguments.of("files for the wrong source", "data: {source: mnist-sample, file: x.csv}\ndepths: 2\nwidth: 4\n",
                        "data.file: given for source mnist-sample" + allowed(SweepKey.DATA_FILE)),
                Arguments.of("neither width nor p_lim", DATA + "depths: 2\n",
                        "no width or p_lim; allowed: give width (" + SweepKey.WIDTH.allowed() + ") or p_lim ("
                                + SweepKey.P_LIM.allowed() + ")"),
                Arguments.of("both width and p_lim", VALID + "p_lim: 10000\n",
                        "p_lim: given together with width (give one: a fixed width or a budget)" + allowed(SweepKey.P_LIM)),
                Arguments.of("d_max below the largest depth", VALID + "d_max: 2\n",
                        "d_max: got 2, below the largest depth 3" + allowed(SweepKey.D_MAX)),
                Arguments.of("s outside (0, 2]", VALID + "init: {scheme: fractional_moment, s: 2.5}\n",
                        "init.s: got 2.5" + allowed(SweepKey.INIT_S)),
                Arguments.of("s for a scheme without s", VALID + "init: {scheme: glorot, s: 1}\n",
                        "init.s: given for scheme glorot" + allowed(SweepKey.INIT_S)),
                Arguments.of("code size for a classifier", VALID + "code_size: 30\n",
                        "code_size: given for task classify" + allowed(SweepKey.CODE_SIZE)),
                Arguments.of("odd auto-encoder depth", DATA + "task: autoencode\ndepths: [4, 5]\np_lim: 100000\n",
                        "depths: got 5 for task autoencode, whose code layer sits at D/2 between an encoder and a decoder of D/2 layers each"
                                + allowed(SweepKey.DEPTHS)),
                Arguments.of("width for an auto-encoder", DATA + "task: autoencode\ndepths: 4\nwidth: 100\n",
                        "width: given for task autoencode, whose layer sizes come from p_lim" + allowed(SweepKey.WIDTH)),
                Arguments.of("epoch_decay above 1", VALID + "epoch_decay: 1.5\n",
                        "epoch_decay: got 1.5" + allowed(SweepKey.EPOCH_DECAY)),
                Arguments.of("clip misspelt", VALID + "clip: nnoe\n",
                        "clip: got 'nnoe' (did you mean 'none'?)" + allowed(SweepKey.CLIP)),
                Arguments.of("checkpoint neither seconds nor none", VALID + "checkpoint: never\n",
                        "checkpoint: got 'never'" + allowed(SweepKey.CHECKPOINT)),
                Arguments.of("bad name", VALID + "name: my sweep\n",
                        "name: got 'my sweep'" + allowed(SweepKey.NAME)),
                Arguments.of("YAML syntax: unclosed list", DATA + "depths: [2, 3\nwidth: 16\n",
                        "YAML syntax error at line 3, column 6: expected ',' or ']', but got ':'"),
                Arguments.of("YAML syntax: tab indentation", VALID + "\tg: 1\n",
                        "YAML syntax error at line 6, column 1: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                Arguments.of("YAML syntax: key twice", VALID + "epochs: 2\n",
                        "YAML syntax error at line 6, column 7: the key 'epochs' appears twice"),
                Arguments.of("not a map", "- depths: 2\n",
                        "got a list where a map of sweep keys belongs (see rwsweep plan --keys)"),
                Arguments.of("walk key in a training sweep", VALID + "nets: 100\n",
                        "nets: given for a training sweep; it is a key of kind: randomwalk" + allowed(SweepKey.NETS)),
                Arguments.of("training key in a walk sweep", WALK + "epochs: 3\n",
                        "epochs: given for kind randomwalk, which trains nothing" + allowed(SweepKey.EPOCHS)),
                Arguments.of("kind misspelt", WALK.replace("randomwalk", "randomwallk"),
                        "kind: got 'randomwallk' (did you mean 'randomwalk'?)" + allowed(SweepKey.KIND)),
                Arguments.of("critical misspelt", VALID + "critical: steady\n",
                        "critical: got 'steady'" + allowed(SweepKey.CRITICAL)),
                Arguments.of("walk without a hidden layer", WALK.replace("depths: 10", "depths: [1, 10]"),
                        "depths: got 1 for kind randomwalk, whose walk needs a hidden layer (depth >= 2)" + allowed(SweepKey.DEPTHS)),
                Arguments.of("walk point with neither g nor find", WALK.replace("find: optimal-g\n", ""),
                        "no g and no find for a randomwalk point; allowed: g (" + SweepKey.G.allowed() + ") or find: optimal-g"),
                Arguments.of("walk budget without data", WALK.replace("width: 8", "p_lim: 10000"),
                        "p_lim: given with input gaussian, whose nets have no input or output size to budget from; allowed: width, or input: data"),
                Arguments.of("walk input data without data", WALK + "input: data\n",
                        "data: missing" + allowed(SweepKey.DATA)),
                Arguments.of("more sample walks than nets", WALK + "nets: 10\nsample_walks: 11\n",
                        "sample_walks: got 11, more than the 10 nets" + allowed(SweepKey.SAMPLE_WALKS)),
                Arguments.of("two YAML documents", VALID + "---\nepochs: 5\n",
                        "a second YAML document starts at line 7; allowed: one document (one sweep per file)"),
                Arguments.of("a grid too large to expand", VALID + "g: {from: 0.5, to: 2.0, steps: 1000}\nseeds: {seeds}\n",
                        "the grid has 2,000,000 trials; allowed: at most 1,000,000 per sweep file (split the grid into several files)"),
                Arguments.of("empty file", "# nothing yet\n",
                        "the file is empty; allowed: a map of sweep keys (see rwsweep plan --keys)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitTwoNothingWritten(String name, String yaml, String expected, @TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("adir"));
        Path badCsv = Files.writeString(dir.resolve("bad.csv"), "0,1.5\n1,abc\n");
        Path sweep = Files.writeString(dir.resolve("bad.yaml"), yaml.replace("{dir}", dir.toString()).replace("{seeds}", SEEDS));
        Path out = dir.resolve("out");
        String message = expected.replace("{dir}", dir.toString());
        if (message.contains("{reader}")) {
            // the reader's own message, as the reader gives it (checked in the reader's tests)
            DataFileException e = assertThrows(DataFileException.class, () -> DenseFileReader.readCsv(badCsv, 0));
            message = message.replace("{reader}", e.getMessage());
        }
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(sweep + ": " + message + "\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals("", cli.out);
        assertFalse(Files.exists(out), "nothing written");
        assertEquals(List.of("adir", "bad.csv", "bad.yaml"), listing(dir), "no stray files");
    }

    @Test
    void missingSweepFile(@TempDir Path dir) {
        Path sweep = dir.resolve("nothere.yaml");
        Cli cli = Cli.run("run", sweep.toString(), "--out", dir.resolve("out").toString());
        assertEquals(sweep + ": no such sweep file\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void outputUnderAFile(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("ok.yaml"), VALID);
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path out = file.resolve("results");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString());
        assertEquals("--out " + out + ": " + file + " is a file, not a directory; allowed: a directory you can write (created if missing)\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(List.of("file", "ok.yaml"), listing(dir));
    }

    @Test
    void outputIsAFile(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("ok.yaml"), VALID);
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli cli = Cli.run("run", sweep.toString(), "--out", file.toString());
        assertEquals("--out " + file + ": " + file + " is a file, not a directory; allowed: a directory you can write (created if missing)\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outputOnAReadOnlyFileSystem(@TempDir Path dir) throws IOException {
        // /proc refuses new files even to root, where permission bits would not
        Path sweep = Files.writeString(dir.resolve("ok.yaml"), VALID);
        Path out = Path.of("/proc/rwsweep-results");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString());
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli.err);
        assertEquals(true, cli.err.startsWith("--out /proc/rwsweep-results: cannot write in /proc ("), cli.err);
        assertFalse(Files.exists(out));
    }

    @Test
    void anEmptyOutputPath(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("ok.yaml"), VALID);
        Cli cli = Cli.run("run", sweep.toString(), "--out=");
        assertEquals("--out: got an empty path; allowed: a directory you can write (default results/<sweep name>)\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(List.of("ok.yaml"), listing(dir));
    }

    /** Results inside the sweeps/ directory of the sweep file would land in the project's source tree. */
    @Test
    void anOutputInsideTheSweepsDirectory(@TempDir Path dir) throws IOException {
        Path sweeps = Files.createDirectory(dir.resolve("sweeps"));
        Path sweep = Files.writeString(sweeps.resolve("ok.yaml"), VALID);
        Path out = sweeps.resolve("results");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString());
        assertEquals("--out " + out + ": inside " + sweeps + ", the directory of the sweep files; allowed: a directory outside it"
                + " (default results/<sweep name>)\n", cli.err);
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(List.of("ok.yaml"), listing(sweeps));
    }

    /** A directory another live run holds: one line naming that run, before Spark, nothing written. */
    @Test
    void anOutputAnotherRunHolds(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(dir.resolve("ok.yaml"), VALID);
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.writeString(out.resolve("lease.1"), "host=elsewhere.example\npid=77\nstate=held\n");
        Cli cli = Cli.run("run", sweep.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(UserError.EXIT_CODE, cli.exitCode);
        assertEquals(1, cli.err.lines().count(), cli.err);
        assertTrue(cli.err.startsWith("results directory " + out + " is in use by the run of pid 77 on host elsewhere.example"), cli.err);
        assertEquals(List.of("lease.1"), listing(out));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
