package rwsweep.driver.summary;

import rwsweep.driver.sweep.LambdaPair;
import rwsweep.driver.sweep.NumberText;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.driver.summary.PanelResults.Setting;
import rwsweep.worker.spec.TrialResult;

/**
 * Every trial of one panel, one row each — the setting, seed, status, lowest training error and
 * its epoch, the epochs recorded and the trial key — with its training curve drawn beside it, so
 * any number of a Figure 3 or 4 cell can be traced to the trials (and keys: curves.csv, trials.csv)
 * behind it. The cells of the panel's tables link to the first row of the setting they show
 * ({@link #linkCells}).
 */
final class TrialList {
    private TrialList() { }

    /** Curve drawings: this wide and high, in CSS pixels. */
    static final int SPARK_WIDTH = 140, SPARK_HEIGHT = 30;

    /** The table of every trial of {@code p}: by depth, g, (λin, λout), seed; each setting's first row anchored. */
    static Table table(PanelResults p) {
        Table t = new Table("trials-" + p.slug(), "Every trial — " + p.label() + ": lowest training error over the epochs, "
                + "the epoch it was reached, epochs recorded (epoch 0 is the untrained net), trial key",
                List.of("D", "g", "λin", "λout", "seed", "status", "min error", "at epoch", "epochs", "key"));
        int row = 0;
        for (Map.Entry<Setting, Replicates> e : sorted(p)) {
            Setting s = e.getKey();
            boolean first = true;
            for (TrialResult r : bySeed(e.getValue())) {
                t.add(List.of(Integer.toString(s.depth()), NumberText.compact(s.g()), NumberText.plain(s.pair().lambdaIn()),
                        NumberText.plain(s.pair().lambdaOut()), Long.toString(r.spec().seed()), r.status().name().toLowerCase(Locale.ROOT),
                        Double.isNaN(r.minTrainError()) ? "" : NumberText.compact(r.minTrainError()),
                        r.minEpoch().isPresent() ? Integer.toString(r.minEpoch().getAsInt()) : "",
                        Integer.toString(Math.max(0, r.trainError().length - 1)), r.key()));
                if (first) t.anchor(row, anchor(p, s));
                first = false;
                row++;
            }
        }
        return t;
    }

    /** The curve drawings of {@link #table}'s rows, in its order, on one scale for the panel. */
    static List<String> curves(PanelResults p) {
        double row = zeroRow(p);
        List<String> out = new ArrayList<>();
        for (Map.Entry<Setting, Replicates> e : sorted(p)) {
            // the depth's colour on the plots
            for (TrialResult r : bySeed(e.getValue())) out.add(sparkline(r, row, p.depths().headSet(e.getKey().depth()).size()));
        }
        return out;
    }

    /** The id of a setting's first row in the trial table. */
    static String anchor(PanelResults p, Setting s) {
        return "trials-" + p.slug() + "-D" + s.depth() + "-g" + NumberText.plain(s.g()) + "-l" + NumberText.plain(s.pair().lambdaIn())
                + "-" + NumberText.plain(s.pair().lambdaOut());
    }

    /**
     * Links every cell of the panel's Figure 3, Figure 3 (every pair) and Figure 4 tables to the
     * rows of the setting it shows: the pair (Figure 3) or g (Figure 4) of its minimum, or, where
     * no trial there has an error, the first setting it counts.
     */
    static void linkCells(PanelResults p, Table figure3, Table figure3Pairs, Table figure4) {
        int r = 0;
        for (double g : p.gs()) {
            int c = 1;
            for (int d : p.depths()) {
                Optional<Setting> s = p.bestOverPairs(g, d).map(Best::setting)
                        .or(() -> p.pairs().stream().map(pair -> new Setting(g, d, pair)).filter(x -> p.settings().containsKey(x)).findFirst());
                int col = c++;
                int row = r;
                s.ifPresent(x -> figure3.link(row, col, "#" + anchor(p, x)));
            }
            c = 1;
            for (LambdaPair pair : p.pairs()) {
                for (int d : p.depths()) {
                    Setting x = new Setting(g, d, pair);
                    if (p.settings().containsKey(x)) figure3Pairs.link(r, c, "#" + anchor(p, x));
                    c++;
                }
            }
            r++;
        }
        r = 0;
        for (int d : p.depths()) {
            int c = 1;
            for (LambdaPair pair : p.pairs()) {
                Optional<Setting> s = p.bestOverG(d, pair).map(Best::setting)
                        .or(() -> p.gs().stream().map(g -> new Setting(g, d, pair)).filter(x -> p.settings().containsKey(x)).findFirst());
                int col = c++;
                int row = r;
                s.ifPresent(x -> figure4.link(row, col, "#" + anchor(p, x)));
            }
            r++;
        }
    }

