package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;

/**
 * The trials one Figure 3 panel may compare: the same task, nonlinearity, init scheme and every
 * other spec field, differing only along the summary's axes — g, depth D, (λin, λout) and the
 * seed. Fields that follow from the depth (layer sizes, code layer, dMax) are axes too, except that
 * a sweep given widths directly (no p_lim) keeps a classifier's width N, or an auto-encoder's code
 * size, in the panel.
 *
 * <p>Every spec field's role here is its {@link TrialField#role()}: an axis, a panel field (task,
 * nonlinearity and init are the record's own, every other one is in {@link #others()} under its
 * column name), or a gain ({@link TrialField.Role#GAIN}). So a field added to TrialSpec is a panel
 * key or an axis by its declaration, never averaged over as if it were a seed by omission. The
 * grouping reads the specs' values, never the text a key is hashed from.
 *
 * <p>The gains of layer 1 and layer D (g_in, g_out: the input and output scaling the paper sets
 * apart from g) are either tied to g — the sweep file's default — or fixed by the user. The stored spec holds only their values, so
 * the grouping reads the user's choice from the trials themselves ({@link #group}): a gain equal
 * to g on every trial of a panel is tied to g; one with a single value over the panel is fixed at
 * it (so g_out: 1 is one panel whatever g is, its g = 1 row included); a gain that takes several
 * values makes one panel per value it takes where it differs from g, and a trial whose gain equals
 * its g joins the panel fixed at that value as well as, when the sweep also ties the gain to g,
 * the tied panel: such a trial has one spec, hence one key, whichever way the user asked for it.
 */
public record Panel(Task task, Activation activation, InitScheme init, Map<String, String> others) {
    /** The panel fields that are the record's own components, named in every label. */
    static final List<TrialField<?>> OWN = List.of(TrialField.TASK, TrialField.ACTIVATION, TrialField.INIT);

    /** The other panel fields: equal within a panel, in {@link #others()} under their column names, values in full. */
    static final List<TrialField<?>> FIELDS = TrialField.ALL.stream()
            .filter(f -> f.role() == TrialField.Role.PANEL && !OWN.contains(f)).toList();

    /** The gains that may be tied to g or fixed: the value "g" in {@link #others()} means tied. */
    static final List<TrialField<?>> GAINS = TrialField.ALL.stream().filter(f -> f.role() == TrialField.Role.GAIN).toList();

    /** The value of a gain tied to g. */
    static final String TIED = "g";

    private static double gainOf(TrialField<?> gain, TrialSpec spec) {
        return (Double) gain.get(spec);
    }

    public Panel {
        others = Map.copyOf(others);
    }

