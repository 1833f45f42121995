package rwsweep.driver.spark;

import rwsweep.driver.sweep.NumberText;
import rwsweep.worker.spec.StatusCounts;

/**
 * What a run did: of the plan's {@link #total()} trials, {@link #skipped()} were already in the
 * results directory and {@link #ran()} ran now, ending {@link #ok()}, {@link #diverged()} or
 * {@link #failed()}; {@link #wallSeconds()} covers the whole run (Spark start to trials.csv).
 */
public final class RunReport {
    private final String dir;
    private final int total;
    private final int skipped;
    private final int ran;
    private final StatusCounts counts;
    private final double wallSeconds;
    private final String noun;   // "trials", or "walk points"

    RunReport(String dir, int total, int skipped, int ran, StatusCounts counts, double wallSeconds, String noun) {
        this.noun = noun;
        this.dir = dir;
        this.total = total;
        this.skipped = skipped;
        this.ran = ran;
        this.counts = counts;
        this.wallSeconds = wallSeconds;
    }

    /** The results directory, fully qualified. */
    public String dir() { return dir; }
    /** Distinct trials in the plan. */
    public int total() { return total; }
    /** Trials already finished in the results directory, not run again. */
    public int skipped() { return skipped; }
    /** Trials run now: total − skipped. */
    public int ran() { return ran; }
    /** Trials run now that trained every epoch. */
    /** How the trials run ended, by status. */
    public StatusCounts counts() { return counts; }
    public int ok() { return counts.ok(); }
    /** Trials run now whose loss or gradient became NaN or infinite. */
    public int diverged() { return counts.diverged(); }
    /** Trials run now that threw. */
    public int failed() { return counts.failed(); }
    /** Trials run now that the sweep's pruning rule stopped early. */
    public int pruned() { return counts.pruned(); }
    public double wallSeconds() { return wallSeconds; }

    @Override
    public String toString() {
        return total + " " + noun + ": " + skipped + " already done, " + ran + " run (" + counts.ok() + " ok, " + counts.diverged() + " diverged, "
                + counts.failed() + " failed" + (counts.pruned() > 0 ? ", " + counts.pruned() + " pruned" : "") + ") in " + NumberText.fixed(wallSeconds, 1) + " s; results in " + dir;
    }
}
