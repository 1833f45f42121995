package rwsweep.driver.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import rwsweep.worker.init.InitScheme;

/**
 * One value of the init axis: a scheme and, for fractional_moment, its s and leaky-ReLU slope a
 * (paper.md, "Related schemes"). A sweep file writes {@code init: he}, or
 * {@code init: {scheme: fractional_moment, s: [0.5, 1.0], leaky_slope: 0.1}}, where lists of s
 * or a expand to one value each.
 */
public final class InitChoice {
    /** s = 2 is the fan-in / He limit of the fractional-moment variance, TrialSpec's default: other schemes carry it unchanged. */
    private static final double S_UNUSED = 2.0;
    /** s of fractional_moment when the file gives none: halfway into (0, 2], away from the He limit. */
    static final double DEFAULT_S = 1.0;

    private final InitScheme scheme;
    private final double s;
    private final double leakySlope;

    private InitChoice(InitScheme scheme, double s, double leakySlope) {
        this.scheme = scheme;
        this.s = s;
        this.leakySlope = leakySlope;
    }

    /** A scheme without parameters (any but fractional_moment, which gets the default s and a = 0). */
    public static InitChoice of(InitScheme scheme) {
        return scheme == InitScheme.FRACTIONAL_MOMENT ? fractionalMoment(DEFAULT_S, 0.0) : new InitChoice(scheme, S_UNUSED, 0.0);
    }

    public static InitChoice fractionalMoment(double s, double leakySlope) {
        return new InitChoice(InitScheme.FRACTIONAL_MOMENT, s, leakySlope);
    }

    public InitScheme scheme() { return scheme; }
    public double s() { return s; }
    public double leakySlope() { return leakySlope; }

    /** The scheme as a sweep file names it, e.g. {@code random_walk}. */
    public static String name(InitScheme scheme) { return scheme.name().toLowerCase(Locale.ROOT); }

    /** Every value of one init axis entry: a name, or a map whose s and leaky_slope may be lists. */
    static List<InitChoice> parse(YamlValue n) {
        SweepKey p = SweepKey.INIT;
        List<String> names = new ArrayList<>();
        for (InitScheme scheme : InitScheme.values()) names.add(name(scheme));
        if (n.isText()) return List.of(of(InitScheme.valueOf(n.choice(p, names).toUpperCase(Locale.ROOT))));
        if (!n.isMap()) throw n.error(p, "got " + n.describe());
        n.requireKnownKeys(List.of("scheme", SweepKey.INIT_S.localKey(), SweepKey.INIT_LEAKY_SLOPE.localKey()));
        YamlValue schemeNode = n.get("scheme");
        if (schemeNode == null) throw n.error(p, "got a map without 'scheme'");
        InitScheme scheme = InitScheme.valueOf(schemeNode.choice(p, names).toUpperCase(Locale.ROOT));
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
            double v = item.number(SweepKey.INIT_S);
            if (!(v > 0 && v <= 2)) throw item.error(SweepKey.INIT_S, "got " + NumberText.plain(v));
            ss.add(v);
        }
        if (ss.isEmpty()) ss.add(DEFAULT_S);
        List<Double> slopes = new ArrayList<>();
        for (YamlValue item : slopeNode == null ? List.<YamlValue>of() : slopeNode.items(SweepKey.INIT_LEAKY_SLOPE)) {
            double v = item.number(SweepKey.INIT_LEAKY_SLOPE);
            if (!(v >= 0 && v < 1)) throw item.error(SweepKey.INIT_LEAKY_SLOPE, "got " + NumberText.plain(v));
            slopes.add(v);
        }
        if (slopes.isEmpty()) slopes.add(0.0);
        List<InitChoice> choices = new ArrayList<>();
        for (double s : ss) for (double a : slopes) choices.add(fractionalMoment(s, a));
        return choices;
    }

    /** Short label for plan tables: {@code he}, {@code fractional_moment(s=1,a=0.1)}. */
    public String label() {
        if (scheme != InitScheme.FRACTIONAL_MOMENT) return name(scheme);
        return "fractional_moment(s=" + NumberText.plain(s) + (leakySlope == 0 ? "" : ",a=" + NumberText.plain(leakySlope)) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitChoice other && scheme == other.scheme && s == other.s && leakySlope == other.leakySlope;
    }

    @Override
    public int hashCode() { return Objects.hash(scheme, s, leakySlope); }

    @Override
    public String toString() { return label(); }
}
