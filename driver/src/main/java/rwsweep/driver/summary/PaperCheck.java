package rwsweep.driver.summary;

import rwsweep.driver.sweep.NumberText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import rwsweep.driver.summary.PanelResults.Best;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.Activation;
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
 * Every claim is about which g trains, so a depth at which no g trained — no Figure 3 cell's
 * median below the threshold — says nothing about any of them: the training was too short for
 * that depth whatever g, and the lowest of the untrained errors is not a best g. Such a depth is
 * "unknown", with its lowest error. "The best g" is every g tied with the lowest cell
 * ({@link PanelResults#tied}: within the seed spread, or {@value PanelResults#TIE_EXAMPLES}
 * training examples), not the one g whose median happens to be lowest.
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

    /** Which way one depth (or one setting) of a panel points for a claim. */
    public enum Side {
        AGAINST("against"), FOR("for"), UNKNOWN("unknown");

        private final String text;

        Side(String text) { this.text = text; }

        @Override
        public String toString() { return text; }
    }

    /** One depth's (or setting's) numbers for a claim. */
    public record Item(Side side, String text) { }

    /**
     * One claim checked on one panel (or on the whole sweep when no panel speaks to it): the
     * verdict, the numbers behind it, and {@code note} saying why when there are none.
     */
    public record Finding(int claim, String panel, Verdict verdict, List<Item> items, String note) {
        public Finding {
            items = List.copyOf(items);
        }

        /** One line: "against: …; … | for: … | unknown: …", or the note. */
        public String evidence() {
            if (items.isEmpty()) return note;
            List<String> parts = new ArrayList<>();
            for (Side side : Side.values()) {
                List<String> texts = items.stream().filter(i -> i.side() == side).map(Item::text).toList();
                if (!texts.isEmpty()) parts.add(side + ": " + String.join("; ", texts));
            }
            return String.join(" | ", parts);
        }

        /** One item a line ("for: D=32 …"), against first; the note when there are none. */
        public List<String> lines() {
            if (items.isEmpty()) return List.of(note);
            List<String> out = new ArrayList<>();
            for (Side side : Side.values()) {
                for (Item i : items) if (i.side() == side) out.add(side + ": " + i.text());
            }
            return out;
        }
    }

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
                .filter(p -> p.panel().init().isPaperScheme() && p.gs().size() >= 2).toList();
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

    /** True when the results contradict a claim: some finding disagrees. */
    public boolean contradicted() {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.DISAGREE);
    }

    private String title() {
        return "Check against the paper (trained: min training error < " + NumberText.compact(trainedBelow)
                + "; tied: errors within the seed spread or " + PanelResults.TIE_EXAMPLES + " training examples)";
    }

    /** The findings as a table for the report: claim, panel, verdict, numbers. */
    public Table table() {
        Table t = new Table("paper-check", title(), List.of("claim", "panel", "verdict", "evidence"));
        for (Finding f : findings) {
            t.add(List.of(f.claim() + ". " + CLAIMS[f.claim()], f.panel(), f.verdict().toString(), f.evidence()));
        }
        return t;
    }

    /** Characters of the claim column of {@link #text()} before it wraps. */
    private static final int CLAIM_WIDTH = 44;

    /**
     * The findings as plain aligned text for a terminal: one row per claim and panel — the claim
     * (wrapped, its panel in brackets below it), the verdict, and the evidence one item a line.
     */
    public String text() {
        List<List<String>> claims = new ArrayList<>();
        int claimWidth = "claim".length(), verdictWidth = "verdict".length();
        for (Finding f : findings) {
            List<String> c = wrap(f.claim() + ". " + CLAIMS[f.claim()], CLAIM_WIDTH, "   ");
            if (!f.panel().isEmpty()) c.addAll(wrap("[" + f.panel() + "]", CLAIM_WIDTH, "   ").stream().map(l -> "   " + l.strip()).toList());
            for (String l : c) claimWidth = Math.max(claimWidth, width(l));
            verdictWidth = Math.max(verdictWidth, width(f.verdict().toString()));
            claims.add(c);
        }
        StringBuilder b = new StringBuilder(title()).append("\n\n");
        row(b, "claim", claimWidth, "verdict", verdictWidth, "evidence");
        row(b, "-".repeat(claimWidth), claimWidth, "-".repeat(verdictWidth), verdictWidth, "-".repeat("evidence".length()));
        for (int i = 0; i < findings.size(); i++) {
            if (i > 0) b.append('\n');
            List<String> c = claims.get(i), e = findings.get(i).lines();
            for (int line = 0; line < Math.max(c.size(), e.size()); line++) {
                row(b, line < c.size() ? c.get(line) : "", claimWidth,
                        line == 0 ? findings.get(i).verdict().toString() : "", verdictWidth, line < e.size() ? e.get(line) : "");
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String claim, int claimWidth, String verdict, int verdictWidth, String evidence) {
        String line = pad(claim, claimWidth) + "  " + pad(verdict, verdictWidth) + "  " + evidence;
        b.append(line.stripTrailing()).append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    /** Terminal columns of a string: one per code point (the claims' symbols are all narrow). */
    private static int width(String s) {
        return s.codePointCount(0, s.length());
    }

    /**
     * Words of {@code text} in lines of at most {@code width} columns, continuation lines indented;
     * "D ≥ 32" and "≤ 0.5" stay on one line.
     */
    static List<String> wrap(String text, int width, String indent) {
        String glued = text.replace("D ≥ ", "D\u00a0≥\u00a0").replace("≤ ", "≤\u00a0").replace("≥ ", "≥\u00a0");
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : glued.split(" ")) {
            String prefix = lines.isEmpty() ? "" : indent;
            if (line.length() > 0 && width(prefix) + width(line.toString()) + 1 + width(word) > width) {
                lines.add(prefix + line);
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add((lines.isEmpty() ? "" : indent) + line);
        return lines.stream().map(l -> l.replace('\u00a0', ' ')).collect(Collectors.toCollection(ArrayList::new));
    }

    /** Claims 1 and 2: the best g at D ≥ 32 against the prediction for f. */
    private void bestG(int claim, List<PanelResults> paper, Activation f) {
        List<PanelResults> mine = paper.stream().filter(p -> p.panel().activation() == f).toList();
        if (mine.isEmpty()) {
            add(claim, "", Verdict.NOT_ENOUGH_DATA, List.of(), "no " + TrialField.spelling(f) + " sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : mine) {
            List<Item> items = new ArrayList<>();
            for (int d : p.depths()) {
                if (d < DEEP) continue;
                Optional<Best> best = p.best(d);
                OptionalInt width = p.constantWidth(d);
                if (best.isEmpty() || width.isEmpty()) {
                    items.add(unknown("D=" + d + ": " + (best.isEmpty() ? "no error" : "width not constant")));
                    continue;
                }
                Optional<String> untrained = noGTrained(p, d);
                if (untrained.isPresent()) {
                    items.add(unknown(untrained.get()));
                    continue;
                }
                List<Double> tied = p.bestGs(d);
                PredictedG predicted = PredictedG.of(f, width.getAsInt());
                double low = tied.get(0), high = tied.get(tied.size() - 1);
                double distance = predicted.distance(low, high);
                double step = p.gridStepAround(predicted.centre());
                String numbers = "D=" + d + " N=" + width.getAsInt() + ": best g " + Tables.range(low, high)
                        + " (error " + NumberText.compact(best.get().error()) + " [" + best.get().replicates().trainedLabel() + "]) vs "
                        + predicted.label();
                if (f == Activation.TANH) {
                    if (!gridMeets(p, predicted.low(), predicted.high())) {
                        items.add(unknown(numbers + ", but no grid g lies in the band"));
                    } else {
                        items.add(new Item(distance == 0 ? Side.FOR : Side.AGAINST,
                                numbers + (distance == 0 ? "" : ", off by " + NumberText.compact(distance))));
                    }
                } else {
                    String near = ", distance " + NumberText.compact(distance) + (distance <= step ? " ≤ " : " > ")
                            + "grid step " + NumberText.compact(step);
                    items.add(new Item(distance <= step ? Side.FOR : Side.AGAINST, numbers + near));
                }
            }
            verdict(claim, p, items, "no depth ≥ " + DEEP + " (depths " + p.depths() + ")");
        }
    }

    /** Claim 3: the good g trains at every depth. */
    private void goodGTrains(List<PanelResults> paper) {
        if (paper.isEmpty()) {
            add(3, "", Verdict.NOT_ENOUGH_DATA, List.of(), "no sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : paper) {
            List<Item> items = new ArrayList<>();
            for (int d : p.depths()) {
                OptionalInt width = p.constantWidth(d);
                if (width.isEmpty()) {
                    items.add(unknown("D=" + d + ": width not constant"));
                    continue;
                }
                Optional<PredictedG> prediction = PredictedG.forNet(p.panel().activation(), width.getAsInt());
                if (prediction.isEmpty()) {
                    items.add(unknown("D=" + d + ": the paper predicts no g for " + TrialField.spelling(p.panel().activation())));
                    continue;
                }
                PredictedG predicted = prediction.get();
                double step = p.gridStepAround(predicted.centre());
                Best best = null;
                for (double g : p.gs()) {
                    if (predicted.distance(g, g) > (p.panel().activation() == Activation.TANH ? 0 : step)) continue;
                    Optional<Best> cell = p.bestOverPairs(g, d);
                    if (cell.isPresent() && (best == null || cell.get().error() < best.error())) best = cell.get();
                }
                if (best == null) {
                    items.add(unknown("D=" + d + ": no grid g near " + predicted.label()));
                    continue;
                }
                // Nothing trained at this depth, at any g: the training budget, not g, decided it.
                Optional<String> untrained = noGTrained(p, d);
                if (untrained.isPresent()) {
                    items.add(unknown(untrained.get()));
                    continue;
                }
                String numbers = "D=" + d + ": " + NumberText.compact(best.error()) + " at g=" + NumberText.compact(best.setting().g())
                        + " λ " + best.setting().pair().label() + " [" + best.replicates().trainedLabel() + "]";
                items.add(new Item(best.error() < trainedBelow ? Side.FOR : Side.AGAINST, numbers));
            }
            verdict(3, p, items, "no depth with a good g");
        }
    }

    /** Claim 4: far-off g does not train deep nets. */
    private void farGDoesNotTrain(List<PanelResults> paper) {
        if (paper.isEmpty()) {
            add(4, "", Verdict.NOT_ENOUGH_DATA, List.of(), "no sweep over g with Gaussian init");
            return;
        }
        for (PanelResults p : paper) {
            List<Item> items = new ArrayList<>();
            for (int d : p.depths()) {
                if (d < DEEP) continue;
                List<Double> far = p.gs().stream().filter(g -> g <= FAR_LOW || g >= FAR_HIGH).toList();
                if (far.isEmpty()) continue;
                // That far-off g fails where every g fails shows nothing about g.
                Optional<String> untrained = noGTrained(p, d);
                if (untrained.isPresent()) {
                    items.add(unknown(untrained.get()));
                    continue;
                }
                for (double g : far) {
                    Optional<Best> cell = p.bestOverPairs(g, d);
                    if (cell.isEmpty()) {
                        items.add(unknown("D=" + d + " g=" + NumberText.compact(g) + ": no error"));
                        continue;
                    }
                    String numbers = "D=" + d + " g=" + NumberText.compact(g) + ": " + NumberText.compact(cell.get().error())
                            + " [" + cell.get().replicates().trainedLabel() + "]";
                    items.add(new Item(cell.get().error() >= trainedBelow ? Side.FOR : Side.AGAINST, numbers));
                }
            }
            verdict(4, p, items, "no g ≤ " + FAR_LOW + " or ≥ " + FAR_HIGH + " at D ≥ " + DEEP);
        }
    }

    /**
     * "D=64: no g trained (lowest error 0.4065 at g=1.26 [0/2])" when no Figure 3 cell at depth D
     * has a median below the threshold; empty when one has (or D has no error at all).
     */
    private Optional<String> noGTrained(PanelResults p, int depth) {
        Optional<Best> best = p.best(depth);
        if (best.isEmpty() || best.get().error() < trainedBelow) return Optional.empty();
        return Optional.of("D=" + depth + ": no g trained (lowest error " + NumberText.compact(best.get().error()) + " at g="
                + NumberText.compact(best.get().setting().g()) + " [" + best.get().replicates().trainedLabel() + "])");
    }

    private static Item unknown(String text) {
        return new Item(Side.UNKNOWN, text);
    }

    private static boolean gridMeets(PanelResults p, double low, double high) {
        return p.gs().stream().anyMatch(g -> g >= low && g <= high);
    }

    /** Disagree when any depth disagrees, agree when some agree and none disagree, else not enough data. */
    private void verdict(int claim, PanelResults p, List<Item> items, String whenNothing) {
        boolean against = items.stream().anyMatch(i -> i.side() == Side.AGAINST);
        boolean support = items.stream().anyMatch(i -> i.side() == Side.FOR);
        Verdict v = against ? Verdict.DISAGREE : support ? Verdict.AGREE : Verdict.NOT_ENOUGH_DATA;
        add(claim, p.label(), v, items, whenNothing);
    }

    private void add(int claim, String panel, Verdict verdict, List<Item> items, String note) {
        findings.add(new Finding(claim, panel, verdict, items, note));
    }
}