    private static List<Map.Entry<Setting, Replicates>> sorted(PanelResults p) {
        return p.settings().entrySet().stream().sorted(Comparator.comparing((Map.Entry<Setting, Replicates> e) -> e.getKey().depth())
                .thenComparing(e -> e.getKey().g()).thenComparing(e -> e.getKey().pair())).toList();
    }

    private static List<TrialResult> bySeed(Replicates r) {
        return r.results().stream().sorted(Comparator.comparingLong(t -> t.spec().seed())).toList();
    }

    /** log10 of the row errors of 0 are drawn in: a decade below the panel's smallest positive error, as on the plots. */
    static double zeroRow(PanelResults p) {
        double min = Double.POSITIVE_INFINITY;
        for (Replicates r : p.settings().values()) {
            for (TrialResult t : r.results()) {
                for (double e : t.trainError()) if (e > 0 && e < min) min = e;
            }
        }
        return Math.log10(Plots.decadeAtOrBelow(Double.isFinite(min) ? Math.min(min, 1) : 1)) - 1;
    }

    /**
     * One trial's training error per epoch as inline SVG: log10 error from the zero row (bottom) to
     * 1 (top), an error of 0 on the bottom edge, a gap where an epoch has no value; the curve's
     * last point carries the status's symbol when {@link Plots#STATUS_MARKS} marks it.
     */
    static String sparkline(TrialResult r, double zeroRow, int depthIndex) {
        double[] e = r.trainError();
        Color colour = Plots.colour(depthIndex);
        String stroke = String.format(Locale.ROOT, "#%06x", colour.getRGB() & 0xffffff);
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SPARK_WIDTH)
                .append("\" height=\"").append(SPARK_HEIGHT).append("\" viewBox=\"0 0 ").append(SPARK_WIDTH).append(' ')
                .append(SPARK_HEIGHT).append("\" role=\"img\"><title>").append(Html.escape(title(r))).append("</title>")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(SPARK_WIDTH).append("\" height=\"").append(SPARK_HEIGHT)
                .append("\" fill=\"#fbfbfb\" stroke=\"#e4e4e4\"/>");
        if (e.length == 0) return b.append("<text x=\"4\" y=\"19\" font-size=\"11\" fill=\"#888\">no curve</text></svg>").toString();
        double pad = 3, w = SPARK_WIDTH - 2 * pad, h = SPARK_HEIGHT - 2 * pad;
        double step = e.length > 1 ? w / (e.length - 1) : 0;
        StringBuilder line = new StringBuilder();
        double lastX = pad, lastY = pad + h;
        boolean any = false;
        for (int k = 0; k < e.length; k++) {
            if (Double.isNaN(e[k])) {
                flush(b, line, stroke);
                continue;
            }
            double v = e[k] <= 0 ? zeroRow : Math.max(zeroRow, Math.log10(e[k]));
            double x = pad + k * step, y = pad + h * (0 - Math.min(v, 0)) / (0 - zeroRow);
            if (line.length() > 0) line.append(' ');
            line.append(NumberText.fixed(x, 1)).append(',').append(NumberText.fixed(y, 1));
            lastX = x;
            lastY = y;
            any = true;
        }
        if (any && line.indexOf(" ") < 0) {  // a single epoch: a dot
            b.append("<circle cx=\"").append(NumberText.fixed(lastX, 1)).append("\" cy=\"").append(NumberText.fixed(lastY, 1))
             .append("\" r=\"2\" fill=\"").append(stroke).append("\"/>");
            line.setLength(0);
        }
        flush(b, line, stroke);
        Plots.StatusMark mark = Plots.STATUS_MARKS.get(r.status());
        if (mark != null && any) {
            b.append("<text x=\"").append(NumberText.fixed(Math.min(lastX, SPARK_WIDTH - 8), 1)).append("\" y=\"")
             .append(NumberText.fixed(Math.max(10, lastY + 4), 1)).append("\" font-size=\"12\" font-weight=\"bold\" fill=\"")
             .append(String.format(Locale.ROOT, "#%06x", mark.colour().getRGB() & 0xffffff)).append("\">")
             .append(Html.escape(mark.symbol())).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    private static void flush(StringBuilder b, StringBuilder line, String stroke) {
        if (line.indexOf(" ") >= 0) {
            b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\" points=\"").append(line)
             .append("\"/>");
        }
        line.setLength(0);
    }

    /** The drawing's tooltip: the first and last recorded error and the lowest. */
    private static String title(TrialResult r) {
        double[] e = r.trainError();
        if (e.length == 0) return r.status().name().toLowerCase(Locale.ROOT) + ": no curve";
        return r.status().name().toLowerCase(Locale.ROOT) + ": epoch 0 " + NumberText.compact(e[0]) + ", epoch " + (e.length - 1)
                + " " + NumberText.compact(e[e.length - 1]) + ", lowest " + NumberText.compact(r.minTrainError());
    }
}
