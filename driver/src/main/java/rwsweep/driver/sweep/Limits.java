package rwsweep.driver.sweep;

import rwsweep.worker.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import rwsweep.worker.spec.Task;

/**
 * The bounds on a sweep that no key's type states: how large a file, a grid, a net, a data file may
 * be. Each is here once, with the reason for its value, and the messages and the README ("Sweep
 * files") quote these numbers. Every bound is checked before anything runs (no Spark, nothing
 * written), with arithmetic that cannot overflow: counts are multiplied as doubles, which are
 * exact far past any limit here, so a width of 10^5 or a p_lim of 10^12 is refused by its size
 * instead of wrapping round into a small or negative number.
 */
public final class Limits {
    /**
     * Bytes of a sweep file. A grid of {@link #MAX_TRIALS} trials takes a few lines (ranges and
     * lists); 1 MiB is a list of 100,000 values with room to spare, and stays below the 3 Mi code
     * points the YAML parser reads at most (which it reports at a line and column that say nothing).
     */
    public static final long MAX_SWEEP_FILE_BYTES = 1 << 20;
    /** Characters of a sweep name: it names the results directory and its sweep-NAME.yaml file (255 bytes at most on most file systems). */
    public static final int MAX_NAME_LENGTH = 100;
    /** Trials of one sweep file: a million specs are a few hundred MB in the driver; a larger sweep is several files (or runs into one --out). */
    public static final long MAX_TRIALS = 1_000_000;
    /** Epochs of one trial: a trial keeps its training error and loss per epoch, and every value is stored. */
    public static final int MAX_EPOCHS = 100_000;
    /** Weight layers D of one net: ten times the paper's 1000-layer "stunt" net. */
    public static final int MAX_DEPTH = 10_000;
    /**
     * Bytes one trial holds while it trains: its weights and their gradient, and the activations
     * and back-propagated errors of one minibatch in every layer, 4 bytes each
     * (4·(2·parameters + 2·batch·Σ_d n_d)). A bound on absurd sizes (a width of 100,000), not on
     * what this machine's heap holds: the 1000-layer net at width 512 holds 2 GiB, and the executor
     * heap (spark.executor.memory; in local mode the driver's) must be set above what its trials hold.
     */
    public static final long MAX_TRIAL_BYTES = 8L << 30;
    /**
     * Distinct nets whose finite-depth tanh optimum ({@code g: critical}, or random_walk init without
     * g) the driver computes before anything runs: each costs up to about 2 s on one core (CriticalG),
     * so 200 keep plan and run's start under a few minutes.
     */
    public static final int MAX_CRITICAL_NETS = 200;
    /**
     * The share of the driver's heap a data file may unpack to: each byte becomes a 4-byte float,
     * held as read, standardised, and serialised once for the broadcast to the executors.
     */
    public static final int DATA_HEAP_SHARE = 16;

    private Limits() { }

    /** The most bytes a data file may unpack to in this JVM: its maximum heap / {@link #DATA_HEAP_SHARE}. */
    public static long maxDataBytes() {
        return Runtime.getRuntime().maxMemory() / DATA_HEAP_SHARE;
    }

    /** What a data file may be, for the "allowed:" of its message. */
    public static String dataAllowed() {
        return String.format(Locale.ROOT, "data files that unpack to at most 1/%d of the driver's heap, %s here (each byte"
                + " becomes a float, held read, standardised and broadcast); a larger heap: RWSWEEP_JAVA_OPTS=-Xmx8g",
                DATA_HEAP_SHARE, bytes(maxDataBytes()));
    }

