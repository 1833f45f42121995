package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.TrialResult;

/**
 * The sweep's results against the paper's claims (paper.md, "Training protocol", results), one
 * finding per claim and panel: agree, disagree or not enough data, with the numbers. Only panels
 * with the paper's own scheme (Gaussian init, g varied) speak to the claims.
 * <ol>
 *   <li>tanh: at every depth D ≥ 32 the best g lies in 1.1–1.3 — the range of g tied for the
 *       lowest Figure 3 error meets the band;
 *   <li>ReLU: at every D ≥ 32 the best g lies near √2·exp(1.2/(N − 2.4)); "near" means within
 *       one grid step, the gap between the two grid g values around the prediction;
 *   <li>with a good g training error is near zero (below the "trained" threshold) at every depth,
 *       given matched learning rates: the minimum over pairs and over the good g — the g within one
 *       grid step of the prediction (tanh: in the band);
 *   <li>far-off g (g ≤ 0.5 or g ≥ 3) does not train at D ≥ 32: its Figure 3 cell stays at or above
 *       the threshold.
 * </ol>
 */
public final class PaperCheck {
    /** The depth from which the paper's claims about g are tested ("very deep"). */
    public static final int DEEP = 32;
    /** g at or below this is far off (the paper's nets do not train there when deep). */
    public static final double FAR_LOW = 0.5;
    /** g at or above this is far off. */
    public static final double FAR_HIGH = 3.0;

    public enum Verdict {
        AGREE("agree"), DISAGREE("disagree"), NOT_ENOUGH_DATA("not enough data");

        private final String text;

        Verdict(String text) { this.text = text; }

        @Override
        public String toString() { return text; }
    }

    /** One claim checked on one panel (or on the whole sweep when no panel speaks to it). */
    public record Finding(int claim, String panel, Verdict verdict, String evidence) { }

    static final String[] CLAIMS = {
        "",
        "best g for tanh lies in 1.1–1.3 at D ≥ " + DEEP,
        "best g for ReLU lies near √2·exp(1.2/(N−2.4)) at D ≥ " + DEEP,
        "with a good g, training error is near zero at every depth (best λ pair)",
        "far-off g (≤ " + FAR_LOW + " or ≥ " + FAR_HIGH + ") does not train at D ≥ " + DEEP,
    };

    private final List<Finding> findings = new ArrayList<>();
    private final double trainedBelow;

    private PaperCheck(List<PanelResults> panels, double trainedBelow) {
        this.trainedBelow = trainedBelow;
        List<PanelResults> paper = panels.stream()
                .filter(p -> p.panel().init() == InitScheme.GAUSSIAN && p.gs().size() >= 2).toList();
        bestG(1, paper, Activation.TANH);
        bestG(2, paper, Activation.RELU);
        goodGTrains(paper);
        farGDoesNotTrain(paper);
    }

    /** Checks every claim on {@code results}; a trial trained when its min error is below {@code trainedBelow}. */
    public static PaperCheck of(List<TrialResult> results, double trainedBelow) {
        return new PaperCheck(PanelResults.split(results, trainedBelow), trainedBelow);
    }

    static PaperCheck of(List<PanelResults> panels, SummaryOptions options) {
        return new PaperCheck(panels, options.trainedBelow());
    }

    public List<Finding> findings() { return List.copyOf(findings); }

    /** The findings as a table: claim, panel, verdict, numbers. Print {@code table().markdown()} on a console. */
    public Table table() {
        Table t = new Table("paper-check", "Check against the paper (trained: min training error < "
                + Table.number(trainedBelow) + ")", List.of("claim", "panel", "verdict", "evidence"));
        for (Finding f : findings) {
            t.add(List.of(f.claim() + ". " + CLAIMS[f.claim()], f.panel(), f.verdict().toString(), f.evidence()));
        }
        return t;
    }

