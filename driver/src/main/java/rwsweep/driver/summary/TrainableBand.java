package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import rwsweep.driver.sweep.NumberText;
import rwsweep.driver.sweep.Refinement;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The trainable band of each net, as refinement reads it: per panel and depth (one net — its
 * nonlinearity, depth, width, init, task), the g values run, the g of the lowest Figure 3 error,
 * and the band of g tied with it, {@link PanelResults#bestGs} from its lowest to its highest g —
 * the tied range the best-g tables show. Also where a round of {@link Refinement} puts its new
 * trials: each new g copies the trials of the net's best g (every seed and learning-rate pair),
 * with only g changed (and g_in, g_out where they are tied to g).
 */
public final class TrainableBand {
    private TrainableBand() { }

    /** One net's g axis: its panel's label, its depth, what refinement reads, and the trials a new g copies. */
    public record Net(String label, int depth, Refinement.Group group, List<TrialSpec> templates) { }

    /** Every net of {@code results} with an error, in panel then depth order. */
    public static List<Net> of(List<TrialResult> results, double trainedBelow) {
        List<Net> nets = new ArrayList<>();
        for (PanelResults p : PanelResults.split(results, trainedBelow)) {
            for (int depth : p.depths()) {
                List<Double> tied = p.bestGs(depth);
                Optional<PanelResults.Best> best = p.best(depth);
                if (tied.isEmpty() || best.isEmpty()) continue;
                List<Double> run = new ArrayList<>();
                for (double g : p.gs()) if (p.bestOverPairs(g, depth).isPresent()) run.add(g);
                double bestG = best.get().setting().g();
                List<TrialSpec> templates = new ArrayList<>();
                for (Map.Entry<PanelResults.Setting, Replicates> e : p.settings().entrySet()) {
                    if (e.getKey().depth() == depth && e.getKey().g() == bestG) {
                        for (TrialResult r : e.getValue().results()) templates.add(r.spec());
                    }
                }
                double[] gs = run.stream().mapToDouble(Double::doubleValue).toArray();
                nets.add(new Net(p.label(), depth, new Refinement.Group(gs, bestG, tied.get(0), tied.get(tied.size() - 1)), templates));
            }
        }
        return nets;
    }

    /** The trials of the next round: {@code refinement}'s new g values for every net, each copying the net's best-g trials. */
    public static List<TrialSpec> nextTrials(List<TrialResult> results, Refinement refinement, double trainedBelow) {
        List<TrialSpec> next = new ArrayList<>();
        for (Net net : of(results, trainedBelow)) {
            for (double g : refinement.place(net.group())) {
                for (TrialSpec t : net.templates()) next.add(Refinement.withG(t, g));
            }
        }
        return next;
    }

    /**
     * One line per net: the g values run, the best g, and each band edge as the interval that
     * brackets it (the last g tied with the best and its untied neighbour; "beyond" when the band
     * reaches the end of the g values run). What {@code run} prints after a refinement.
     */
    public static String table(List<Net> nets, Refinement refinement) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-28s %5s %5s %8s %-17s %-17s %s%n", "net", "depth", "g run", "best g",
                "low edge in", "high edge in", "located to " + NumberText.plain(refinement.tolerance())));
        for (Net n : nets) {
            double[] gs = n.group().gs();
            int low = indexOf(gs, n.group().low()), high = indexOf(gs, n.group().high());
            String lowEdge = low == 0 ? "below " + NumberText.compact(gs[0]) : bracket(gs[low - 1], gs[low]);
            String highEdge = high == gs.length - 1 ? "above " + NumberText.compact(gs[high]) : bracket(gs[high], gs[high + 1]);
            b.append(String.format(Locale.ROOT, "%-28s %5d %5d %8s %-17s %-17s %s%n", n.label(), n.depth(), gs.length,
                    NumberText.compact(n.group().best()), lowEdge, highEdge, refinement.located(n.group()) ? "yes" : "no"));
        }
        return b.toString();
    }

    private static String bracket(double a, double b) {
        return NumberText.compact(a) + ".." + NumberText.compact(b);
    }

    private static int indexOf(double[] gs, double g) {
        for (int i = 0; i < gs.length; i++) if (gs[i] == g) return i;
        throw new IllegalArgumentException(g + " not run");
    }

}