    /** A sweep file larger than {@link #MAX_SWEEP_FILE_BYTES}, refused before it is read. */
    static void requireFileSize(Path path) {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            return; // reading it reports the problem
        }
        if (size > MAX_SWEEP_FILE_BYTES) {
            throw new UserError(path + ": the file has " + count(size) + " bytes; allowed: at most " + count(MAX_SWEEP_FILE_BYTES)
                    + " bytes per sweep file (give long axes as ranges, {from: A, to: B, steps: K}, or split the file)");
        }
    }

    /** The steps of a g range: more than {@link #MAX_TRIALS} can only be refused, so before they are made. */
    static void requireSteps(YamlValue steps, SweepKey p, int value) {
        if (value > MAX_TRIALS) {
            throw steps.error(p, "got " + value + " steps, more than the " + count(MAX_TRIALS) + " trials a sweep file may have");
        }
    }

    /**
     * Every bound that the file alone decides, after it is parsed: the name, the trial count, and
     * per point the depths, epochs and the sizes of its nets (coarsely: a net of width N has at
     * least N parameters; the exact count needs the data's sizes and is {@link #requireNetFits}).
     * {@code levels.get(i)} is the map point i was read from (the top level, or its combinations
     * entry), so a message names the key where it was written.
     */
    static void check(YamlValue root, String name, List<YamlValue> levels, List<GridAxes> points, double trials) {
        if (name.length() > MAX_NAME_LENGTH) {
            YamlValue node = root.get(SweepKey.NAME.key());
            String problem = "got a name of " + name.length() + " characters";
            if (node == null) {
                throw new UserError(root.file() + ": " + SweepKey.NAME.key() + ": " + problem + " (from the file name)"
                        + "; allowed: " + SweepKey.NAME.allowed() + "; give a shorter name: in the file");
            }
            throw node.error(SweepKey.NAME, problem);
        }
        if (trials > MAX_TRIALS) {
            throw new UserError(root.file() + ": the grid has " + String.format(Locale.ROOT, "%,.0f", trials)
                    + " trials; allowed: at most " + count(MAX_TRIALS) + " per sweep file (split the grid into several files)");
        }
        long maxUnits = MAX_TRIAL_BYTES / 8; // a weight and its gradient per parameter, at least one parameter per unit
        for (int i = 0; i < points.size(); i++) {
            GridAxes point = points.get(i);
            YamlValue level = levels.get(i);
            for (int depth : point.depths) {
                if (depth > MAX_DEPTH) {
                    throw at(root, level, SweepKey.DEPTHS).error(SweepKey.DEPTHS, "got " + depth);
                }
            }
            if (point.plain().containsKey(rwsweep.worker.spec.TrialField.EPOCHS)) {
                for (int epochs : point.values(rwsweep.worker.spec.TrialField.EPOCHS)) {
                    if (epochs > MAX_EPOCHS) throw at(root, level, SweepKey.EPOCHS).error(SweepKey.EPOCHS, "got " + epochs);
                }
            }
            for (NetSize size : point.sizes) {
                long units = size.fromBudget() ? size.pLim() : size.width();
                if (units > maxUnits) {
                    throw at(root, level, size.key()).error(size.key(), "got " + units + ", more " + (size.fromBudget()
                            ? "parameters" : "units") + " than fit in " + netLimit());
                }
            }
            if (point.codeSizes != null) {
                for (int code : point.codeSizes) {
                    if (code > maxUnits) {
                        throw at(root, level, SweepKey.CODE_SIZE).error(SweepKey.CODE_SIZE, "got " + code
                                + ", more units than fit in " + netLimit());
                    }
                }
            }
        }
    }

    /**
     * That a trial of the net {@code sizes} at minibatch {@code batch} holds at most
     * {@link #MAX_TRIAL_BYTES}; else refused naming the key that made it this large: its depth when
     * the same net would fit at depth 2, else its width or p_lim.
     */
    static void requireNetFits(SweepFile sweep, NetSize size, int depth, int[] sizes, int batch) {
        double bytes = trialBytes(sizes, batch);
        if (bytes <= MAX_TRIAL_BYTES) return;
        boolean deep = sweep.task() == Task.CLASSIFY && sizes.length > 3
                && trialBytes(new int[] {sizes[0], sizes[1], sizes[sizes.length - 1]}, batch) <= MAX_TRIAL_BYTES;
        SweepKey blame = deep ? SweepKey.DEPTHS : size.key();
        String value = deep ? Integer.toString(depth) : Long.toString(size.fromBudget() ? size.pLim() : size.width());
        throw Grid.error(sweep, blame, String.format(Locale.ROOT, "got %s, which makes the net of depth %d, %s, with %,.0f parameters:"
                + " a trial of it at batch %d holds %s, more than %s", value, depth, Architecture.shape(sizes), parameters(sizes), batch,
                bytes(bytes), netLimit()));
    }

    /** 4·(2·parameters + 2·batch·Σ_d n_d), as doubles: exact far past the limit, never overflowing. */
    private static double trialBytes(int[] sizes, int batch) {
        double units = 0;
        for (int n : sizes) units += n;
        return 4 * (2 * parameters(sizes) + 2 * (double) batch * units);
    }

    /** Σ_d (n_{d-1} + 1)·n_d, the weights and biases. */
    private static double parameters(int[] sizes) {
        double total = 0;
        for (int d = 1; d < sizes.length; d++) total += ((double) sizes[d - 1] + 1) * sizes[d];
        return total;
    }

    /** That at most {@link #MAX_CRITICAL_NETS} nets need a simulated critical g. */
    static void requireCriticalNets(SweepFile sweep, Set<String> nets) {
        if (nets.size() > MAX_CRITICAL_NETS) {
            throw Grid.error(sweep, SweepKey.G, "got critical (or random_walk init without g) for " + count(nets.size())
                    + " distinct tanh nets, each of whose optimum the driver simulates (up to about 2 s each) before anything runs;"
                    + " at most " + MAX_CRITICAL_NETS + " per sweep file (give g as numbers, or split the file)");
        }
    }

    /** The limit on a trial's net, as messages state it. */
    public static String netLimit() {
        return "the " + bytes(MAX_TRIAL_BYTES) + " a trial may hold (its weights, their gradient, and one batch's activations"
                + " and errors, 4 bytes each)";
    }

    /** The map of {@code level} or the top level where axis {@code p} was written, as a node to name in a message. */
    private static YamlValue at(YamlValue root, YamlValue level, SweepKey p) {
        YamlValue own = level.get(GridAxes.key(p, level != root));
        if (own != null) return own;
        YamlValue top = root.get(p.key());
        return top != null ? top : root;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 512 MiB, 1.4 GiB, 80.6 GiB. */
    static String bytes(double b) {
        if (b < 1 << 30) return String.format(Locale.ROOT, "%.0f MiB", b / (1 << 20));
        return String.format(Locale.ROOT, "%.1f GiB", b / (1 << 30));
    }
}