    /** Claims 1 and 2: the best g at D ≥ 32 against the prediction for f. */
    private void bestG(int claim, List<PanelResults> paper, Activation f) {
        List<PanelResults> mine = paper.stream().filter(p -> p.panel().activation() == f).toList();
        if (mine.isEmpty()) {
            add(claim, "", Verdict.NOT_ENOUGH_DATA, "no " + Panel.lower(f) + " sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : mine) {
            List<String> agree = new ArrayList<>(), disagree = new ArrayList<>(), unknown = new ArrayList<>();
            for (int d : p.depths()) {
                if (d < DEEP) continue;
                List<Double> tied = p.bestGs(d);
                OptionalInt width = p.constantWidth(d);
                if (tied.isEmpty() || width.isEmpty()) {
                    unknown.add("D=" + d + ": " + (tied.isEmpty() ? "no error" : "width not constant"));
                    continue;
                }
                PredictedG predicted = PredictedG.of(f, width.getAsInt());
                double low = tied.get(0), high = tied.get(tied.size() - 1);
                double distance = predicted.distance(low, high);
                double step = p.gridStepAround(predicted.centre());
                String numbers = "D=" + d + " N=" + width.getAsInt() + ": best g " + Tables.range(low, high)
                        + " (error " + Table.number(p.best(d).orElseThrow().error()) + ") vs " + predicted.label();
                if (f == Activation.TANH) {
                    if (!gridMeets(p, predicted.low(), predicted.high())) {
                        unknown.add(numbers + ", but no grid g lies in the band");
                    } else {
                        (distance == 0 ? agree : disagree).add(numbers + (distance == 0 ? "" : ", off by " + Table.number(distance)));
                    }
                } else {
                    String near = ", distance " + Table.number(distance) + (distance <= step ? " ≤ " : " > ")
                            + "grid step " + Table.number(step);
                    (distance <= step ? agree : disagree).add(numbers + near);
                }
            }
            verdict(claim, p, agree, disagree, unknown, "no depth ≥ " + DEEP + " (depths " + p.depths() + ")");
        }
    }

    /** Claim 3: the good g trains at every depth. */
    private void goodGTrains(List<PanelResults> paper) {
        if (paper.isEmpty()) {
            add(3, "", Verdict.NOT_ENOUGH_DATA, "no sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : paper) {
            List<String> agree = new ArrayList<>(), disagree = new ArrayList<>(), unknown = new ArrayList<>();
            for (int d : p.depths()) {
                OptionalInt width = p.constantWidth(d);
                if (width.isEmpty()) {
                    unknown.add("D=" + d + ": width not constant");
                    continue;
                }
                PredictedG predicted = PredictedG.of(p.panel().activation(), width.getAsInt());
                double step = p.gridStepAround(predicted.centre());
                Best best = null;
                for (double g : p.gs()) {
                    if (predicted.distance(g, g) > (p.panel().activation() == Activation.TANH ? 0 : step)) continue;
                    Optional<Best> cell = p.bestOverPairs(g, d);
                    if (cell.isPresent() && (best == null || cell.get().error() < best.error())) best = cell.get();
                }
                if (best == null) {
                    unknown.add("D=" + d + ": no grid g near " + predicted.label());
                    continue;
                }
                String numbers = "D=" + d + ": " + Table.number(best.error()) + " at g=" + Table.number(best.setting().g())
                        + " λ " + best.setting().pair().label() + " [" + best.replicates().trainedLabel() + "]";
                (best.error() < trainedBelow ? agree : disagree).add(numbers);
            }
            verdict(3, p, agree, disagree, unknown, "no depth with a good g");
        }
    }

    /** Claim 4: far-off g does not train deep nets. */
    private void farGDoesNotTrain(List<PanelResults> paper) {
        if (paper.isEmpty()) {
            add(4, "", Verdict.NOT_ENOUGH_DATA, "no sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : paper) {
            List<String> agree = new ArrayList<>(), disagree = new ArrayList<>(), unknown = new ArrayList<>();
            for (int d : p.depths()) {
                if (d < DEEP) continue;
                for (double g : p.gs()) {
                    if (g > FAR_LOW && g < FAR_HIGH) continue;
                    Optional<Best> cell = p.bestOverPairs(g, d);
                    if (cell.isEmpty()) {
                        unknown.add("D=" + d + " g=" + Table.number(g) + ": no error");
                        continue;
                    }
                    String numbers = "D=" + d + " g=" + Table.number(g) + ": " + Table.number(cell.get().error())
                            + " [" + cell.get().replicates().trainedLabel() + "]";
                    (cell.get().error() >= trainedBelow ? agree : disagree).add(numbers);
                }
            }
            verdict(4, p, agree, disagree, unknown, "no g ≤ " + FAR_LOW + " or ≥ " + FAR_HIGH + " at D ≥ " + DEEP);
        }
    }

    private static boolean gridMeets(PanelResults p, double low, double high) {
        return p.gs().stream().anyMatch(g -> g >= low && g <= high);
    }

    /** Disagree when any depth disagrees, agree when some agree and none disagree, else not enough data. */
    private void verdict(int claim, PanelResults p, List<String> agree, List<String> disagree, List<String> unknown,
                         String whenNothing) {
        Verdict v = !disagree.isEmpty() ? Verdict.DISAGREE : !agree.isEmpty() ? Verdict.AGREE : Verdict.NOT_ENOUGH_DATA;
        List<String> parts = new ArrayList<>();
        if (!disagree.isEmpty()) parts.add("against: " + String.join("; ", disagree));
        if (!agree.isEmpty()) parts.add("for: " + String.join("; ", agree));
        if (!unknown.isEmpty()) parts.add("unknown: " + String.join("; ", unknown));
        add(claim, p.label(), v, parts.isEmpty() ? whenNothing : parts.stream().collect(Collectors.joining(" | ")));
    }

    private void add(int claim, String panel, Verdict verdict, String evidence) {
        findings.add(new Finding(claim, panel, verdict, evidence));
    }
}
