package rwsweep.driver.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pack plan against targets and packs worked out by hand. */
class PacksTest {
    private static String show(List<int[]> packs) {
        StringBuilder b = new StringBuilder();
        for (int[] p : packs) b.append(Arrays.toString(p));
        return b.toString();
    }

    @Test
    void theTargetIsTheOverheadBoundOrTheBalanceBoundWhicheverIsSmaller() {
        // 0.035 s / 3% = 1.1667 s; 240 s on 2 cores / 24 = 10 s: the overhead bound
        assertEquals(0.035 / 0.03, Packs.targetSeconds(240, 2), 1e-12);
        // 12 s on 2 cores: 12 / 24 = 0.5 s, under the overhead bound
        assertEquals(0.5, Packs.targetSeconds(12, 2), 1e-12);
    }

    @Test
    void longItemsKeepATaskEachAndShortOnesShareUntilTheTarget() {
        double[] seconds = {5, 4, 0.4, 0.3, 0.3, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1};
        double total = Arrays.stream(seconds).sum();
        assertEquals(10.9, total, 1e-9);
        // target 10.9 s / (2 cores * 12) = 0.4542 s. Items 0-1 (5 s, 4 s) alone; then in order
        // 0.4 + 0.3 = 0.7; 0.3 + 0.2 = 0.5; 0.2 + 0.2 + 0.1 = 0.5; 0.1 + 0.1 = 0.2 is left over.
        // Launch order by a pack's sum: 5, 4, 0.7, then the two of 0.5 in item order, then 0.2.
        List<int[]> packs = Packs.of(seconds, 2);
        assertEquals("[0][1][2, 3][4, 5][6, 7, 8][9, 10]", show(packs));
    }

    @Test
    void packsLaunchLongestFirst() {
        // 24 items of 0.1 s and one of 0.05 s: target min(1.1667, 2.45 / 24 = 0.1021) s, so the
        // 0.1 s items pair up (0.2 s each) and the 0.05 s one, left alone, launches last
        double[] seconds = new double[25];
        Arrays.fill(seconds, 0.1);
        seconds[24] = 0.05;
        List<int[]> packs = Packs.of(seconds, 2);
        assertEquals(13, packs.size());
        for (int i = 0; i < 12; i++) assertArrayEquals(new int[] {2 * i, 2 * i + 1}, packs.get(i));
        assertArrayEquals(new int[] {24}, packs.get(12));
    }

    @Test
    void everyItemIsInExactlyOnePack() {
        double[] seconds = new double[1000];
        for (int i = 0; i < seconds.length; i++) seconds[i] = 0.05 + 0.001 * ((i * 37) % 50);
        Arrays.sort(seconds);
        boolean[] seen = new boolean[seconds.length];
        double longest = 0;
        List<int[]> packs = Packs.of(seconds, 2);
        for (int[] p : packs) {
            double sum = 0;
            for (int i : p) {
                assertEquals(false, seen[i], "item " + i + " in two packs");
                seen[i] = true;
                sum += seconds[i];
            }
            longest = Math.max(longest, sum);
        }
        for (boolean s : seen) assertEquals(true, s);
        // ~75 s of items: target min(1.1667, 75 / 24 = 3.1) = 1.1667 s, so about 64 packs of under 1.27 s
        assertEquals(true, packs.size() > 55 && packs.size() < 70, "packs: " + packs.size());
        assertEquals(true, longest < 1.1667 + 0.1, "longest pack " + longest);
    }
}
