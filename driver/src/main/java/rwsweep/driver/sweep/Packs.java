package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which items share a Spark task. A task costs about {@link #TASK_OVERHEAD_SECONDS} on top of its
 * items (launch, the task's results back to the driver); a sweep of many short trials pays that
 * once per trial, and its trial phase runs well over its bound max(total/cores, longest). So items
 * too short to pay for a task of their own are packed, in order, several to a task, until a pack's
 * predicted time reaches the pack target:
 *
 * <pre>  target = min(TASK_OVERHEAD_SECONDS / MAX_OVERHEAD_SHARE, total / (cores * PACKS_PER_CORE))</pre>
 *
 * The first term keeps the overhead under {@link #MAX_OVERHEAD_SHARE} of a pack; the second keeps
 * at least {@link #PACKS_PER_CORE} packs a core, so the last packs to finish leave the other cores
 * idle for a small share of the run. Packs launch longest first, as single items do, and an item
 * at or over the target is a pack of its own. The items' own records are still written one by one
 * as each ends: a lost executor loses at most the item running in each of its packs.
 */
public final class Packs {
    /**
     * Seconds a task costs beyond its item, measured on the quickstart in local[2] (2 cores,
     * JNIBLAS): its trial phase minus the items' own wall time, per task and core.
     */
    public static final double TASK_OVERHEAD_SECONDS = 0.035;
    /** The largest share of a pack's time its task's overhead may take. */
    static final double MAX_OVERHEAD_SHARE = 0.03;
    /** Packs per core at least, for the balance at the end of the run. */
    static final int PACKS_PER_CORE = 12;

    private Packs() { }

    /** The pack target in seconds for items of {@code totalSeconds} on {@code cores} cores. */
    public static double targetSeconds(double totalSeconds, int cores) {
        return Math.min(TASK_OVERHEAD_SECONDS / MAX_OVERHEAD_SHARE, totalSeconds / (Math.max(1, cores) * PACKS_PER_CORE));
    }

    /**
     * The packs of items with the predicted {@code seconds} (in the order the items should run:
     * longest first), as lists of item indices, in launch order: longest pack first, ties in item
     * order. Every index is in exactly one pack; a sweep of long items gets one pack per item.
     */
    public static List<int[]> of(double[] seconds, int cores) {
        double total = 0;
        for (double s : seconds) total += s;
        // a hair under the target counts as reaching it: n equal items of total/n make packs of
        // the size the target says, whatever the rounding of their sums
        double target = targetSeconds(total, cores) * (1 - 1e-9);
        List<int[]> packs = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        int[] open = new int[seconds.length];
        int n = 0;
        double sum = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (seconds[i] >= target) {   // pays for its own task
                packs.add(new int[] {i});
                sums.add(seconds[i]);
                continue;
            }
            open[n++] = i;
            sum += seconds[i];
            if (sum >= target) {
                packs.add(Arrays.copyOf(open, n));
                sums.add(sum);
                n = 0;
                sum = 0;
            }
        }
        if (n > 0) {
            packs.add(Arrays.copyOf(open, n));
            sums.add(sum);
        }
        Integer[] order = new Integer[packs.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> sums.get(i)).reversed());   // stable
        List<int[]> out = new ArrayList<>(order.length);
        for (int i : order) out.add(packs.get(i));
        return out;
    }
}
