package rwsweep.driver.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.summary.BestTrials;

/**
 * {@code rwsweep best DIR [--by depth,f]}: the best trial of each group as a table on stdout, read
 * from the store alone (no Spark), also while a sweep is still writing to it.
 */
@Command(name = "best", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print the best trial of each group of a results directory: its key, the --by fields, g, λin, λout, "
                + "the median error of its setting over seeds, its own minimum training error and the epoch of it.",
                "Settings are compared by their median over seeds, as in the summary's tables."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the table was printed", "2:a mistake in the input (one line on stderr)"})
public final class BestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SummaryArgs args;

    @Option(names = "--by", split = ",", paramLabel = "FIELD",
            description = "Group by these fields, comma-separated, of: task, f, init, depth, width (default: all, one row per net).")
    List<String> by;

    @Override
    public Integer call() {
        List<String> fields = by == null ? BestTrials.NET : BestTrials.fields("--by", by);
        double trainedBelow = args.trainedBelow();
        ResultStore store = ResultStore.open(args.dir);
        spec.commandLine().getOut().print(BestTrials.of(store.results(), fields, trainedBelow).text());
        return 0;
    }
}
