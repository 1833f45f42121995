package rwsweep.driver.cli;

import rwsweep.driver.sweep.Grid;
import rwsweep.driver.sweep.SweepFile;
import rwsweep.driver.store.ResultStore;
import rwsweep.driver.sweep.WalkGrid;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code rwsweep summarize DIR}: the tables, plots and index.html of a results directory, from the
 * store alone — a directory copied from a cluster, or one a sweep is still writing to.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write the tables (CSV, Markdown), plots (PNG, SVG) and index.html (self-contained) of a results directory into DIR/summary.",
                "Works on any results directory, also while its sweep is still running (it summarises what is finished)."})
public final class SummarizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SummaryArgs args;

    @Override
    public Integer call() {
        double trainedBelow = args.trainedBelow();
        ResultStore store = ResultStore.open(args.dir);
        String index = StoreSummary.write(store, trainedBelow, planned(store));
        spec.commandLine().getOut().println("summary: " + index);
        return 0;
    }

    /**
     * The sweep's trial count from DIR/sweep.yaml (on the store's file system), for "done of planned" — when the file can still
     * be read here (a directory copied from a cluster may name data that is not). A training
     * sweep's count comes from its axes alone, without reading its data; a random-walk sweep's
     * points are expanded (with its data, when its nets are driven by it).
     */
    static OptionalInt planned(ResultStore store) {
        try {
            Optional<String> text = store.sweepText();
            if (text.isEmpty()) return OptionalInt.empty();
            // relative data paths start from the current directory, as when the sweep file is loaded
            SweepFile sweep = SweepFile.parse(store.dir() + "/sweep.yaml", Path.of("").toAbsolutePath(), text.get());
            if (sweep.kind() == SweepFile.Kind.RANDOMWALK) {
                return OptionalInt.of(WalkGrid.expand(sweep, PlanCommand.walkData(sweep, Map.of())).size());
            }
            // a refined sweep's rounds depend on its results: no count is planned beyond the grid's
            if (sweep.refinement().isPresent()) return OptionalInt.empty();
            return OptionalInt.of((int) Grid.count(sweep));
        } catch (RuntimeException unreadable) {
            return OptionalInt.empty();
        }
    }
}
