package rwsweep.driver.cli;

import rwsweep.driver.sweep.UserError;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rwsweep.driver.summary.SummaryOptions;

/** The arguments of the commands that summarise a results directory (a picocli mixin: declared and checked once). */
final class SummaryArgs {
    @Parameters(paramLabel = "DIR", description = "A results directory (the --out of a run).")
    String dir;

    @Option(names = "--trained-below", paramLabel = "E", defaultValue = "" + SummaryOptions.DEFAULT_TRAINED_BELOW,
            description = "A trial 'trained' when its minimum training error is below E (default: ${DEFAULT-VALUE}).")
    double trainedBelow;

    /** The threshold; a UserError unless it is a training error in (0, 1]. */
    double trainedBelow() {
        if (!(trainedBelow > 0 && trainedBelow <= 1)) {
            throw new UserError("--trained-below " + trainedBelow + ": allowed: a training error in (0, 1]");
        }
        return trainedBelow;
    }
}
