package rwsweep.worker.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.init.InitScheme;

/** The one declaration of every trial field: consistent in itself, and the rule that keeps keys when a field is added. */
class TrialFieldTest {
    private static TrialSpec spec() {
        return TrialSpec.builder().sizes(784, 64, 64, 10).g(1.1).seed(3).data("0123456789abcdef", 1000).build();
    }

    @Test
    void everyDefaultPassesItsOwnCheckAndIsWhatTheBuilderStartsFrom() {
        TrialSpec defaults = TrialSpec.builder().sizes(784, 64, 64, 10).build();
        for (TrialField<?> f : TrialField.ALL) check(f, defaults);
        // the disagreeing copies of old: the builder and the sweep file now start from the same values
        assertEquals(InitScheme.GAUSSIAN, defaults.init(), "random_walk, the sweep file's default, is gaussian at the critical g");
        assertEquals(Activation.TANH, defaults.activation());
        assertEquals(10, defaults.epochs());
        assertEquals(100, defaults.batchSize());
        assertEquals(1L, defaults.seed());
        assertEquals(1.0, defaults.epochDecay());
        assertEquals(Double.POSITIVE_INFINITY, defaults.clipNorm());
        assertEquals(0.01, defaults.lambdaIn());
    }

    private static <T> void check(TrialField<T> f, TrialSpec defaults) {
        assertNotNull(f.role(), f + " has a role");
        assertFalse(f.allowed().isBlank(), f + " says what is allowed");
        assertFalse(f.description().isBlank(), f + " says what it does");
        if (f.defaultValue().isPresent()) {
            T v = f.defaultValue().get();
            assertTrue(f.accepts(v), f + ": its default " + f.text(v) + " fails its own check (" + f.allowed() + ")");
            assertTrue(f.atDefault(defaults), f + ": the builder starts from the declared default");
        }
        if (f.identity() == TrialField.Identity.UNLESS_DEFAULT) assertTrue(f.defaultValue().isPresent(), f + " needs a default to be left out");
        if (f.plainAxis()) assertTrue(f.singular().isPresent() && f.sweepKey().isPresent(), f + ": a plain axis has its sweep-file names");
        if (f.type() == TrialField.Type.CHOICE) assertFalse(f.choices().isEmpty(), f + " lists its choices");
    }

    @Test
    void namesAreUniqueInTheKeyTheColumnsAndTheSweepFile() {
        unique(TrialField.ALL.stream().map(TrialField::name).toList(), "canonical names");
        unique(TrialField.ALL.stream().map(TrialField::column).toList(), "column names");
        List<String> sweep = new ArrayList<>();
        for (TrialField<?> f : TrialField.ALL) {
            f.sweepKey().ifPresent(sweep::add);
            f.singular().filter(s -> !f.sweepKey().get().equals(s)).ifPresent(sweep::add);
        }
        unique(sweep, "sweep-file keys and singular names");
        for (TrialField<?> f : TrialField.ALL) assertEquals(Optional.of(f), TrialField.named(f.column()), f.column());
    }

    private static void unique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String n : names) assertTrue(seen.add(n), what + ": '" + n + "' twice");
    }

    /**
     * The rule that keeps every stored key: a field added later is left out of the canonical form
     * at its default and written when it differs. Shown with a field declared here as a later one
     * would be (a momentum term, default 0), over the real fields of today.
     */
    @Test
    void aFieldAddedLaterIsInTheKeyOnlyAwayFromItsDefault() {
        TrialSpec s = spec();
        TrialField<Double> atDefault = TrialField.number("momentum").byDefault(0.0).check(v -> v >= 0 && v < 1, "numbers in [0, 1)")
                .role(TrialField.Role.PANEL).about("Momentum of SGD.").addedLater().of(t -> 0.0, (b, v) -> { });
        TrialField<Double> set = TrialField.number("momentum").byDefault(0.0).check(v -> v >= 0 && v < 1, "numbers in [0, 1)")
                .role(TrialField.Role.PANEL).about("Momentum of SGD.").addedLater().of(t -> 0.9, (b, v) -> { });
        List<TrialField<?>> withDefault = new ArrayList<>(TrialField.ALL);
        withDefault.add(atDefault);
        List<TrialField<?>> withValue = new ArrayList<>(TrialField.ALL);
        withValue.add(set);
        assertEquals(s.canonical(), s.canonical(withDefault), "at its default the new field leaves the key alone");
        assertEquals(s.canonical() + ";momentum=0.9", s.canonical(withValue));
        assertThrows(IllegalStateException.class, () -> TrialField.number("x").role(TrialField.Role.PANEL).addedLater().of(t -> 0.0, (b, v) -> { }),
                "a field left out at its default must have one");
    }

    /** A choice is spelled as the sweep file writes it and read back in any case, as older stores wrote it. */
    @Test
    void choicesHaveOneSpellingAndReadInAnyCase() {
        assertEquals("random_walk", TrialField.INIT.text(InitScheme.RANDOM_WALK));
        assertEquals("tanh", TrialField.ACTIVATION.text(Activation.TANH));
        assertEquals("classify", TrialField.TASK.text(Task.CLASSIFY));
        for (String stored : List.of("RANDOM_WALK", "random_walk", "random-walk", " Random_Walk ")) {
            assertEquals(Optional.of(InitScheme.RANDOM_WALK), TrialField.INIT.choice(stored), stored);
        }
        assertEquals(Optional.empty(), TrialField.ACTIVATION.choice("sigmoid"));
        assertEquals(java.util.Arrays.stream(Activation.values()).map(TrialField::spelling).toList(), TrialField.ACTIVATION.choiceNames());
        assertEquals(List.of("linear", "relu", "tanh"), TrialField.ACTIVATION.choiceNames().subList(0, 3));
        // the canonical form keeps NUMERICS_VERSION 2's spelling: the keys hash it
        assertTrue(spec().canonical().contains(";f=TANH;") && spec().canonical().contains(";init=GAUSSIAN;"), spec().canonical());
    }

    @Test
    void theBuilderRefusesAValueItsFieldDoesNotAllowNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec().toBuilder().epochDecay(1.5).build());
        assertEquals("trial spec field 'decay': got 1.5; allowed: numbers in (0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spec().toBuilder().epochs(0).build());
        assertEquals("trial spec field 'epochs': got 0; allowed: integers >= 1", e.getMessage());
    }
}
