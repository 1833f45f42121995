package rwsweep.driver.cli;

import rwsweep.driver.spark.Replay;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rwsweep replay DIR KEY}: trains one stored trial again on this machine and says whether
 * its curves come out bit for bit the same ({@link Replay}). The data is rebuilt from the sweep
 * file kept in the results directory (or the one --sweep names), exactly as {@code run} built it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Train one stored trial again and compare its curves with the stored ones, bit for bit.",
                "Exit code 0 when reproduced, 1 when not (the output names both runs' BLAS backend and core type)."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The results directory of a run.")
    String dir;

    @Parameters(index = "1", paramLabel = "KEY", description = "The trial's key (16 hex digits, as in trials.csv and plan).")
    String key;

    @Option(names = "--sweep", paramLabel = "SWEEP.yaml", description = "Sweep file to rebuild the data from (default: DIR/sweep.yaml).")
    Path sweepFile;

    /**
     * DIR/sweep.yaml, read from the store's file system (a local directory, hdfs://…), with
     * relative data paths from the current directory as when a sweep file is loaded.
     */
    private static SweepFile storedSweep(String dir) {
        ResultStore store = ResultStore.open(dir);
        String text = store.sweepText().orElseThrow(() -> new UserError(dir + ": no sweep.yaml to rebuild the data from;"
                + " allowed: the --out directory of a run, or give the sweep file with --sweep"));
        return SweepFile.parse(store.dir() + "/sweep.yaml", Path.of("").toAbsolutePath(), text);
    }

    @Override
    public Integer call() {
        if (sweepFile == null && RunCommand.isLocal(dir) && !Files.isDirectory(Path.of(dir.replaceFirst("^file:(//)?", "")))) {
            throw new UserError(dir + ": no such results directory; allowed: the --out directory of a run");
        }
        // the key is looked up first: an unknown one is answered without reading the sweep file
        Replay.Outcome outcome = Replay.replay(dir, key,
                () -> PlanCommand.data(sweepFile != null ? SweepFile.load(sweepFile) : storedSweep(dir), Map.of()));
        spec.commandLine().getOut().println(outcome);
        if (!outcome.reproduced() && !"1".equals(System.getenv("OPENBLAS_NUM_THREADS"))) {
            // Trials run with one OpenBLAS thread; more threads may split sums differently.
            spec.commandLine().getErr().println("note: OPENBLAS_NUM_THREADS is not 1 here, but trials run single-threaded;"
                    + " replay with deploy/rwsweep (which sets it) to compare like with like");
        }
        return outcome.reproduced() ? 0 : 1;
    }
}
