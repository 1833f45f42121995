package rwsweep.driver;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rwsweep.driver.summary.SummaryOptions;

/** {@code rwsweep check DIR}: for each claim of the paper the results can speak to, agree / disagree / not enough data. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Check a results directory against the paper's claims (agree / disagree / not enough data, with the numbers).",
                "The same table is a section of DIR/summary/index.html."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A results directory (the --out of a run).")
    String dir;

    @Option(names = "--trained-below", paramLabel = "E", defaultValue = "" + SummaryOptions.DEFAULT_TRAINED_BELOW,
            description = "A trial 'trained' when its minimum training error is below E (default: ${DEFAULT-VALUE}).")
    double trainedBelow;

    @Override
    public Integer call() {
        if (!(trainedBelow > 0 && trainedBelow <= 1)) {
            throw new UserError("--trained-below " + trainedBelow + ": allowed: a training error in (0, 1]");
        }
        spec.commandLine().getOut().print(StoreSummary.check(dir, trainedBelow).table().markdown());
        return 0;
    }
}
