package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.Activation;
import rwsweep.worker.theory.RandomWalk;
import rwsweep.worker.theory.WalkResult;
import rwsweep.worker.theory.WalkSpec;

/**
 * The plots of a random-walk sweep (XChart, headless), after the paper's Figures 1 and 2:
 * <ul>
 *   <li>Figure 1, per walk point at a critical g with sample walks kept: left the sample walks
 *       w_d = ln|δ_d| − ln|δ_D| against layer d, right the variance of w over the nets against
 *       the number of steps D − d, with the paper's line (D − d)/(2N) (linear) or 5(D − d)/(4N) (ReLU);</li>
 *   <li>Figure 2, top, per depth and input with at least two widths: the optimal g against N (log scale) for each f — the
 *       simulated optimum with its 95% interval as error bars, the formula curves, and for tanh
 *       both the finite-depth and the steady-state optimum;</li>
 *   <li>Figure 2, bottom, per width, depth and input with at least two g: the mean |ln Z| against
 *       g for each f, the formula's g (linear, ReLU) and the simulated optimum marked by vertical
 *       lines.</li>
 * </ul>
 */
final class WalkPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 760;
    private static final int HEIGHT = 520;
    /** One colour per nonlinearity, in declaration order (linear blue, ReLU red, tanh green, then more). */
    private static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b));
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {9f, 6f}, 0f);

    private WalkPlots() { }

    /** Figure 1 for every walk point at a critical g that kept sample walks. */
    static List<Plots.Plot> figure1(List<WalkResult> walks, Path dir) {
        List<Plots.Plot> plots = new ArrayList<>();
        for (WalkResult r : WalkTables.walksAtG(walks)) {
            WalkSpec s = r.spec();
            if (s.critical().isEmpty() || r.sampleWalks().length == 0) continue;
            int depth = s.depth();
            String what = WalkTables.f(s) + " N=" + s.width() + " D=" + depth + ", g=" + NumberText.fixed(r.g(), 4)
                    + " (" + s.critical().get().label() + " optimum), " + WalkTables.input(s);
            XYChart left = chart("sample walks", "layer d", "ln|δ_d| − ln|δ_D|");
            left.getStyler().setLegendVisible(false);
            double[] flat = r.sampleWalks();
            int kept = flat.length / depth;
            for (int i = 0; i < kept; i++) {
                List<double[]> points = new ArrayList<>();
                for (int d = 1; d <= depth; d++) {
                    double w = flat[i * depth + d - 1];
                    if (!Double.isNaN(w)) points.add(new double[] {d, w});
                }
                Color c = Color.getHSBColor((float) i / Math.max(kept, 1), 0.65f, 0.75f);
                series(left, "walk " + (i + 1), points, c, SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
            }
            left.getStyler().setYAxisDecimalPattern("0.0");
            XYChart right = chart("variance over " + s.nets() + " nets", "steps D − d", "variance of ln|δ_d| − ln|δ_D|");
            right.getStyler().setYAxisDecimalPattern("0.00");
            List<double[]> variance = new ArrayList<>();
            double[] v = r.variance();
            for (int d = 1; d <= depth; d++) {
                if (!Double.isNaN(v[d - 1])) variance.add(new double[] {depth - d, v[d - 1]});
            }
            series(right, "simulated", variance, colour(s.activation()), SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Scatter);
            OptionalDouble perLayer = paperScheme(s) ? WalkTables.variancePrediction(s.activation(), s.width()) : OptionalDouble.empty();
            if (perLayer.isPresent()) {
                String label = RandomWalk.formula(s.activation()).orElseThrow().varianceLabel();
                List<double[]> line = List.of(new double[] {0, 0}, new double[] {depth - 1, (depth - 1) * perLayer.getAsDouble()});
                series(right, "paper: " + label, line, Color.BLACK, SeriesMarkers.NONE, XYSeriesRenderStyle.Line)
                        .ifPresent(x -> x.setLineStyle(DASHED));
            }
            String file = "figure1-" + slug(s) + ".png";
            Figures.save(List.of(left, right), "Figure 1 — " + what, dir.resolve(file));
            plots.add(new Plots.Plot("plots/" + file, "Figure 1 — " + what,
                    "Left: " + kept + " sample walks of ln|δ_d| − ln|δ_D| from the output layer (d = D) down to layer 1; "
                            + "right: their variance over all " + s.nets() + " nets against the steps taken"
                            + (perLayer.isPresent() ? ", with the paper's prediction (dashed)." : ".")
                            + (r.killed() > 0 ? " " + r.killed() + " walks died (a ReLU layer all off) and are left out below that layer." : "")));
        }
        return plots;
    }

    /** Figure 2 (top), one plot per (depth, input, init) with optimal-g points. */
    static List<Plots.Plot> figure2(List<WalkResult> walks, Path dir) {
        Map<String, List<WalkResult>> groups = new LinkedHashMap<>();
        for (WalkResult r : WalkTables.optima(walks)) {
            WalkSpec s = r.spec();
            groups.computeIfAbsent("D=" + s.depth() + ", " + WalkTables.input(s) + " input, init " + WalkTables.init(s), k -> new ArrayList<>()).add(r);
        }
        List<Plots.Plot> plots = new ArrayList<>();
        for (Map.Entry<String, List<WalkResult>> g : groups.entrySet()) {
            if (g.getValue().stream().mapToInt(r -> r.spec().width()).distinct().count() < 2) continue; // a curve needs two N
            XYChart chart = chart("Figure 2 — optimal g against N (" + g.getKey() + ")", "N (log scale)", "optimal g");
            chart.getStyler().setXAxisLogarithmic(true);
            int nMin = Integer.MAX_VALUE, nMax = 0;
            boolean paper = false;
            for (Activation f : Activation.values()) {
                List<double[]> sim = new ArrayList<>();
                List<Double> err = new ArrayList<>();
                List<double[]> steady = new ArrayList<>();
                for (WalkResult r : g.getValue()) {
                    if (r.spec().activation() != f) continue;
                    int n = r.spec().width();
                    nMin = Math.min(nMin, n);
                    nMax = Math.max(nMax, n);
                    paper |= paperScheme(r.spec());
                    sim.add(new double[] {n, r.optimalG().getAsDouble()});
                    err.add(0.5 * (r.optimalHigh() - r.optimalLow()));
                    if (simulated(f) && r.steadyStateG().isPresent()) steady.add(new double[] {n, r.steadyStateG().getAsDouble()});
                }
                if (sim.isEmpty()) continue;
                String name = TrialField.spelling(f);
                double[] x = sim.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = sim.stream().mapToDouble(p -> p[1]).toArray();
                double[] e = err.stream().mapToDouble(Double::doubleValue).toArray();
                XYSeries s = chart.addSeries(name + (simulated(f) ? ", finite depth" : "") + " (simulated, 95% interval)", x, y, e);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(colour(f));
                s.setLineColor(colour(f));
                s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
                if (simulated(f)) {
                    series(chart, name + ", steady state (burnt-in chain)", steady, colour(f), SeriesMarkers.DIAMOND, XYSeriesRenderStyle.Line)
                            .ifPresent(t -> t.setLineStyle(DASHED));
                }
            }
            if (paper && nMax > 0) {
                for (Activation f : Activation.values()) {
                    Optional<RandomWalk.Formula> formula = RandomWalk.formula(f);
                    if (formula.isEmpty() || g.getValue().stream().noneMatch(r -> r.spec().activation() == f)) continue;
                    List<double[]> curve = new ArrayList<>();
                    for (int i = 0; i <= 60; i++) {
                        double n = nMin * Math.pow((double) nMax / nMin, i / 60.0);
                        // the formulas at real N, so the curve is smooth between the integer widths
                        curve.add(new double[] {n, formula.get().g(n)});
                    }
                    series(chart, formula.get().gLabel(), curve, colour(f), SeriesMarkers.NONE, XYSeriesRenderStyle.Line);
                }
            }
            String file = "figure2-optimal-g-" + g.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "").toLowerCase(Locale.ROOT) + ".png";
            Figures.save(chart, dir.resolve(file));
            plots.add(new Plots.Plot("plots/" + file, "Figure 2 — optimal g against N (" + g.getKey() + ")",
                    "Dots: the g at which the mean of ln(|δ_1|/|δ_D|) over the random nets is zero, with its 95% interval; "
                            + "lines: the paper's formulas for linear and ReLU; dashed diamonds: the tanh optimum of a burnt-in "
                            + "(steady-state) chain, which a finite net driven by its input does not reach."));
        }
        return plots;
    }

    /** Figure 2 (bottom): mean |ln Z| against g, one plot per (width, depth, input, init) with at least two g. */
    static List<Plots.Plot> absLnZ(List<WalkResult> walks, Path dir) {
        Map<String, List<WalkResult>> groups = new LinkedHashMap<>();
        for (WalkResult r : WalkTables.walksAtG(walks)) {
            WalkSpec s = r.spec();
            groups.computeIfAbsent("N=" + s.width() + ", D=" + s.depth() + ", " + WalkTables.input(s) + " input, init "
                    + WalkTables.init(s), k -> new ArrayList<>()).add(r);
        }
        List<WalkResult> optima = WalkTables.optima(walks);
        List<Plots.Plot> plots = new ArrayList<>();
        for (Map.Entry<String, List<WalkResult>> g : groups.entrySet()) {
            boolean curve = false; // a curve needs two g of one f
            for (Activation f : Activation.values()) {
                curve |= g.getValue().stream().filter(r -> r.spec().activation() == f).mapToDouble(WalkResult::g).distinct().count() >= 2;
            }
            if (!curve) continue;
            XYChart chart = chart("Figure 2 — mean |ln Z| against g (" + g.getKey() + ")", "g", "mean |ln Z|,  Z = |δ_1|²/|δ_D|²");
            chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(false);
            double top = 0, bottom = Double.POSITIVE_INFINITY;
            for (WalkResult r : g.getValue()) {
                if (r.meanAbsLnZ() > 0) {
                    top = Math.max(top, r.meanAbsLnZ());
                    bottom = Math.min(bottom, r.meanAbsLnZ());
                }
            }
            // XChart's minor ticks crowd a log axis spanning more than a decade or so
            chart.getStyler().setYAxisLogarithmicDecadeOnly(top / bottom > 15);
            for (Activation f : Activation.values()) {
                List<double[]> points = new ArrayList<>();
                WalkSpec any = null;
                for (WalkResult r : g.getValue()) {
                    if (r.spec().activation() != f || !(r.meanAbsLnZ() > 0)) continue;
                    points.add(new double[] {r.g(), r.meanAbsLnZ()});
                    any = r.spec();
                }
                if (points.isEmpty()) continue;
                points.sort((p, q) -> Double.compare(p[0], q[0]));
                String name = TrialField.spelling(f);
                series(chart, name, points, colour(f), SeriesMarkers.CIRCLE, XYSeriesRenderStyle.Line);
                OptionalDouble mark = paperScheme(any) ? WalkTables.formula(f, any.width()) : OptionalDouble.empty();
                String markLabel = "formula";
                if (mark.isEmpty()) {
                    final WalkSpec s = any;
                    mark = optima.stream().filter(o -> o.spec().activation() == f && o.spec().width() == s.width()
                                    && o.spec().depth() == s.depth() && WalkTables.input(o.spec()).equals(WalkTables.input(s)))
                            .mapToDouble(o -> o.optimalG().getAsDouble()).findFirst();
                    markLabel = "simulated optimum";
                }
                if (mark.isPresent()) {
                    List<double[]> line = List.of(new double[] {mark.getAsDouble(), bottom / 2}, new double[] {mark.getAsDouble(), top * 2});
                    series(chart, name + " " + markLabel + " g = " + NumberText.fixed(mark.getAsDouble(), 4), line, colour(f),
                            SeriesMarkers.NONE, XYSeriesRenderStyle.Line).ifPresent(x -> x.setLineStyle(DASHED));
                }
            }
            String file = "figure2-abs-ln-z-" + g.getKey().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "").toLowerCase(Locale.ROOT) + ".png";
            Figures.save(chart, dir.resolve(file));
            plots.add(new Plots.Plot("plots/" + file, "Figure 2 — mean |ln Z| against g (" + g.getKey() + ")",
                    "The mean over the nets of |ln(|δ_1|²/|δ_D|²)|: smallest where the walk is unbiased. Dashed: the paper's "
                            + "formula for linear and ReLU, the simulated finite-depth optimum for tanh (when the sweep found it)."));
        }
        return plots;
    }

    private static Color colour(Activation f) {
        return PALETTE.get(f.ordinal() % PALETTE.size());
    }

    /** A nonlinearity whose optimum only simulation knows (tanh): its finite-depth and steady-state optima differ. */
    private static boolean simulated(Activation f) {
        return RandomWalk.formula(f).isEmpty();
    }

    private static boolean paperScheme(WalkSpec s) {
        return s.init().isPaperScheme();
    }

    private static String slug(WalkSpec s) {
        return (WalkTables.f(s) + "-n" + s.width() + "-d" + s.depth() + "-" + WalkTables.input(s) + "-" + WalkTables.init(s) + "-seed" + s.seed())
                .replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Plots.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static java.util.Optional<XYSeries> series(XYChart chart, String name, List<double[]> points, Color colour,
                                                       Marker marker, XYSeriesRenderStyle render) {
        if (points.isEmpty()) return java.util.Optional.empty();
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(render);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        s.setLineColor(colour);
        // XChart cycles line styles (dashed, dotted) by series unless told: every line here is solid unless set dashed
        s.setLineStyle(render == XYSeriesRenderStyle.Scatter ? SeriesLines.NONE : SeriesLines.SOLID);
        return java.util.Optional.of(s);
    }
}
