package rwsweep.driver.summary;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import rwsweep.worker.spec.Provenance;
import rwsweep.worker.spec.StatusCounts;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialStatus;

/**
 * How far a sweep got and where its numbers came from: trials done against planned, by status;
 * the provenance values seen (BLAS backend, OPENBLAS_CORETYPE, tanh path, code version, JVM, OS,
 * host) with how many trials each; and the messages of FAILED trials.
 */
final class SweepCounts {
    /** FAILED messages listed before the rest are summed up in one line. */
    static final int MAX_MESSAGES = 20;

    private SweepCounts() { }

    /** One row: done, planned (blank when unknown), OK, DIVERGED, FAILED, PRUNED. */
    static Table progress(List<TrialResult> results, SummaryOptions options) {
        StatusCounts c = StatusCounts.of(results.stream().map(TrialResult::status).toList());
        String planned = options.planned().isPresent() ? Integer.toString(options.planned().getAsInt()) : "";
        return new Table("progress", "Progress", List.of("done", "planned", "ok", "diverged", "failed", "pruned"))
                .add(List.of(Integer.toString(results.size()), planned, Integer.toString(c.ok()),
                        Integer.toString(c.diverged()), Integer.toString(c.failed()), Integer.toString(c.pruned())));
    }

    /**
     * The runs that made the results (DIR/runs.csv), one row each, oldest first: start and end
     * (UTC), wall time, the command line, the code version, the trials in the directory after it.
     */
    static Table runs(List<rwsweep.driver.store.RunLog.Run> runs, String noun) {
        Table t = new Table("runs", "Runs that made these results", List.of("started (UTC)", "finished (UTC)", "duration",
                "command", "code version", noun + " done after it", "host"));
        for (var r : runs) {
            t.add(List.of(r.started(), r.finished(), rwsweep.driver.sweep.NumberText.duration(r.seconds()), r.command(),
                    r.codeVersion(), Integer.toString(r.trialsDone()), r.host()));
        }
        return t;
    }

    /** "Last run: 2026-12-02T04:00:00Z, 21 s, rwsweep run sweeps/quickstart.yaml, code 0.1.0+numerics2." */
    static String lastRun(List<rwsweep.driver.store.RunLog.Run> runs) {
        if (runs.isEmpty()) return "No run is recorded in this directory (its results were made before rwsweep recorded runs).";
        var r = runs.get(runs.size() - 1);
        return (runs.size() == 1 ? "Made by one run" : "Made by " + runs.size() + " runs; the last") + ": started " + r.started()
                + ", took " + rwsweep.driver.sweep.NumberText.duration(r.seconds()) + ", command " + r.command()
                + ", code version " + r.codeVersion() + ".";
    }

    /** Every provenance value seen, with the number of trials that reported it. */
    static Table provenance(List<TrialResult> results) {
        return provenance(results.stream().map(TrialResult::provenance).toList(), "trials");
    }

    /**
     * Every provenance value seen among {@code provenances} (null: a result that reported none),
     * with the number of results ({@code noun}: trials, points) that reported it.
     */
    static Table provenance(List<Provenance> provenances, String noun) {
        Table t = new Table("provenance", "Provenance: values seen in the results", List.of("field", "value", noun));
        Map<String, Function<Provenance, String>> fields = new java.util.LinkedHashMap<>();
        fields.put("BLAS backend", Provenance::blasBackend);
        fields.put("OPENBLAS_CORETYPE", Provenance::coreType);
        fields.put("tanh path", Provenance::tanhPath);
        fields.put("code version", Provenance::codeVersion);
        fields.put("JVM", Provenance::jvm);
        fields.put("OS", Provenance::os);
        fields.put("host", Provenance::host);
        for (Map.Entry<String, Function<Provenance, String>> f : fields.entrySet()) {
            Map<String, Integer> seen = new TreeMap<>();
            for (Provenance p : provenances) seen.merge(p == null ? "(none)" : String.valueOf(f.getValue().apply(p)), 1, Integer::sum);
            seen.forEach((v, n) -> t.add(List.of(f.getKey(), v, Integer.toString(n))));
        }
        return t;
    }

    /** FAILED trials grouped by message, most frequent first, with one trial key each. */
    static Table failures(List<TrialResult> results) {
        Map<String, List<TrialResult>> byMessage = new TreeMap<>();
        for (TrialResult r : results) {
            if (r.status() == TrialStatus.FAILED) byMessage.computeIfAbsent(r.message(), m -> new java.util.ArrayList<>()).add(r);
        }
        Table t = new Table("failures", "FAILED trials by message", List.of("message", "trials", "example key"));
        List<Map.Entry<String, List<TrialResult>>> sorted = byMessage.entrySet().stream()
                .sorted((a, b) -> b.getValue().size() - a.getValue().size()).toList();
        int rest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < MAX_MESSAGES) {
                t.add(List.of(sorted.get(i).getKey(), Integer.toString(sorted.get(i).getValue().size()),
                        sorted.get(i).getValue().get(0).key()));
            } else {
                rest += sorted.get(i).getValue().size();
            }
        }
        if (rest > 0) t.add(List.of("(" + (sorted.size() - MAX_MESSAGES) + " other messages)", Integer.toString(rest), ""));
        return t;
    }
}
