package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import java.util.List;

/**
 * summaryDir/index.html: one self-contained page — CSS inline, every plot inlined as a data: URI
 * ({@link Figures}), every trial's curve inline SVG — so the file alone, opened anywhere, shows
 * everything: the sweep's name, progress, the runs that made it, the check against the paper, the
 * tables and plots, every trial with its key, failures, provenance, the sweep file and the
 * definitions behind every number. All text is escaped; the markup is well-formed XML (every
 * element closed, no named entities but XML's) so a plain XML parser can check it.
 */
final class Report {
    private Report() { }

    /** The report's sections, each a list of tables and plots under a heading. */
    static String html(SummaryOptions options, Contents c, java.nio.file.Path summaryDir) {
        StringBuilder b = new StringBuilder(1 << 16);
        java.util.function.Consumer<Plots.Plot> plot = p -> b.append(Figures.html(p, summaryDir));
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
         .append(Html.escape("rwsweep — " + options.sweepName())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(Html.escape(options.sweepName())).append("</h1>\n");
        b.append("<p class=\"lead\">").append(Html.escape(progressLine(c.progress()))).append("</p>\n");
        b.append(c.progress().html());
        b.append("<p class=\"run\">").append(Html.escape(SweepCounts.lastRun(options.runs()))).append("</p>\n");
        if (!c.runs().rows().isEmpty()) b.append(c.runs().html());

        section(b, "Sweep file", "");
        b.append("<pre>").append(Html.escape(options.sweepText())).append("</pre>\n");

        section(b, "Check against the paper", "Each claim of Sussillo and Abbott (2014) the results can speak to, "
                + "checked on each panel with the paper's scheme (Gaussian init, g varied). A depth at which no g trained "
                + "(no setting's median below the threshold) is unknown for every claim: its lowest error is not a best g.");
        b.append(c.paperCheck().html());

        section(b, "Figure 3: training error against g", "Rows g, columns depth D. A cell: the minimum over (λin, λout) "
                + "of the median over seeds of each trial's lowest training error, [seeds of that pair that trained / its seeds], "
                + "and the pair. Diverged and failed counts cover every pair at that (g, D).");
        for (Section s : c.panels()) {
            s.figure3Plot().ifPresent(p -> plot.accept(p));
            b.append(s.figure3().html());
            b.append("<details><summary>Every (λin, λout) pair — ").append(Html.escape(s.label())).append("</summary>\n")
             .append(s.figure3Pairs().html()).append("</details>\n");
        }

        section(b, "Figure 4: training error against depth", "Rows D, columns (λin, λout). A cell: the minimum over g "
                + "of the median over seeds, [seeds trained], the g that attains it; counts cover every g.");
        for (Section s : c.panels()) {
            s.figure4Plot().ifPresent(p -> plot.accept(p));
            b.append(s.figure4().html());
        }

        section(b, "Best g against the random-walk prediction", "Best g: every g whose Figure 3 cell at that depth is "
                + "tied with the lowest (the medians differ by less than the larger seed spread of the two, or by fewer than "
                + PanelResults.TIE_EXAMPLES + " training examples). Predicted: linear exp(1/(2N)), ReLU √2·exp(1.2/(max(N,6)−2.4)), tanh the paper's band 1.1–1.3, "
                + "for Gaussian and random-walk init at constant width N. Distance: 0 when the tied range meets the prediction; "
                + "grid steps: the distance over the gap between the grid's g values around the prediction.");
        b.append(c.bestG().html());

        section(b, "Training curves of the best trials", "");
        for (Section s : c.panels()) s.curvesPlot().ifPresent(p -> plot.accept(p));

        section(b, "Initialisation diagnostics", "");
        boolean any = false;
        for (Section s : c.panels()) {
            if (s.initPlot().isPresent()) {
                plot.accept(s.initPlot().get());
                any = true;
            }
        }
        if (!any) b.append("<p>Needs at least two values of g.</p>\n");

        if (!c.trainability().isEmpty()) {
            section(b, "Trainability by init scheme", "");
            for (Plots.Plot p : c.trainability()) plot.accept(p);
        }

        section(b, "Every trial", "Each trial of each panel with its key and its training curve (log error from the row of "
                + "zeros at the bottom to 1 at the top, one scale per panel, the depth's colour; × ends a diverged trial's curve). "
                + "Every cell of the Figure 3 and 4 tables links to the first trial of the setting it shows; curves.csv has every "
                + "curve's numbers, trials.csv in the results directory every field of each trial.");
        for (Section s : c.panels()) b.append(s.trials().html("curve", s.curves()));

        section(b, "Failed trials", "Trials that threw; they count in every table above as failed, never in a median.");
        if (c.failures().rows().isEmpty()) b.append("<p>None.</p>\n");
        else b.append(c.failures().html());

        section(b, "Provenance", "Results differ in the last bits across BLAS backends, OpenBLAS core types and tanh paths.");
        b.append(c.provenance().html());

        section(b, "Definitions", "");
        b.append("<ul>\n");
        for (String d : definitions(options)) b.append("<li>").append(Html.escape(d)).append("</li>\n");
        b.append("</ul>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The numbers' meaning, shown in the report and given to the README. */
    static List<String> definitions(SummaryOptions options) {
        return List.of(
                "Depth D counts weight layers, as in the paper: a depth-D net has D−1 hidden layers; layer D is the output layer.",
                "A trial's training error is its lowest over the epochs it recorded (epoch 0 is the untrained net). "
                        + "A diverged trial's curve stops before the non-finite epoch; a failed trial has no error.",
                "A setting is one (g, D, λin, λout) of one panel (task, nonlinearity, init scheme and every other spec field); "
                        + "its error is the median over seeds (mean of the two middle values for an even count), failed seeds left out.",
                "A trial trained when its training error is below " + NumberText.compact(options.trainedBelow())
                        + "; [a/b] is the number of seeds that trained over all seeds of the setting, failed ones included.",
                "Figure 3 cell: minimum over (λin, λout) of the setting's median; Figure 4 cell: minimum over g. "
                        + "On equal medians the cell names the smaller λin, then λout, then g.",
                "Two settings are tied when their medians differ by less than the larger seed spread (largest minus smallest "
                        + "seed error) of the two or, for classifiers, by fewer than " + PanelResults.TIE_EXAMPLES
                        + " training examples (" + PanelResults.TIE_EXAMPLES + "/n): the best g and the paper check use ties.",
                "Plots: log error axes are labelled at every decade. An error of 0, which a log axis cannot show, is drawn "
                        + "in a row of its own at the axis floor, its tick labelled 0 and set apart by a dashed line: its "
                        + "height is no value. A black cross marks a point with a diverged seed; a line breaks where its depth "
                        + "(or pair) has no result. The g axis is logarithmic when the grid's g values are log-spaced.");
    }

    /** "120 of 400 trials done (30%): 110 OK, 6 diverged, 4 failed." */
    static String progressLine(Table progress) {
        List<String> r = progress.rows().get(0);
        String done = r.get(0), planned = r.get(1);
        StringBuilder b = new StringBuilder();
        if (planned.isEmpty()) {
            b.append(done).append(" trials done");
        } else {
            int p = Integer.parseInt(planned);
            b.append(done).append(" of ").append(planned).append(" trials done");
            if (p > 0) b.append(" (").append(Math.round(100.0 * Integer.parseInt(done) / p)).append("%)");
        }
        b.append(": ").append(r.get(2)).append(" OK, ").append(r.get(3)).append(" diverged, ").append(r.get(4)).append(" failed");
        if (r.size() > 5 && !r.get(5).equals("0")) b.append(", ").append(r.get(5)).append(" pruned");
        return b.append('.').toString();
    }

    private static void section(StringBuilder b, String title, String intro) {
        b.append("<h2>").append(Html.escape(title)).append("</h2>\n");
        if (!intro.isEmpty()) b.append("<p>").append(Html.escape(intro)).append("</p>\n");
    }



    /** One panel's tables and plots. */
    record Section(String label, Table figure3, Table figure3Pairs, Table figure4,
                   java.util.Optional<Plots.Plot> figure3Plot, java.util.Optional<Plots.Plot> figure4Plot,
                   java.util.Optional<Plots.Plot> curvesPlot, java.util.Optional<Plots.Plot> initPlot,
                   Table trials, List<String> curves) { }

    /** Everything the page shows. */
    record Contents(Table progress, Table runs, Table paperCheck, List<Section> panels, Table bestG,
                    List<Plots.Plot> trainability, Table failures, Table provenance) { }

    static final String CSS = """
            body { font-family: sans-serif; margin: 2em auto; max-width: 1500px; padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
            p.lead { font-size: 1.15em; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f3f3f3; }
            tbody tr:nth-child(even) { background: #fafafa; }
            pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
            figure { margin: 1.5em 0; }
            figure img { max-width: 100%; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 0.9em; }
            details { margin: 0.5em 0 1.5em 0; overflow-x: auto; }
            td a { color: inherit; text-decoration: none; border-bottom: 1px dotted #888; }
            tr:target { background: #fff3b0; }
            td.extra { padding: 1px 4px; }
            td.extra svg { display: block; }
            span.files { white-space: nowrap; }
            table[id^="trials-"] td:nth-child(10) { font-family: monospace; }
            """;
}
