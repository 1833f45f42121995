package rwsweep.driver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rwsweep.driver.summary.PaperCheck;

/**
 * {@code rwsweep check DIR}: for each claim of the paper the results can speak to, agree / disagree
 * / not enough data, as an aligned table on stdout. Exits 1 when the results contradict a claim,
 * so a script or CI job running a sweep learns it without reading the table.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check a results directory against the paper's claims (agree / disagree / not enough data, with the numbers).",
                "A depth at which no g trained says nothing about the best g; settings whose errors differ by less than the "
                        + "seed spread or 2 training examples are tied. The same table is a section of DIR/summary/index.html."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no claim contradicted (or --no-fail)", "1:the results contradict a claim (a verdict 'disagree')",
                "2:a mistake in the input (one line on stderr)"})
public final class CheckCommand implements Callable<Integer> {
    /** The exit code when a claim is contradicted. */
    static final int CONTRADICTED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    SummaryArgs args;

    @Option(names = "--no-fail", description = "Exit 0 even when the results contradict a claim (print the table only).")
    boolean noFail;

    @Override
    public Integer call() {
        PaperCheck check = StoreSummary.check(args.dir, args.trainedBelow());
        spec.commandLine().getOut().print(check.text());
        return check.contradicted() && !noFail ? CONTRADICTED : 0;
    }
}
