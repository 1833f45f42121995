package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialField;

/** What a valid sweep file means: defaults, combinations over the top level, d_max, data paths. */
class SweepFileTest {
    private static SweepFile parse(String yaml) {
        return SweepFile.parse("sweeps/t.yaml", Path.of("/data"), yaml);
    }

    @Test
    void unsetKeysTakeTheTableDefaults() {
        SweepFile s = parse("data: mnist-sample\ndepths: [2, 5]\np_lim: 20000\n");
        GridAxes a = s.points().get(0);
        assertEquals("t", s.name(), "name defaults to the file name without .yaml");
        assertEquals(Task.CLASSIFY, s.task());
        assertEquals(5, s.dMax(), "d_max defaults to the largest depth");
        assertEquals(List.of(Activation.TANH), a.values(TrialField.ACTIVATION));
        assertEquals(List.of(InitChoice.of(InitScheme.RANDOM_WALK)), a.inits);
        assertNull(a.g, "g left unset: Grid gives random_walk the critical g, other schemes 1");
        assertNull(a.gIn);
        assertNull(a.gOut);
        assertEquals(List.of(new LambdaPair(0.01, 0.01)), a.lambdas);
        assertEquals(List.of(10), a.values(TrialField.EPOCHS));
        assertEquals(List.of(100), a.values(TrialField.BATCH));
        assertEquals(List.of(1.0), a.values(TrialField.EPOCH_DECAY));
        assertEquals(List.of(Double.POSITIVE_INFINITY), a.values(TrialField.CLIP));
        assertEquals(List.of(1L), a.values(TrialField.SEED));
        assertEquals(List.of(NetSize.pLim(20000)), a.sizes);
        assertNull(a.codeSizes, "classifiers have no code layer");
        assertTrue(s.data().n().isEmpty());
    }

    @Test
    void autoencodersGetTheDefaultCodeSize() {
        SweepFile s = parse("data: mnist-sample\ntask: autoencode\ndepths: [4]\np_lim: 100000\n");
        assertEquals(List.of(30), s.points().get(0).codeSizes);
    }

    @Test
    void aCombinationFixesWhatItNamesAndTakesTheRestFromTheTopLevel() {
        SweepFile s = parse("""
                data: {source: mnist-sample, n: 1000}
                depths: [2, 4]
                width: 50
                g: [1.1, 1.2]
                seeds: [1, 2]
                combinations:
                  - {depth: 8, g: 1.3}
                  - {p_lim: 30000, nonlinearity: relu, lambda: [0.1, 0.01]}
                """);
        assertEquals(2, s.points().size());
        GridAxes first = s.points().get(0);
        assertEquals(List.of(8), first.depths);
        assertEquals(GainValues.explicit(1.3), first.g);
        assertEquals(List.of(NetSize.width(50)), first.sizes);
        assertEquals(List.of(1L, 2L), first.values(TrialField.SEED));
        GridAxes second = s.points().get(1);
        assertEquals(List.of(2, 4), second.depths);
        assertEquals(List.of(NetSize.pLim(30000)), second.sizes, "a p_lim in an entry replaces the top-level width");
        assertEquals(List.of(Activation.RELU), second.values(TrialField.ACTIVATION));
        assertEquals(GainValues.explicit(1.1, 1.2), second.g);
        assertEquals(List.of(new LambdaPair(0.1, 0.01)), second.lambdas);
        assertEquals(8, s.dMax(), "d_max covers the depths of combinations too");
        assertEquals(1000, s.data().n().getAsInt());
    }

    @Test
    void anInitMapExpandsItsListsOfSAndSlope() {
        SweepFile s = parse("""
                data: mnist-sample
                depths: 3
                width: 64
                init: [he, {scheme: fractional_moment, s: [0.5, 1.5], leaky_slope: [0, 0.1]}, fractional_moment]
                """);
        assertEquals(List.of(InitChoice.of(InitScheme.HE),
                InitChoice.fractionalMoment(0.5, 0.0), InitChoice.fractionalMoment(0.5, 0.1),
                InitChoice.fractionalMoment(1.5, 0.0), InitChoice.fractionalMoment(1.5, 0.1),
                InitChoice.fractionalMoment(InitChoice.DEFAULT_S, 0.0)), s.points().get(0).inits);
    }

