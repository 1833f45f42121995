package rwsweep.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rwsweep.worker.data.Dataset;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/**
 * A trial stopped after epoch j and resumed from its saved state ends with the curves and the
 * weights of an uninterrupted run, bit for bit; a state that is not the trial's is rejected once
 * and the trial starts from epoch 0.
 */
class CheckpointTest {
    private static final Dataset DATA = TrainerTest.digits(300);
    /** Decay and a clip it reaches: the saved rates and the clipped steps must carry over exactly. */
    private static final TrialSpec SPEC = TrainerTest.spec(DATA, 48, 48, 48, 48).epochs(6).lambda(0.02, 0.05)
            .epochDecay(0.9).clipNorm(2).build();

    /** Thrown by {@link InMemory#save} after the epoch it stops at: the run ends as a killed task would. */
    private static final class Killed extends RuntimeException {
        Killed() { super("killed after a save"); }
    }

    /**
     * A checkpoint in memory that saves after every epoch through the binary form, keeps the last
     * state's bytes, and optionally stops the run after saving a given epoch.
     */
    private static final class InMemory implements Checkpoint {
        byte[] bytes;
        float[] lastParams;          // parameters of the last state saved
        int stopAfter = Integer.MAX_VALUE;
        final List<String> rejections = new ArrayList<>();
        final List<Integer> savedEpochs = new ArrayList<>();

        @Override
        public Optional<TrainingState> load() {
            if (bytes == null) return Optional.empty();
            try {
                return Optional.of(TrainingState.readFrom(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public boolean due(int epoch, int epochs, double seconds) { return true; }

        @Override
        public void save(TrainingState state) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                state.writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = out.toByteArray();
            lastParams = state.params().clone();
            savedEpochs.add(state.epoch());
            if (state.epoch() == stopAfter) throw new Killed();
        }

        @Override public void rejected(TrainingState state, String reason) { rejections.add(reason); }

        InMemory withStop(int epoch) {
            stopAfter = epoch;
            return this;
        }
    }

    @Test
    void resumedAfterAnyEpochEqualsAnUninterruptedRunBitForBit() {
        InMemory whole = new InMemory();
        TrialResult uninterrupted = Trainer.run(SPEC, DATA, Blas.resolve(), whole);
        assertEquals(TrialStatus.OK, uninterrupted.status());
        assertTrue(uninterrupted.sameCurves(Trainer.run(SPEC, DATA)), "saving must not change the numbers");
        assertTrue(uninterrupted.minTrainError() < 0.5, "the net trains: " + uninterrupted.minTrainError());

        for (int stop : new int[] {1, 3, 5}) {
            InMemory cut = new InMemory();
            cut.stopAfter = stop;
            assertThrows(Killed.class, () -> Trainer.run(SPEC, DATA, Blas.resolve(), cut));
            TrainingState saved = cut.load().orElseThrow();
            assertEquals(stop, saved.epoch());

            cut.stopAfter = Integer.MAX_VALUE;
            cut.savedEpochs.clear();
            TrialResult resumed = Trainer.run(SPEC, DATA, Blas.resolve(), cut);
            assertTrue(resumed.sameCurves(uninterrupted), "stopped after epoch " + stop + ": "
                    + Arrays.toString(resumed.trainError()) + " vs " + Arrays.toString(uninterrupted.trainError()));
            assertArrayEquals(bits(uninterrupted.meanLoss()), bits(resumed.meanLoss()));
            assertEquals(checksum(whole.lastParams), checksum(cut.lastParams), "final weights after a stop at epoch " + stop);
            assertArrayEquals(whole.lastParams, cut.lastParams);
            assertTrue(resumed.wallSeconds() >= saved.seconds(), "wall time adds the runs: " + resumed.wallSeconds());
            assertEquals(List.of(), cut.rejections);
            assertEquals(stop + 1, cut.savedEpochs.get(0), "the resumed run starts after the saved epoch");
            assertEquals(6 - stop, cut.savedEpochs.size());
        }
    }

    @Test
    void aStateOfAnotherTrialOrNumericsVersionIsRejectedOnceAndTheTrialStartsOver() throws IOException {
        TrialResult reference = Trainer.run(SPEC, DATA);
        InMemory other = new InMemory();
        other.stopAfter = 2;
        TrialSpec otherSpec = SPEC.toBuilder().seed(8).build();
        assertThrows(Killed.class, () -> Trainer.run(otherSpec, DATA, Blas.resolve(), other));
        TrialResult fresh = Trainer.run(SPEC, DATA, Blas.resolve(), other.withStop(Integer.MAX_VALUE));
        assertTrue(fresh.sameCurves(reference));
        assertEquals(1, other.rejections.size());
        assertTrue(other.rejections.get(0).contains("saved for trial " + otherSpec.key()), other.rejections.get(0));

        InMemory own = new InMemory();
        own.stopAfter = 2;
        assertThrows(Killed.class, () -> Trainer.run(SPEC, DATA, Blas.resolve(), own));
        TrainingState s = own.load().orElseThrow();
        TrainingState older = new TrainingState(s.key(), Trainer.NUMERICS_VERSION - 1, s.epoch(), s.seconds(), s.params(), s.rates(),
                s.order(), s.error(), s.loss(), s.deltaNorms());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        older.writeTo(out);
        own.bytes = out.toByteArray();
        assertEquals(Trainer.NUMERICS_VERSION - 1, TrainingState.readHeader(new ByteArrayInputStream(own.bytes)).numericsVersion());
        assertTrue(Trainer.run(SPEC, DATA, Blas.resolve(), own.withStop(Integer.MAX_VALUE)).sameCurves(reference));
        assertEquals(List.of("saved by numerics version " + (Trainer.NUMERICS_VERSION - 1) + ", this code is version "
                + Trainer.NUMERICS_VERSION), own.rejections);
    }

    @Test
    void aDamagedOrShortStateDoesNotRead() throws IOException {
        InMemory cut = new InMemory();
        cut.stopAfter = 1;
        assertThrows(Killed.class, () -> Trainer.run(SPEC, DATA, Blas.resolve(), cut));
        byte[] flipped = cut.bytes.clone();
        flipped[flipped.length / 2] ^= 1;
        IOException bad = assertThrows(IOException.class, () -> TrainingState.readFrom(new ByteArrayInputStream(flipped)));
        assertEquals("checksum mismatch", bad.getMessage());
        byte[] shorter = Arrays.copyOf(cut.bytes, cut.bytes.length - 3);
        assertThrows(IOException.class, () -> TrainingState.readFrom(new ByteArrayInputStream(shorter)));
        assertThrows(IOException.class, () -> TrainingState.readFrom(new ByteArrayInputStream("garbage, not a state".getBytes())));
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) b[i] = Double.doubleToRawLongBits(v[i]);
        return b;
    }

    private static long checksum(float[] v) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (float x : v) {
            int b = Float.floatToRawIntBits(x);
            crc.update(new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b});
        }
        return crc.getValue();
    }
}
