package rwsweep.driver.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static rwsweep.driver.summary.SweepFixtures.handSpec;

import java.util.List;
import org.junit.jupiter.api.Test;
import rwsweep.worker.Activation;
import rwsweep.worker.spec.TrialSpec;

/** What one panel may compare: only the axes g, D, (λin, λout) and the seed vary inside it. */
class PanelTest {
    @Test
    void axesStayInsideOnePanel() {
        TrialSpec a = handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1);
        TrialSpec b = handSpec(Activation.TANH, 2.0, 5, 16, 0.1, 0.1, 7);
        assertEquals(Panel.of(a), Panel.of(b));
    }

    @Test
    void everyOtherFieldSeparatesPanelsAndNamesItself() {
        TrialSpec a = handSpec(Activation.TANH, 1.1, 3, 16, 0.01, 0.1, 1);
        TrialSpec epochs = a.toBuilder().epochs(5).build();
        TrialSpec gIn = a.toBuilder().gIn(0.5).build();
        TrialSpec width = handSpec(Activation.TANH, 1.1, 3, 32, 0.01, 0.1, 1);
        for (TrialSpec other : List.of(epochs, gIn, width)) assertNotEquals(Panel.of(a), Panel.of(other), other.canonical());

        List<Panel> all = List.of(Panel.of(a), Panel.of(epochs));
        assertEquals("tanh, gaussian, classify, epochs=2", Panel.of(a).label(all));
        assertEquals("tanh-gaussian-classify-epochs-5", Panel.of(epochs).slug(all));
        assertEquals("tanh, gaussian, classify, gIn=0.5",
                Panel.of(gIn).label(List.of(Panel.of(a), Panel.of(gIn))));
        assertEquals("tanh, gaussian, classify, gIn=g",
                Panel.of(a).label(List.of(Panel.of(a), Panel.of(gIn))));
    }
}
