package rwsweep.driver.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code rwsweep check DIR}: for each claim of the paper the results can speak to, agree / disagree / not enough data. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check a results directory against the paper's claims (agree / disagree / not enough data, with the numbers).",
                "The same table is a section of DIR/summary/index.html."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SummaryArgs args;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(StoreSummary.check(args.dir, args.trainedBelow()).table().markdown());
        return 0;
    }
}
