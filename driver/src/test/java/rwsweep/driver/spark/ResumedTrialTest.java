package rwsweep.driver.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.Digits;
import rwsweep.driver.sweep.SweepPlan;
import rwsweep.worker.Activation;
import rwsweep.worker.Blas;
import rwsweep.worker.Checkpoint;
import rwsweep.worker.Trainer;
import rwsweep.worker.TrainingState;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * A trial that saves its state after every epoch ({@code checkpoint: 0}), whose driver is killed
 * with SIGKILL while it saves epoch 4 of 8 (the state of epoch 3 in place, a half-written temp
 * file beside it), resumes on the next run from epoch 3 — it saves epochs 4 to 7 only — and its
 * stored curves equal, bit for bit, those of the same trial trained without a stop; the saved
 * state and the temp file are gone once its record has landed. Real Spark local mode in child
 * JVMs ({@link KilledDriverTest#child}), the real local file system. Two Spark starts: 1-2 minutes
 * on 2 cores shared with other work.
 */
class ResumedTrialTest extends SparkTest {
    /** Tanh, decay and a clip it reaches: the saved rates and clipped steps must carry over exactly. */
    private static final TrialSpec SPEC = tanh(7);
    private static final Pattern SAVING = Pattern.compile("SAVING (\\d+)");

    @TempDir
    Path tmp;

    private static TrialSpec tanh(long seed) {
        int[] sizes = {784, 48, 48, 48, 48, 10};
        return TrialSpec.builder().activation(Activation.TANH).sizes(sizes).g(1.1).lambda(0.01, 0.03).epochs(8)
                .batchSize(20).epochDecay(0.9).clipNorm(3).seed(seed).data(Digits.data().id(), Digits.data().size()).build();
    }

    private static SweepPlan plan(List<TrialSpec> specs) {
        return new SweepPlan("resumed", "name: resumed\ncheckpoint: 0\n", CostModel.longestFirst(specs), Digits.data(),
                OptionalDouble.of(0));
    }

    /** The child: a run of {@link #SPEC} into {@code args[0]}, killed at {@code args[1]} (or not: "none"). */
    public static void main(String[] args) {
        System.setProperty("rwsweep.test.kill", args[1]);
        System.setProperty("spark.hadoop.fs.file.impl", KilledDriverTest.KillingLocalFileSystem.class.getName());
        System.setProperty("spark.hadoop.fs.file.impl.disable.cache", "true");
        RunReport report = SweepRunner.run(plan(List.of(SPEC)), args[0], RunOptions.defaults().withMaster("local[1]")
                .withProgress(false).withConf("spark.ui.enabled", "false"));
        System.out.println(report);
        System.exit(0);
    }

    @Test
    void aTrialKilledMidSaveResumesFromItsLastEpochWithTheCurvesOfAnUninterruptedRun() throws Exception {
        Path dir = tmp.resolve("out");
        TrialResult uninterrupted = Trainer.run(SPEC, Digits.data());
        assertEquals(TrialStatus.OK, uninterrupted.status());

        String killed = KilledDriverTest.child(tmp, ResumedTrialTest.class, "checkpoint:4", dir.toString(), "checkpoint:4");
        assertEquals(List.of(1, 2, 3, 4), saves(killed), killed);
        Path saved = dir.resolve("checkpoints").resolve(SPEC.key() + ".ckpt");
        try (InputStream in = Files.newInputStream(saved)) {
            TrainingState state = TrainingState.readFrom(in);
            assertEquals(3, state.epoch(), "the state in place is the last one saved whole");
            assertEquals(SPEC.key(), state.key());
        }
        assertEquals(2, files(dir.resolve("checkpoints")).size(), "the state and the cut temp file: " + files(dir.resolve("checkpoints")));
        assertEquals(Optional.empty(), ResultStore.open(dir.toString()).statuses().keySet().stream().findAny(), "no record yet");

        String resumed = KilledDriverTest.child(tmp, ResumedTrialTest.class, "none", dir.toString(), "none");
        assertEquals(List.of(1, 2, 3, 4), saves(resumed), "epochs 4..7 saved, none before: " + resumed);
        TrialResult stored = ResultStore.open(dir.toString()).result(SPEC.key()).orElseThrow();
        assertTrue(stored.sameCurves(uninterrupted), Arrays.toString(stored.trainError()) + " vs "
                + Arrays.toString(uninterrupted.trainError()));
        assertArrayEquals(bits(uninterrupted.meanLoss()), bits(stored.meanLoss()));
        assertEquals(List.of(), files(dir.resolve("checkpoints")), "nothing saved is left once the record landed");
    }

    @Test
    void aStateSavedForAnotherTrialIsNotResumedAndIsRemoved() throws Exception {
        // a real saved state, of another seed, put where SPEC's would be
        TrialSpec other = tanh(8);
        byte[][] bytes = new byte[1][];
        Trainer.run(other, Digits.data(), Blas.resolve(), new Checkpoint() {
            @Override public Optional<TrainingState> load() { return Optional.empty(); }
            @Override public boolean due(int epoch, int epochs, double seconds) { return epoch == 2; }
            @Override public void save(TrainingState state) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                try {
                    state.writeTo(out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                bytes[0] = out.toByteArray();
            }
            @Override public void rejected(TrainingState state, String reason) { }
        });
        Path dir = tmp.resolve("stale");
        SweepRunner.run(plan(List.of(Digits.spec(2, 1.0))), dir.toString(), RunOptions.defaults().withProgress(false));
        Path checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(checkpoints.resolve(SPEC.key() + ".ckpt"), bytes[0]);

        SweepRunner.run(plan(List.of(Digits.spec(2, 1.0), SPEC)), dir.toString(), RunOptions.defaults().withProgress(false));
        TrialResult stored = ResultStore.open(dir.toString()).result(SPEC.key()).orElseThrow();
        assertTrue(stored.sameCurves(Trainer.run(SPEC, Digits.data())), "trained from epoch 0");
        assertEquals(List.of(), files(checkpoints));
    }

    private static List<Integer> saves(String out) {
        List<Integer> n = new ArrayList<>();
        Matcher m = SAVING.matcher(out);
        while (m.find()) n.add(Integer.parseInt(m.group(1)));
        return n;
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
        return b;
    }
}
