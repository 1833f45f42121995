package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rwsweep.driver.summary.SweepFixtures.handSpec;
import static rwsweep.driver.summary.SweepFixtures.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialField;
import rwsweep.worker.spec.TrialResult;
import rwsweep.worker.spec.TrialSpec;
import rwsweep.worker.spec.TrialStatus;

/** What one panel may compare: only the axes g, D, (λin, λout) and the seed vary inside it. */
class PanelTest {
    private static TrialResult ok(TrialSpec spec) {
        return result(spec, TrialStatus.OK, 0.9, 0.1);
    }

    private static List<Panel> panels(TrialSpec... specs) {
        List<TrialResult> results = new ArrayList<>();
        for (TrialSpec s : specs) results.add(ok(s));
        return new ArrayList<>(Panel.group(results).keySet());
    }

    @Test
    void axesStayInsideOnePanel() {
        TrialSpec a = handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1);
        TrialSpec b = handSpec(Activation.TANH, 2.0, 5, 16, 0.1, 0.1, 7);
        assertEquals(1, panels(a, b).size());
    }

    @Test
    void everyOtherFieldSeparatesPanelsAndNamesItself() {
        TrialSpec a = handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1);
        TrialSpec epochs = a.toBuilder().epochs(5).build();
        TrialSpec gIn = a.toBuilder().gIn(0.5).build();
        TrialSpec width = handSpec(Activation.TANH, 1.1, 3, 32, 0.01, 0.1, 1);
        for (TrialSpec other : List.of(epochs, gIn, width)) assertEquals(2, panels(a, other).size(), other.canonical());

        List<Panel> all = panels(a, epochs);
        assertEquals("tanh, gaussian, classify, epochs=2", all.get(0).label(all));
        assertEquals("tanh-gaussian-classify-epochs-5", all.get(1).slug(all));
        List<Panel> gains = panels(a, gIn);
        assertEquals(Set.of("tanh, gaussian, classify, gIn=0.5", "tanh, gaussian, classify, gIn=g"),
                Set.of(gains.get(0).label(gains), gains.get(1).label(gains)));
    }

    /**
     * Each name in TrialSpec.canonical() is a declared trial field, and every field has its role
     * here by its declaration: the panel's own task, f and init, another panel field, a gain, or an
     * axis. The panel fields are exactly the declared ones, so a field added to TrialSpec is grouped
     * by its declaration alone.
     */
    @Test
    void everySpecFieldHasARole() {
        Set<String> canonical = new TreeSet<>();
        for (String field : handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1).canonical().split(";")) {
            canonical.add(field.substring(0, field.indexOf('=')));
        }
        Set<String> declared = new TreeSet<>(List.of("v"));
        for (TrialField<?> f : TrialField.ALL) if (f.identity() == TrialField.Identity.ALWAYS) declared.add(f.name());
        assertEquals(declared, canonical, "at its defaults the canonical form lists the fields of NUMERICS_VERSION 2");
        Set<TrialField<?>> roles = new java.util.HashSet<>(Panel.OWN);
        roles.addAll(Panel.FIELDS);
        roles.addAll(Panel.GAINS);
        for (TrialField<?> f : TrialField.ALL) {
            assertEquals(f.role() != TrialField.Role.AXIS, roles.contains(f), f + ": a panel field, a gain or an axis");
        }
        assertEquals(List.of(TrialField.G_IN, TrialField.G_OUT), Panel.GAINS);
    }

    /** Another valid value of every panel field of handSpec, to show that it separates panels. */
    private static final Map<TrialField<?>, Object> OTHER = Map.of(TrialField.PARAMETER_LIMIT, 12_345L,
            TrialField.FRACTIONAL_S, 1.5, TrialField.LEAKY_SLOPE, 0.1, TrialField.EPOCHS, 5, TrialField.BATCH, 7,
            TrialField.EPOCH_DECAY, 0.9, TrialField.CLIP, 3.0, TrialField.DATA, "other", TrialField.TRAIN_SIZE, 123);

    /** Behaviour, not the list: a trial that differs in any one panel field (and only there) is in a panel of its own. */
    @Test
    void everyPanelFieldSeparatesPanels() {
        assertEquals(new java.util.HashSet<>(Panel.FIELDS), OTHER.keySet(), "a sample value for every panel field");
        TrialSpec a = handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1);
        for (Map.Entry<TrialField<?>, Object> e : OTHER.entrySet()) {
            TrialSpec.Builder b = a.toBuilder();
            e.getKey().set(b, e.getValue());
            TrialSpec other = b.build();
            List<Panel> all = panels(a, other);
            assertEquals(2, all.size(), e.getKey() + ": " + other.canonical());
            assertTrue(Panel.distinguishing(all).contains(e.getKey().column()), "the label names the field: " + Panel.distinguishing(all));
        }
        assertEquals(2, panels(a, a.toBuilder().activation(Activation.RELU).build()).size(), "f");
        assertEquals(2, panels(a, a.toBuilder().init(rwsweep.worker.init.InitScheme.HE).build()).size(), "init");
    }

    /**
     * g_out fixed at 1 over g ∈ {0.5, 1, 2}: the g = 1 trial has gOut = g, yet belongs to the one
     * gOut = 1 panel with the rest (issue: it used to make a panel of its own).
     */
    @Test
    void aGainFixedAtOneIsOnePanelEvenWhereGIsOne() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : new double[] {0.5, 1.0, 2.0}) r.add(ok(handSpec(Activation.TANH, g, 3, 16, 0.01, 0.1, 1).toBuilder().gOut(1.0).build()));
        Map<Panel, List<TrialResult>> panels = Panel.group(r);
        assertEquals(1, panels.size(), panels.keySet().toString());
        Map.Entry<Panel, List<TrialResult>> only = panels.entrySet().iterator().next();
        assertEquals("1.0", only.getKey().others().get("gOut"));
        assertEquals("g", only.getKey().others().get("gIn"));
        assertEquals(3, only.getValue().size());
    }

    /**
     * Two sweeps merged into one directory over g ∈ {0.5, 1, 2}: one ties g_out to g (the default),
     * the other fixes g_out at 1. Their g = 1 trials are one spec (one key, one stored result), which
     * belongs to both panels; each panel has every g.
     */
    @Test
    void aTrialAskedForBothWaysBelongsToBothPanels() {
        List<TrialResult> r = new ArrayList<>();
        for (double g : new double[] {0.5, 1.0, 2.0}) {
            TrialSpec tied = handSpec(Activation.TANH, g, 3, 16, 0.01, 0.1, 1);
            r.add(ok(tied));
            if (g != 1.0) r.add(ok(tied.toBuilder().gOut(1.0).build()));  // at g = 1 it is the same spec
        }
        Map<Panel, List<TrialResult>> panels = Panel.group(r);
        assertEquals(2, panels.size(), panels.keySet().toString());
        for (Map.Entry<Panel, List<TrialResult>> e : panels.entrySet()) {
            assertEquals(List.of(0.5, 1.0, 2.0), e.getValue().stream().map(t -> t.spec().g()).sorted().toList(), e.getKey().toString());
            for (TrialResult t : e.getValue()) {
                String gOut = e.getKey().others().get("gOut");
                assertTrue(gOut.equals("g") ? t.spec().gOut() == t.spec().g() : t.spec().gOut() == 1.0, t.spec().canonical());
            }
        }
    }

    /** g_out: [1, 2] over g ∈ {0.5, 1, 2}: two fixed panels of three g each, and no tied one. */
    @Test
    void aListOfFixedGainsIsOnePanelPerValue() {
        List<TrialResult> r = new ArrayList<>();
        for (double gOut : new double[] {1.0, 2.0}) {
            for (double g : new double[] {0.5, 1.0, 2.0}) r.add(ok(handSpec(Activation.TANH, g, 3, 16, 0.01, 0.1, 1).toBuilder().gOut(gOut).build()));
        }
        Map<Panel, List<TrialResult>> panels = Panel.group(r);
        assertEquals(List.of("1.0", "2.0"), panels.keySet().stream().map(p -> p.others().get("gOut")).sorted().toList());
        for (List<TrialResult> trials : panels.values()) assertEquals(3, trials.size());
    }
}
