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
import rwsweep.worker.spec.TrialResult;

/**
 * Summarises finished trials into summaryDir — the one entry point ({@code rwsweep summarize DIR}
 * and the end of {@code rwsweep run} call {@link #write}). Everything comes from the results alone.
 *
 * <p>Writes:
 * <ul>
 *   <li>{@code index.html}: the report (tables, plots, check against the paper, every trial, runs, provenance), one self-contained file;
 *   <li>{@code summary.md}: every table of the report in Markdown;
 *   <li>{@code tables/<id>.csv}: every table of the report as CSV, cell for cell;
 *   <li>{@code groups.csv}, {@code figure3.csv}, {@code figure4.csv}: tidy tables, one setting or
 *       cell per row, every number in full precision, for recomputing or plotting elsewhere;
 *   <li>{@code curves.csv}, {@code best.csv}, {@code best-g.csv}: long-format tables of numbers
 *       for a notebook ({@link NotebookTables});
 *   <li>{@code plots/*.png} and {@code plots/*.svg}: the plots (the PNGs also inlined in index.html).
 * </ul>
 * Files of an earlier summary in {@code tables/} and {@code plots/} are removed first, so a panel
 * that disappeared leaves nothing stale behind; index.html is replaced atomically.
 */
public final class Summary {
    private Summary() { }

    /** Writes the summary of {@code results} into {@code summaryDir}; returns the path of index.html. */
    public static Path write(List<TrialResult> results, SummaryOptions options, Path summaryDir) {
        try {
            Path tables = summaryDir.resolve("tables");
            Path plots = summaryDir.resolve("plots");
            Files.createDirectories(tables);
            Files.createDirectories(plots);
            clear(tables, "*.csv");
            clear(plots, "*.png");
            clear(plots, "*.svg");

            List<PanelResults> panels = PanelResults.split(results, options.trainedBelow());
            List<Report.Section> sections = new ArrayList<>();
            for (PanelResults p : panels) {
                Table figure3 = Tables.figure3(p), figure3Pairs = Tables.figure3Pairs(p), figure4 = Tables.figure4(p);
                TrialList.linkCells(p, figure3, figure3Pairs, figure4);
                sections.add(new Report.Section(p.label(), figure3, figure3Pairs, figure4,
                        relative(Plots.figure3(p, plots)), relative(Plots.figure4(p, plots)),
                        relative(Plots.curves(p, plots)), relative(Plots.initDiagnostics(p, plots)),
                        TrialList.table(p), TrialList.curves(p)));
            }
            List<Plots.Plot> maps = Plots.trainabilityMaps(panels, plots).stream().map(Summary::relative).toList();
            Report.Contents contents = new Report.Contents(SweepCounts.progress(results, options),
                    SweepCounts.runs(options.runs(), "trials"),
                    PaperCheck.of(panels, options).table(), sections, Tables.bestG(panels), maps,
                    SweepCounts.failures(results), SweepCounts.provenance(results));

            StringBuilder md = new StringBuilder("# ").append(options.sweepName()).append("\n\n")
                    .append(Report.progressLine(contents.progress())).append("\n\n");
            for (Table t : displayed(contents)) {
                write(tables.resolve(t.id() + ".csv"), t.csv());
                md.append(t.markdown());
            }
            write(summaryDir.resolve("summary.md"), md.toString());
            write(summaryDir.resolve("groups.csv"), Tables.groups(panels).csv());
            write(summaryDir.resolve("figure3.csv"), Tables.figure3Tidy(panels).csv());
            write(summaryDir.resolve("figure4.csv"), Tables.figure4Tidy(panels).csv());
            write(summaryDir.resolve("best-g.csv"), NotebookTables.bestG(panels).csv());
            write(summaryDir.resolve("best.csv"), NotebookTables.best(panels, NotebookTables.dataName(options.sweepText())).csv());
            write(summaryDir.resolve("curves.csv"), NotebookTables.curves(results).csv());

            Path index = summaryDir.resolve("index.html");
            Path tmp = summaryDir.resolve("index.html.tmp");
            write(tmp, Report.html(options, contents, summaryDir));
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + summaryDir + ": " + e.getMessage(), e);
        }
    }

    /** Loads what the plots draw with, on a thread of its own, so that a later {@link #write} finds it done ({@link Figures#warmUpInBackground}). */
    public static void warmUpInBackground() {
        Figures.warmUpInBackground();
    }

    /**
     * The check against the paper alone, for {@code rwsweep check DIR}: print
     * {@code check(results, options).text()}; {@link PaperCheck#contradicted()} decides the exit code.
     */
    public static PaperCheck check(List<TrialResult> results, SummaryOptions options) {
        return PaperCheck.of(results, options.trainedBelow());
    }

    /** Every table the report shows, in page order. */
    static List<Table> displayed(Report.Contents c) {
        List<Table> all = new ArrayList<>(List.of(c.progress(), c.runs(), c.paperCheck()));
        for (Report.Section s : c.panels()) all.addAll(List.of(s.figure3(), s.figure3Pairs()));
        for (Report.Section s : c.panels()) all.add(s.figure4());
        all.addAll(List.of(c.bestG(), c.failures(), c.provenance()));
        for (Report.Section s : c.panels()) all.add(s.trials());
        return all;
    }

    /** A plot's file as the report references it: relative to summaryDir. */
    private static Plots.Plot relative(Plots.Plot p) {
        return new Plots.Plot("plots/" + p.file(), p.title(), p.caption());
    }

    private static java.util.Optional<Plots.Plot> relative(java.util.Optional<Plots.Plot> p) {
        return p.map(Summary::relative);
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
