package rwsweep.worker.spec;

/**
 * How many outcomes of a set ended OK, DIVERGED, FAILED and PRUNED: the one place statuses are counted
 * (the progress line, a run's report, a summary's progress table, a table cell's seeds, a
 * random-walk store, whose points are OK or FAILED). A value; adding a status to
 * {@link TrialStatus} fails to compile here until it is counted.
 */
public record StatusCounts(int ok, int diverged, int failed, int pruned) {
    /** Nothing counted yet. */
    public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0);

    /** The counts of {@code statuses}. */
    public static StatusCounts of(Iterable<TrialStatus> statuses) {
        StatusCounts c = NONE;
        for (TrialStatus s : statuses) c = c.plus(s);
        return c;
    }

    /** These counts and one more outcome. */
    public StatusCounts plus(TrialStatus status) {
        return switch (status) {
            case OK -> new StatusCounts(ok + 1, diverged, failed, pruned);
            case DIVERGED -> new StatusCounts(ok, diverged + 1, failed, pruned);
            case FAILED -> new StatusCounts(ok, diverged, failed + 1, pruned);
            case PRUNED -> new StatusCounts(ok, diverged, failed, pruned + 1);
        };
    }

    /** The counts of two sets together. */
    public StatusCounts plus(StatusCounts other) {
        return new StatusCounts(ok + other.ok, diverged + other.diverged, failed + other.failed, pruned + other.pruned);
    }

    /** Every outcome counted. */
    public int total() {
        return ok + diverged + failed + pruned;
    }
}