    @Test
    void lambdaIsOnePairOrAListOfPairs() {
        assertEquals(List.of(new LambdaPair(0.1, 0.001)), parse("data: mnist-sample\ndepths: 2\nwidth: 8\nlambda: [0.1, 0.001]\n").points().get(0).lambdas);
        assertEquals(List.of(new LambdaPair(0.1, 0.001), new LambdaPair(0.01, 0.01)),
                parse("data: mnist-sample\ndepths: 2\nwidth: 8\nlambda: [[0.1, 0.001], [0.01, 0.01]]\n").points().get(0).lambdas);
    }

    @Test
    void clipIsANumberOrNone() {
        assertEquals(List.of(Double.POSITIVE_INFINITY, 5.0), parse("data: mnist-sample\ndepths: 2\nwidth: 8\nclip: [none, 5]\n").points().get(0).values(TrialField.CLIP));
    }

    @Test
    void checkpointIsSecondsOrNoneAndSixtyByDefault() {
        String base = "data: mnist-sample\ndepths: 2\nwidth: 8\n";
        assertEquals(java.util.OptionalDouble.of(60), parse(base).checkpointSeconds());
        assertEquals(java.util.OptionalDouble.of(0), parse(base + "checkpoint: 0\n").checkpointSeconds());
        assertEquals(java.util.OptionalDouble.of(600), parse(base + "checkpoint: 600\n").checkpointSeconds());
        assertEquals(java.util.OptionalDouble.empty(), parse(base + "checkpoint: none\n").checkpointSeconds());
        assertEquals("sweeps/t.yaml: checkpoint: got -1.0; allowed: " + SweepKey.CHECKPOINT.allowed(),
                assertThrows(UserError.class, () -> parse(base + "checkpoint: -1\n")).getMessage());
    }

    @Test
    void explicitDMaxAboveTheLargestDepthIsKept() {
        assertEquals(20, parse("data: mnist-sample\ndepths: [2, 5]\nwidth: 8\nd_max: 20\n").dMax());
    }

