package rwsweep.driver.cli;

import rwsweep.driver.store.ResultStore;
import rwsweep.driver.store.StoreKind;
import rwsweep.driver.sweep.UserError;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rwsweep.driver.summary.SummaryOptions;
import rwsweep.driver.summary.SweepComparison;

/**
 * {@code rwsweep compare DIR1 DIR2}: two training sweeps side by side, read from their stores alone
 * (no Spark): every grid point both ran, its Figure 3 cell in each and the difference, and the
 * init diagnostics of both; a table on stdout and a self-contained page in --out.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Compare two results directories: for every (panel, g, D) both have, the Figure 3 cell of each "
                + "(min over λ pairs of the median over seeds), B − A, and the step-0 init diagnostics of both.",
                "Prints the table and writes OUT/index.html (plots inlined), OUT/compare.csv and OUT/plots/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "2:a mistake in the input, or no grid point in common (one line on stderr)"})
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR1", description = "Results directory A (the --out of a run).")
    String dirA;

    @Parameters(index = "1", paramLabel = "DIR2", description = "Results directory B.")
    String dirB;

    @Option(names = "--out", paramLabel = "OUT", description = "Where the page goes (default: compare-<sweep A>-<sweep B>).")
    Path out;

    @Option(names = "--trained-below", paramLabel = "E", defaultValue = "" + SummaryOptions.DEFAULT_TRAINED_BELOW,
            description = "A trial 'trained' when its minimum training error is below E (default: ${DEFAULT-VALUE}).")
    double trainedBelow;

    @Override
    public Integer call() {
        SummaryArgs threshold = new SummaryArgs();
        threshold.trainedBelow = trainedBelow;
        double below = threshold.trainedBelow();
        ResultStore a = training(dirA), b = training(dirB);
        SweepComparison c = SweepComparison.of(dirA, a.results(), dirB, b.results(), below);
        spec.commandLine().getOut().print(c.text());
        Path dir = out != null ? out : Path.of("compare-" + fileSafe(a.sweepName()) + "-" + fileSafe(b.sweepName()));
        if (!dir.toString().isBlank()) RunCommand.requireWritable(dir);
        Path index = c.write(dir, describe(a), describe(b));
        spec.commandLine().getOut().println("comparison: " + index);
        return 0;
    }

    /** A training results directory; a UserError naming it otherwise. */
    private static ResultStore training(String dir) {
        ResultStore store = ResultStore.open(dir);
        if (store.kind() != StoreKind.TRIALS) {
            throw new UserError(dir + " holds " + store.kind().label() + " results; compare reads training results "
                    + "(the --out of a training sweep)");
        }
        return store;
    }

    /** "sweep quickstart in DIR; made by one run: started ..." */
    private static String describe(ResultStore store) {
        var runs = store.runs();
        String run = runs.isEmpty() ? "no run recorded" : "last run started " + runs.get(runs.size() - 1).started() + ", "
                + runs.get(runs.size() - 1).command() + ", code version " + runs.get(runs.size() - 1).codeVersion();
        return "sweep " + store.sweepName() + " in " + store.dir() + " (" + run + ")";
    }

    private static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
