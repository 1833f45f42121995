package rwsweep.driver.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;
import rwsweep.worker.spec.Task;
import rwsweep.worker.spec.TrialSpec;

/**
 * The trials one Figure 3 panel may compare: the same task, nonlinearity, init scheme and every
 * other spec field, differing only along the summary's axes — g, depth D, (λin, λout) and the
 * seed. Fields that follow from the depth (layer sizes, code layer, dMax) are axes too, except that
 * a sweep given widths directly (no p_lim) keeps a classifier's width N, or an auto-encoder's code
 * size, in the panel.
 *
 * <p>The panel is built from {@link TrialSpec#canonical()} minus the axes, so a spec field added
 * later separates panels by itself instead of being averaged over as if it were a seed.
 */
public record Panel(Task task, Activation activation, InitScheme init, Map<String, String> others) {
    /** canonical() fields that are axes of the summary, or follow from one (depth). */
    private static final Set<String> AXES = Set.of("g", "lambdaIn", "lambdaOut", "seed", "sizes", "code", "dMax",
            "task", "f", "init");

    public Panel {
        others = Map.copyOf(others);
    }

    /** The panel of one trial. */
    public static Panel of(TrialSpec spec) {
        Map<String, String> others = new LinkedHashMap<>();
        for (String field : spec.canonical().split(";")) {
            int eq = field.indexOf('=');
            String name = field.substring(0, eq);
            if (AXES.contains(name)) continue;
            String value = field.substring(eq + 1);
            // gIn and gOut usually follow g (TrialSpec.Builder.g sets all three): then they are part of the g axis.
            if (name.equals("gIn") && spec.gIn() == spec.g()) value = "g";
            if (name.equals("gOut") && spec.gOut() == spec.g()) value = "g";
            others.put(name, value);
        }
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
            .thenComparing(p -> new java.util.TreeMap<>(p.others()).toString());

    /** "tanh, gaussian, classify" and any other field whose value differs among {@code all}. */
    public String label(Collection<Panel> all) {
        StringBuilder b = new StringBuilder(lower(activation)).append(", ").append(lower(init)).append(", ").append(lower(task));
        for (String field : distinguishing(all)) b.append(", ").append(field).append("=").append(others.getOrDefault(field, "-"));
        return b.toString();
    }

    /** A file-name stem unique among {@code all}: "tanh-gaussian-classify", plus distinguishing fields. */
    public String slug(Collection<Panel> all) {
        return label(all).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }

    /** Names of the non-axis fields whose values differ among the panels, in canonical order. */
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

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
