package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.TrialField;

/**
 * One value of the init axis: a scheme, for fractional_moment its s and leaky-ReLU slope a
 * (paper.md, "Related schemes"), and the gains a trial of it gets when the file gives no g. A
 * sweep file writes {@code init: he}, or
 * {@code init: {scheme: fractional_moment, s: [0.5, 1.0], leaky_slope: 0.1}}, where lists of s
 * or a expand to one value each.
 *
 * <p><b>random_walk is the paper's scheme at the paper's g</b>, and this is the one place that
 * says so: gaussian weights, W ~ g·N(0, 1/fan_in), with g = each net's critical g unless the file
 * gives g. Its trials are gaussian trials — one key, one stored result, one panel for the same
 * weights — that record which critical g they got.
 *
 * @param scheme     the scheme the trial's weights are drawn by
 * @param s          the fractional moment s (every other scheme carries TrialSpec's default, unused)
 * @param leakySlope the leaky-ReLU slope a of the fractional-moment variance
 * @param name       how the sweep file names the choice ({@code random_walk}, {@code he})
 * @param criticalByDefault whether a trial of this choice gets the critical g when the file gives no g
 */
public record InitChoice(InitScheme scheme, double s, double leakySlope, String name, boolean criticalByDefault) {
    /** s of fractional_moment when the file gives none: halfway into (0, 2], away from the He limit. */
    static final double DEFAULT_S = 1.0;
    /** The s every other scheme carries: TrialSpec's default, the fan-in / He limit of the variance. */
    private static final double S_UNUSED = TrialField.FRACTIONAL_S.defaultValue().orElseThrow();
    private static final double SLOPE_DEFAULT = TrialField.LEAKY_SLOPE.defaultValue().orElseThrow();

    /** The sweep file's random_walk: gaussian at each net's critical g (see the class comment); the default init. */
    public static final InitChoice RANDOM_WALK = new InitChoice(InitScheme.GAUSSIAN, S_UNUSED, SLOPE_DEFAULT, "random_walk", true);

    /**
     * The choice a sweep file names by the scheme's own name: any scheme, fractional_moment with the
     * default s and a = 0, and {@link InitScheme#RANDOM_WALK} the {@link #RANDOM_WALK} choice.
     */
    public static InitChoice of(InitScheme scheme) {
        return switch (scheme) {
            case RANDOM_WALK -> RANDOM_WALK;
            case FRACTIONAL_MOMENT -> fractionalMoment(DEFAULT_S, SLOPE_DEFAULT);
            case GAUSSIAN, GLOROT, HE, ORTHOGONAL, PARAMETER_SHARING -> new InitChoice(scheme, S_UNUSED, SLOPE_DEFAULT, name(scheme), false);
        };
    }

    public static InitChoice fractionalMoment(double s, double leakySlope) {
        return new InitChoice(InitScheme.FRACTIONAL_MOMENT, s, leakySlope, name(InitScheme.FRACTIONAL_MOMENT), false);
    }

    /** The gains of a trial whose file gives no g: the critical g (factor 1), or gain 1, each scheme's published scale. */
    GainValues defaultGains() {
        return criticalByDefault ? GainValues.critical(1.0) : GainValues.explicit(TrialField.G.defaultValue().orElseThrow());
    }

    /** The scheme as a sweep file, the tables and the store name it, e.g. {@code orthogonal}. */
    public static String name(InitScheme scheme) { return TrialField.spelling(scheme); }

    /** Every value of one init axis entry: a name, or a map whose s and leaky_slope may be lists. */
    static List<InitChoice> parse(YamlValue n) {
        SweepKey p = SweepKey.INIT;
        List<String> names = TrialField.INIT.choiceNames();
        if (n.isText()) return List.of(of(TrialField.INIT.choice(n.choice(p, names)).orElseThrow()));
        if (!n.isMap()) throw n.error(p, "got " + n.describe());
        n.requireKnownKeys(List.of("scheme", SweepKey.INIT_S.localKey(), SweepKey.INIT_LEAKY_SLOPE.localKey()));
        YamlValue schemeNode = n.get("scheme");
        if (schemeNode == null) throw n.error(p, "got a map without 'scheme'");
        InitScheme scheme = TrialField.INIT.choice(schemeNode.choice(p, names)).orElseThrow();
        YamlValue sNode = n.get(SweepKey.INIT_S.localKey());
        YamlValue slopeNode = n.get(SweepKey.INIT_LEAKY_SLOPE.localKey());
        if (scheme != InitScheme.FRACTIONAL_MOMENT) {
            YamlValue stray = sNode != null ? sNode : slopeNode;
            if (stray != null) {
                SweepKey q = sNode != null ? SweepKey.INIT_S : SweepKey.INIT_LEAKY_SLOPE;
                throw stray.error(q, "given for scheme " + name(scheme));
            }
            return List.of(of(scheme));
        }
        List<Double> ss = new ArrayList<>();
        for (YamlValue item : sNode == null ? List.<YamlValue>of() : sNode.items(SweepKey.INIT_S)) {
            ss.add(GridAxes.value(item, TrialField.FRACTIONAL_S, SweepKey.INIT_S));
        }
        if (ss.isEmpty()) ss.add(DEFAULT_S);
        List<Double> slopes = new ArrayList<>();
        for (YamlValue item : slopeNode == null ? List.<YamlValue>of() : slopeNode.items(SweepKey.INIT_LEAKY_SLOPE)) {
            slopes.add(GridAxes.value(item, TrialField.LEAKY_SLOPE, SweepKey.INIT_LEAKY_SLOPE));
        }
        if (slopes.isEmpty()) slopes.add(SLOPE_DEFAULT);
        List<InitChoice> choices = new ArrayList<>();
        for (double s : ss) for (double a : slopes) choices.add(fractionalMoment(s, a));
        return choices;
    }

    /** Short label for plan tables and messages: {@code he}, {@code random_walk}, {@code fractional_moment(s=1,a=0.1)}. */
    public String label() {
        if (scheme != InitScheme.FRACTIONAL_MOMENT) return name;
        return "fractional_moment(s=" + NumberText.plain(s) + (leakySlope == 0 ? "" : ",a=" + NumberText.plain(leakySlope)) + ")";
    }

    /** The label of a trial's init as plan tables show it. */
    public static String label(InitScheme scheme, double s, double leakySlope) {
        return scheme == InitScheme.FRACTIONAL_MOMENT ? fractionalMoment(s, leakySlope).label() : name(scheme);
    }

    @Override
    public String toString() { return label(); }
}
