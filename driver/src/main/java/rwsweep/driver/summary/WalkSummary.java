package rwsweep.driver.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.theory.WalkResult;

/**
 * Summarises the points of a random-walk sweep into summaryDir, as {@link Summary} does for
 * trials and from the store alone: {@code index.html} (progress, the sweep file, Figure 1, Figure
 * 2 with the optimal-g table, the comparison with training when the sweep names one, failures,
 * provenance, definitions), {@code summary.md}, {@code tables/<id>.csv}, {@code figure2.csv} (every
 * optimum in full precision) and {@code plots/*.png}.
 */
public final class WalkSummary {
    private WalkSummary() { }

    /**
     * The training results a random-walk sweep compares its optima with ({@code compare:}), and
     * where they came from; empty when the sweep names none.
     */
    public record Comparison(String dir, List<TrialResult> trials, Optional<String> problem) {
        /** The trials of {@code dir}. */
        public static Comparison of(String dir, List<TrialResult> trials) {
            return new Comparison(dir, trials, Optional.empty());
        }

        /** No trials could be read at {@code dir}, for the reason given. */
        public static Comparison missing(String dir, String problem) {
            return new Comparison(dir, List.of(), Optional.of(problem));
        }
    }

    /** Writes the summary of {@code walks} into {@code summaryDir}; returns the path of index.html. */
    public static Path write(List<WalkResult> walks, Optional<Comparison> compare, SummaryOptions options, Path summaryDir) {
        try {
            Path tables = summaryDir.resolve("tables");
            Path plots = summaryDir.resolve("plots");
            Files.createDirectories(tables);
            Files.createDirectories(plots);
            clear(tables, "*.csv");
            clear(plots, "*.png");
            clear(plots, "*.svg");

            Table progress = WalkTables.progress(walks, options);
            Table optimal = WalkTables.optimalG(walks);
            Table statistics = WalkTables.walkStatistics(walks);
            Optional<Table> versus = compare.filter(c -> c.problem().isEmpty())
                    .map(c -> WalkTables.versusTraining(walks, c.trials(), options.trainedBelow(), c.dir()));
            Table failures = WalkTables.failures(walks);
            Table provenance = WalkTables.provenance(walks);
            List<Plots.Plot> figure1 = WalkPlots.figure1(walks, plots);
            List<Plots.Plot> figure2 = WalkPlots.figure2(walks, plots);
            List<Plots.Plot> absLnZ = WalkPlots.absLnZ(walks, plots);

            Table runs = SweepCounts.runs(options.runs(), "walk points");
            List<Table> shown = new ArrayList<>(List.of(progress, runs, optimal, statistics));
            versus.ifPresent(shown::add);
            shown.addAll(List.of(failures, provenance));
            StringBuilder md = new StringBuilder("# ").append(options.sweepName()).append("\n\n")
                    .append(progressLine(progress)).append("\n\n");
            for (Table t : shown) {
                write(tables.resolve(t.id() + ".csv"), t.csv());
                md.append(t.markdown());
            }
            compare.flatMap(Comparison::problem).ifPresent(p -> md.append("Comparison with training: ").append(p).append("\n\n"));
            write(summaryDir.resolve("summary.md"), md.toString());
            write(summaryDir.resolve("figure2.csv"), WalkTables.optimalGTidy(walks).csv());

            StringBuilder b = new StringBuilder(1 << 15);
            b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
             .append(Html.escape("rwsweep — " + options.sweepName())).append("</title>\n<style>\n").append(Report.CSS)
             .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(options.sweepName())).append("</h1>\n");
            b.append("<p class=\"lead\">").append(Html.escape(progressLine(progress))).append("</p>\n").append(progress.html());
            b.append("<p class=\"run\">").append(Html.escape(SweepCounts.lastRun(options.runs()))).append("</p>\n");
            if (!runs.rows().isEmpty()) b.append(runs.html());
            section(b, "Sweep file", "");
            b.append("<pre>").append(Html.escape(options.sweepText())).append("</pre>\n");
            section(b, "Figure 1: the walk of ln|δ| through random nets", "Sussillo and Abbott (2014) §2: back-propagation "
                    + "multiplies the error by a new random matrix at every layer, so ln|δ| performs a random walk, unbiased at the "
                    + "right g, with a variance growing by about 1/(2N) (linear) or 5/(4N) (ReLU) per layer.");
            for (Plots.Plot p : figure1) b.append(Figures.html(p, summaryDir));
            if (figure1.isEmpty()) b.append("<p>Needs walk points at a critical g with sample_walks above 0.</p>\n");
            b.append(statistics.html());
            section(b, "Figure 2: the optimal g", "The g at which the mean of ln(|δ_1|/|δ_D|) over the random nets is zero, "
                    + "found by a root search in which every g sees the same random numbers, with a 95% interval from the spread "
                    + "over the nets. For tanh, the finite-depth optimum of nets driven by their input beside the steady-state "
                    + "optimum of a chain past its burn-in (the one `critical: steady-state` gives).");
            for (Plots.Plot p : figure2) b.append(Figures.html(p, summaryDir));
            b.append(optimal.html());
            for (Plots.Plot p : absLnZ) b.append(Figures.html(p, summaryDir));
            if (compare.isPresent()) {
                section(b, "Against training", "Each optimum beside the training sweep at the same f, width and depth: "
                        + "the g of its lowest Figure 3 error (every g tied for it) and the g where the median of its step-0 "
                        + "diagnostic ln(|δ_1|/|δ_D|) crosses zero (interpolated in ln g).");
                if (versus.isPresent()) b.append(versus.get().html());
                else b.append("<p>").append(Html.escape(compare.get().problem().orElse(""))).append("</p>\n");
            }
            section(b, "Failed points", "Points that could not be computed (for one, a tanh net too narrow for any g to make its walk unbiased).");
            if (failures.rows().isEmpty()) b.append("<p>None.</p>\n");
            else b.append(failures.html());
            section(b, "Provenance", "The walks run in plain double-precision Java: no BLAS, Math.tanh.");
            b.append(provenance.html());
            section(b, "Definitions", "");
            b.append("<ul>\n");
            for (String d : definitions()) b.append("<li>").append(Html.escape(d)).append("</li>\n");
            b.append("</ul>\n</body>\n</html>\n");
            Path index = summaryDir.resolve("index.html");
            Path tmp = summaryDir.resolve("index.html.tmp");
            write(tmp, b.toString());
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + summaryDir + ": " + e.getMessage(), e);
        }
    }

    /** The numbers' meaning. */
    static List<String> definitions() {
        return List.of(
                "A net of depth D has D weight layers; layer D is the output layer. The walk starts from δ_D (a random unit "
                        + "vector, or the loss gradient) and is recorded down to δ_1, the error of the first layer: D − 1 steps.",
                "w_d = ln|δ_d| − ln|δ_D|; ln Z = 2 w_1 with Z = |δ_1|²/|δ_D|². Drift per layer: mean(w_1)/(D − 1); "
                        + "variance per layer: variance(w_1)/(D − 1).",
                "A gaussian input is x ~ N(0, I) and every layer, input and output included, has width N; a data input is "
                        + "the standardised examples of the sweep's data, one per net, with the data's sizes at the ends.",
                "A ReLU walk dies when a layer has every unit off (δ = 0 below it); dead walks are counted apart and leave the "
                        + "statistics of the layers below, never entering them as −∞.",
                "Steady state: the g at which the walk has no drift per layer once a deep chain's activity has reached its fixed "
                        + "point (200 layers of burn-in); finite depth: the g at which a net of the point's own depth and input has "
                        + "mean(w_1) = 0.");
    }

    static String progressLine(Table progress) {
        List<String> r = progress.rows().get(0);
        String planned = r.get(1).isEmpty() ? "" : " of " + r.get(1);
        return r.get(0) + planned + " walk points done: " + r.get(2) + " OK, " + r.get(3) + " failed.";
    }

    private static void section(StringBuilder b, String title, String intro) {
        b.append("<h2>").append(Html.escape(title)).append("</h2>\n");
        if (!intro.isEmpty()) b.append("<p>").append(Html.escape(intro)).append("</p>\n");
    }


    private static void clear(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, glob)) {
            for (Path f : old) Files.delete(f);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