    /**
     * The trials split into panels, in {@link #ORDER}; within a panel, trials in the order given.
     * A trial sits in two panels when its gain equals its g and the sweep both fixes that gain at
     * this value and ties it to g (see the class comment).
     */
    static Map<Panel, List<TrialResult>> group(List<TrialResult> results) {
        // First every field but the gains: the candidates, within which the gains' roles are read.
        Map<Panel, List<TrialResult>> candidates = new LinkedHashMap<>();
        for (TrialResult r : results) candidates.computeIfAbsent(withoutGains(r.spec()), k -> new ArrayList<>()).add(r);
        Map<Panel, List<TrialResult>> panels = new TreeMap<>(ORDER);
        for (Map.Entry<Panel, List<TrialResult>> c : candidates.entrySet()) {
            List<GainRoles> roles = new ArrayList<>();
            for (TrialField<?> gain : GAINS) roles.add(GainRoles.of(c.getValue(), gain));
            for (TrialResult r : c.getValue()) {
                Panel p = c.getKey();
                for (Map<String, String> gains : gainKeys(roles, 0, r.spec())) {
                    Map<String, String> others = new LinkedHashMap<>(p.others());
                    others.putAll(gains);
                    panels.computeIfAbsent(new Panel(p.task(), p.activation(), p.init(), others), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return panels;
    }

    /** Every combination of the panel values of the gains from {@code i} on that one trial belongs to. */
    private static List<Map<String, String>> gainKeys(List<GainRoles> roles, int i, TrialSpec spec) {
        if (i == roles.size()) return List.of(Map.of());
        List<Map<String, String>> out = new ArrayList<>();
        for (String key : roles.get(i).keys(spec)) {
            for (Map<String, String> rest : gainKeys(roles, i + 1, spec)) {
                Map<String, String> m = new LinkedHashMap<>(rest);
                m.put(roles.get(i).gain().column(), key);
                out.add(m);
            }
        }
        return out;
    }

    /** How one gain column of a panel candidate was asked for: tied to g, fixed at values, or both. */
    private record GainRoles(TrialField<?> gain, boolean tied, Set<Double> fixed) {
        static GainRoles of(List<TrialResult> trials, TrialField<?> gain) {
            Set<Double> values = new TreeSet<>(), differing = new TreeSet<>();
            for (TrialResult r : trials) {
                double v = gainOf(gain, r.spec());
                values.add(v);
                if (v != r.spec().g()) differing.add(v);
            }
            if (differing.isEmpty()) return new GainRoles(gain, true, Set.of());     // = g on every trial
            if (values.size() == 1) return new GainRoles(gain, false, values);       // one value: fixed there
            boolean tied = false;  // tied too when a trial's gain equals its g at a value no fixed panel has
            for (TrialResult r : trials) {
                double v = gainOf(gain, r.spec());
                if (v == r.spec().g() && !differing.contains(v)) tied = true;
            }
            return new GainRoles(gain, tied, differing);
        }

        /** The panel values of this gain one trial belongs to: "g" (tied) and/or its value (fixed). */
        List<String> keys(TrialSpec spec) {
            double v = gainOf(gain, spec);
            List<String> keys = new ArrayList<>(2);
            if (tied && v == spec.g()) keys.add(TIED);
            if (fixed.contains(v)) keys.add(Double.toString(v));
            return keys;
        }
    }

    /** A trial's panel candidate: every field but the axes and the two gains. */
    private static Panel withoutGains(TrialSpec spec) {
        Map<String, String> others = new LinkedHashMap<>();
        for (TrialField<?> f : FIELDS) others.put(f.column(), f.text(f.get(spec)));
        if (spec.parameterLimit() == 0) {
            // Widths given directly: a classifier's constant N, an auto-encoder's code size (its other
            // layer sizes change with the depth) are fixed by the sweep, not by the depth axis.
            if (spec.task() == Task.CLASSIFY) others.put("N", Integer.toString(spec.width()));
            else if (spec.depth() > 1) others.put("codeSize", Integer.toString(spec.sizes()[spec.codeLayer()]));
        }
        return new Panel(spec.task(), spec.activation(), spec.init(), others);
    }

    /** Orders panels by task, nonlinearity, scheme, then the other fields. */
    public static final Comparator<Panel> ORDER = Comparator.comparing(Panel::task)
            .thenComparing(Panel::activation).thenComparing(Panel::init)
            .thenComparing(p -> new TreeMap<>(p.others()).toString());

    /** "tanh, gaussian, classify" and any other field whose value differs among {@code all}. */
    public String label(Collection<Panel> all) {
        StringBuilder b = new StringBuilder(TrialField.spelling(activation)).append(", ").append(TrialField.spelling(init))
                .append(", ").append(TrialField.spelling(task));
        for (String field : distinguishing(all)) b.append(", ").append(field).append("=").append(others.getOrDefault(field, "-"));
        return b.toString();
    }

    /** A file-name stem unique among {@code all}: "tanh-gaussian-classify", plus distinguishing fields. */
    public String slug(Collection<Panel> all) {
        return label(all).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Names of the non-axis fields whose values differ among the panels, in name order. */
    static List<String> distinguishing(Collection<Panel> all) {
        Set<String> names = new TreeSet<>();
        for (Panel p : all) names.addAll(p.others().keySet());
        List<String> differing = new ArrayList<>();
        for (String name : names) {
            Set<String> values = new TreeSet<>();
            for (Panel p : all) values.add(p.others().getOrDefault(name, "-"));
            if (values.size() > 1) differing.add(name);
        }
        return differing;
    }
}
