package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.UserError;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The best trial per group of nets, for {@code rwsweep best DIR --by depth,f}: the trials are
 * grouped by the --by fields; within a group, every setting (a trial's spec but its seed) is
 * judged by its median over seeds, as the summary's tables judge it ({@link Replicates}), and the
 * lowest median's seed with the lowest error is shown. On equal medians the setting stored first.
 */
public final class BestTrials {
    private BestTrials() { }

    /** The fields --by accepts, in column order, with how each is read off a trial. */
    private static final Map<String, Function<TrialSpec, String>> FIELDS = new LinkedHashMap<>();
    static {
        FIELDS.put(TrialField.TASK.name(), s -> TrialField.spelling(s.task()));
        FIELDS.put(TrialField.ACTIVATION.name(), s -> TrialField.spelling(s.activation()));
        FIELDS.put(TrialField.INIT.name(), s -> TrialField.spelling(s.init()));
        FIELDS.put("depth", s -> Integer.toString(s.depth()));
        FIELDS.put("width", s -> Integer.toString(s.width()));
    }

    /** The --by default: a net (task, nonlinearity, init, depth, width), as best.csv has it. */
    public static final List<String> NET = List.copyOf(FIELDS.keySet());

    /** The --by names; a UserError naming the allowed ones for any other. */
    public static List<String> fields(String option, List<String> names) {
        for (String n : names) {
            if (!FIELDS.containsKey(n)) {
                throw new UserError(option + " " + String.join(",", names) + ": unknown field '" + n
                        + "'; allowed: " + String.join(", ", FIELDS.keySet()));
            }
        }
        return List.copyOf(names);
    }

    /** One row per group, in the order the groups are first stored: key, the --by fields, g, λin, λout, error, epoch. */
    public static Table of(List<TrialResult> results, List<String> by, double trainedBelow) {
        Map<List<String>, Map<String, List<TrialResult>>> groups = new LinkedHashMap<>();
        for (TrialResult r : results) {
            List<String> group = by.stream().map(f -> FIELDS.get(f).apply(r.spec())).toList();
            String setting = r.spec().toBuilder().seed(0).build().canonical();
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(setting, s -> new ArrayList<>()).add(r);
        }
        List<String> cols = new ArrayList<>(List.of("key"));
        cols.addAll(by);
        cols.addAll(List.of("g", "λin", "λout", "median error", "min train error", "epoch"));
        Table t = new Table("best-trials", "Best trial per " + String.join(", ", by)
                + " (the setting with the lowest median over seeds, its seed with the lowest error)", cols);
        groups.forEach((group, settings) -> {
            Replicates best = null;
            for (List<TrialResult> seeds : settings.values()) {
                Replicates r = new Replicates(seeds, trainedBelow);
                if (r.hasError() && (best == null || r.median() < best.median())) best = r;
            }
            if (best == null) return;   // every seed of every setting FAILED: nothing to show
            TrialResult trial = NotebookTables.bestTrial(best);
            List<String> row = new ArrayList<>(List.of(trial.key()));
            row.addAll(group);
            row.addAll(List.of(NumberText.compact(trial.spec().g()), NumberText.compact(trial.spec().lambdaIn()),
                    NumberText.compact(trial.spec().lambdaOut()), NumberText.compact(best.median()),
                    NumberText.compact(trial.minTrainError()), Integer.toString(trial.minEpoch().orElseThrow())));
            t.add(row);
        });
        return t;
    }
}
