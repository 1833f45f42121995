package rwsweep.driver.spark;

import rwsweep.driver.sweep.CostModel;
import rwsweep.driver.sweep.Digits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/** Counts and the ETA bound of {@link Progress}, against numbers worked out by hand. */
class ProgressTest {
    // FLOPs by hand (CostModel, Network's FLOP model), 200 examples · (2 epochs · step + 3 evaluations · forward),
    // forward = 2·Σ n_d·n_{d-1}, step = 2·forward + 2·Σ_{d≥2} n_d·n_{d-1} (layer 1 passes no gradient back):
    // depth 3: Σ = 784·16 + 16·16 + 16·10 = 12,960, forward 25,920, step 51,840 + 2·416 = 52,672
    //   → 200 · (105,344 + 77,760) = 36,620,800;
    // depth 2: Σ = 784·16 + 16·10 = 12,704, forward 25,408, step 50,816 + 2·160 = 51,136
    //   → 200 · (102,272 + 76,224) = 35,699,200.
    private static final double DEEP = 36_620_800, SHALLOW = 35_699_200;
    private final TrialSpec a = Digits.spec(3, 1.0), b = Digits.spec(2, 1.0), c = Digits.spec(2, 1.2);

    private static TrialResult result(TrialSpec spec, TrialStatus status, int stopEpoch, double wallSeconds) {
        double[] curve = new double[stopEpoch + 1];
        return new TrialResult(spec, status, "", stopEpoch, curve, curve, new double[spec.depth()], 0, wallSeconds,
                Provenance.here("test"));
    }

    @Test
    void theCostModelGivesTheHandCountedFlops() {
        assertEquals(DEEP, CostModel.flops(a));
        assertEquals(SHALLOW, CostModel.flops(b));
    }

    @Test
    void etaSharesTheWorkAcrossCoresUntilOneTrialIsTheLongerBound() {
        Progress twoCores = new Progress(List.of(a, b, c), 0, 2, Progress.Display.NONE);
        // Nothing finished: 20 GFLOP/s per core; (DEEP + 2·SHALLOW) / (20e9 · 2) = 0.00270048 s
        // beats the longest trial alone, DEEP / 20e9 = 0.00183104 s.
        assertEquals(20.0, twoCores.gflopsPerCore());
        assertEquals(0.00270048, twoCores.etaSeconds(), 1e-12);

        Progress fourCores = new Progress(List.of(a, b, c), 0, 4, Progress.Display.NONE);
        fourCores.finished(result(a, TrialStatus.OK, 2, 0.01));
        // Measured: DEEP / 0.01 s = 3.66208 GFLOP/s. Left: 2·SHALLOW over 4 cores would take
        // 0.00487417 s, but one trial cannot split: SHALLOW / 3.66208e9 = 0.00974834 s.
        assertEquals(3.66208, fourCores.gflopsPerCore(), 1e-12);
        assertEquals(SHALLOW / 3.66208e9, fourCores.etaSeconds(), 1e-12);
    }

    @Test
    void aDivergedTrialCountsOnlyTheEpochsItRanAndAFailedOneNothing() {
        Progress p = new Progress(List.of(a, b, c), 3, 4, Progress.Display.NONE);
        p.finished(result(a, TrialStatus.OK, 2, 0.01));
        p.finished(result(c, TrialStatus.DIVERGED, 1, 0.004));
        // (DEEP + SHALLOW/2) / (0.01 + 0.004) s = 54,470,400 / 0.014 = 3.890742857… GFLOP/s
        assertEquals(54_470_400 / 0.014 / 1e9, p.gflopsPerCore(), 1e-12);
        p.finished(result(b, TrialStatus.FAILED, 0, 5.0));
        assertEquals(54_470_400 / 0.014 / 1e9, p.gflopsPerCore(), 1e-12);
        p.finished(result(b, TrialStatus.OK, 2, 1.0));   // a second result of one key counts once
        assertEquals(3, p.done());
        assertEquals(new rwsweep.worker.spec.StatusCounts(1, 1, 1, 0), p.counts());
        assertEquals(0.0, p.etaSeconds());
    }

    @Test
    void runningFollowsTaskStartsAndEnds() {
        Progress p = new Progress(List.of(a, b), 0, 2, Progress.Display.NONE);
        var listener = p.listener();
        listener.onTaskStart(null);
        listener.onTaskStart(null);
        listener.onTaskEnd(null);
        assertEquals(1, p.running());
    }

    @Test
    void withoutATerminalProgressIsPlainLinesAtEveryTenth() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        // 1 trial done before, 3 now: 4 in all; tenths crossed at 2/4, 3/4 and 4/4 (1/4 is the start)
        try (Progress p = new Progress(List.of(a, b, c), 1, 2, Progress.Display.LINES, out)) {
            p.finished(result(a, TrialStatus.OK, 2, 0.01));
            p.finished(result(c, TrialStatus.DIVERGED, 1, 0.004));
            p.finished(result(b, TrialStatus.OK, 2, 0.01));
        }
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of(
                "trials 1/4 done, running 0, diverged 0, failed 0, ETA 0:00:00",
                "trials 2/4 done, running 0, diverged 0, failed 0, ETA 0:00:00",
                "trials 3/4 done, running 0, diverged 1, failed 0, ETA 0:00:00",
                "trials 4/4 done, running 0, diverged 1, failed 0, ETA 0:00:00"), text.lines().toList());
        assertEquals(-1, text.indexOf('\r'), "no carriage return");
        assertEquals(-1, text.indexOf('\u001b'), "no terminal escape");
    }

    @Test
    void theLineShowsTheEtaInHoursMinutesSeconds() {
        Progress p = new Progress(List.of(a, b, c), 0, 2, Progress.Display.NONE);
        p.finished(result(a, TrialStatus.OK, 2, 3600));
        // DEEP FLOPs in an hour; the two SHALLOW trials left run side by side on 2 cores:
        // SHALLOW / (DEEP / 3600 s) = 3509.40 s → 0:58:29
        assertEquals("trials 1/3 done, running 0, diverged 0, failed 0, ETA 0:58:29", p.line());
    }
}