    @Test
    void dataPathsResolveAgainstTheGivenBase(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("d"));
        Files.writeString(dir.resolve("d/x.csv"), "0,1.0\n");
        SweepFile s = SweepFile.parse("t.yaml", dir, "data: {source: csv, file: d/x.csv, label_column: 1}\ndepths: 2\nwidth: 4\n");
        assertEquals(new DataPath.Local(dir.resolve("d/x.csv")), s.data().file());
        assertEquals(1, s.data().labelIndex());
        assertTrue(s.data().labelName().isEmpty());
    }

    /**
     * The README's promise for CSV data: the label column given by its header name, and quoted
     * cells (as spreadsheets export them) read as the numbers they hold; a name the header lacks
     * is one line naming the sweep file, the data key and the columns there are.
     */
    @Test
    void aCsvLabelColumnMayBeNamedByTheHeaderAndCellsMayBeQuoted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("frames.csv"), "\"f1\",\"phone\",\"f2\"\n\"0.5\",\"3\",\"-1.25\"\n\"2\",\"0\",\"1e-3\"\n");
        SweepFile s = SweepFile.parse("t.yaml", dir, "data: {source: csv, file: frames.csv, label_column: phone}\ndepths: 2\nwidth: 4\n");
        assertEquals(java.util.Optional.of("phone"), s.data().labelName());
        rwsweep.worker.data.Dataset d = TrainingData.load(s);
        assertEquals(2, d.dim());
        assertEquals(4, d.classes());
        assertEquals(List.of(3, 0), java.util.Arrays.stream(d.labels()).boxed().toList());
        SweepFile wrong = SweepFile.parse("t.yaml", dir, "data: {source: csv, file: frames.csv, label_column: label}\ndepths: 2\nwidth: 4\n");
        UserError e = assertThrows(UserError.class, () -> TrainingData.load(wrong));
        assertEquals("t.yaml: data: " + dir.resolve("frames.csv") + ": line 1: no column named 'label' in the header (columns: f1, phone, f2)",
                e.getMessage());
    }

    /** A Hadoop URI is kept as written and not opened while parsing; file: URIs are local paths. */
    @Test
    void dataUrisAreHadoopPathsAndFileUrisAreLocal(@TempDir Path dir) throws IOException {
        SweepFile s = SweepFile.parse("t.yaml", dir, "data: {source: idx, images: hdfs://nn:8020/d/train-images-idx3-ubyte.gz,"
                + " labels: s3a://bucket/d/../e/train-labels-idx1-ubyte.gz}\ndepths: 2\nwidth: 4\n");
        assertEquals(new DataPath.Remote(java.net.URI.create("hdfs://nn:8020/d/train-images-idx3-ubyte.gz")), s.data().images());
        assertEquals("s3a://bucket/e/train-labels-idx1-ubyte.gz", s.data().labels().toString());
        assertEquals("idx train-images-idx3-ubyte.gz", s.data().what());
        Files.writeString(dir.resolve("x.csv"), "0,1.0\n");
        SweepFile local = SweepFile.parse("t.yaml", Path.of("/"), "data: {source: csv, file: 'file://" + dir.resolve("x.csv")
                + "'}\ndepths: 2\nwidth: 4\n");
        assertEquals(new DataPath.Local(dir.resolve("x.csv")), local.data().file());
        UserError noFile = assertThrows(UserError.class, () -> SweepFile.parse("t.yaml", dir,
                "data: {source: csv, file: 'hdfs://nn:8020/'}\ndepths: 2\nwidth: 4\n"));
        assertEquals("t.yaml: data.file: 'hdfs://nn:8020/' names no file; allowed: " + SweepKey.DATA_FILE.allowed(), noFile.getMessage());
        UserError notUri = assertThrows(UserError.class, () -> SweepFile.parse("t.yaml", dir,
                "data: {source: csv, file: 'hdfs://nn:8020/a b^'}\ndepths: 2\nwidth: 4\n"));
        assertTrue(notUri.getMessage().startsWith("t.yaml: data.file: 'hdfs://nn:8020/a b^' is not a URI"), notUri.getMessage());
    }

    @Test
    void loadNamesTheFileAsGivenAndKeepsItsText(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("my-sweep.yml");
        String text = "# a comment\ndata: mnist-sample\ndepths: 2\nwidth: 4\n";
        Files.writeString(f, text);
        SweepFile s = SweepFile.load(f);
        assertEquals("my-sweep", s.name());
        assertEquals(text, s.text());
        assertEquals(f.toString(), s.file());
    }

    @Test
    void suggestionsComeOnlyForNearMisses() {
        List<String> keys = List.of("depths", "g", "g_in", "seeds");
        assertEquals("depths", YamlValue.nearest("depht", keys));
        assertEquals("g_in", YamlValue.nearest("gin", keys));
        assertEquals("seeds", YamlValue.nearest("seed", keys));
        assertNull(YamlValue.nearest("x", keys), "a one-letter key is no typo of g");
        assertNull(YamlValue.nearest("learning_rate", keys));
        // transposition counts once: "depht" → "depth" is 1 edit, not 2
        assertEquals(1, YamlValue.editDistance("depht", "depth"));
        assertEquals(3, YamlValue.editDistance("kitten", "sitting"));
    }

    @Test
    void aUserErrorIsNeverJacksonsOwnText() {
        UserError e = assertThrows(UserError.class, () -> parse("data: mnist-sample\ndepths: [1, 2\n"));
        assertEquals("sweeps/t.yaml: YAML syntax error at line 3, column 1: expected ',' or ']', but got the end of the file", e.getMessage());
    }

    /** A YAML alias is the value its anchor names, not the anchor's name as text ({@code g_in: *g}). */
    @Test
    void aYamlAliasIsTheValueItsAnchorNames() {
        SweepFile sweep = SweepFile.parse("alias.yaml", Path.of("."), String.join("\n",
                "data: {source: mnist-sample, n: 200}", "depths: [2]", "width: 16", "g: &g 1.25", "g_in: *g",
                "combinations: [{depth: 2, g_out: *g}]", ""));
        GridAxes point = sweep.points().get(0);
        assertEquals(List.of(1.25), java.util.Arrays.stream(point.gIn.resolve(Double.NaN)).boxed().toList());
        assertEquals(List.of(1.25), java.util.Arrays.stream(point.gOut.resolve(Double.NaN)).boxed().toList(), "inside a flow map too");
    }
}
