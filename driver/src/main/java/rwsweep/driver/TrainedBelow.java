package rwsweep.driver;

import picocli.CommandLine.Option;
import rwsweep.driver.summary.SummaryOptions;

/** The --trained-below option of the commands that summarise (a picocli mixin: declared and checked once). */
final class TrainedBelow {
    @Option(names = "--trained-below", paramLabel = "E", defaultValue = "" + SummaryOptions.DEFAULT_TRAINED_BELOW,
            description = "A trial 'trained' when its minimum training error is below E (default: ${DEFAULT-VALUE}).")
    double value;

    /** The threshold; a UserError unless it is a training error in (0, 1]. */
    double value() {
        if (!(value > 0 && value <= 1)) {
            throw new UserError("--trained-below " + value + ": allowed: a training error in (0, 1]");
        }
        return value;
    }
}
