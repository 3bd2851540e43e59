package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.engine.EnergyProfile;
import org.snn4j.engine.EngineOptions;
import org.snn4j.model.ResetMode;

/**
 * A trained model evaluated in either engine through one call: the clock engine and the event
 * engine's synchronous schedule agree on every figure, early decisions included.
 */
class EngineEvaluationTest {
    @ParameterizedTest(name = "early={0}")
    @ValueSource(ints = {-1, 0, 2})
    void clockAndSynchronousEventEngineGiveTheSameFigures(int early) throws Exception {
        int steps = 20;
        Datasets.Split data = Datasets.load("delay", null, steps, 3, 40);
        Model model = new Model(new ModelOptions(new int[] {16}, 0.9, 0, ResetMode.SUBTRACT, new int[] {0}, false, true,
                false, Surrogate.fastSigmoid(25), Loss.CE_COUNT, true).spec(data.train().inputs(), data.train().classes()),
                3);
        Fixtures.scaleWeights(model, 4f);
        Integer e = early < 0 ? null : early;
        int n = data.test().count();
        EngineEvaluation.Result clock = EngineEvaluation.run(model, data.test(), n, EngineOptions.CLOCK, e,
                EnergyProfile.LOIHI, 0, steps, k -> { });
        EngineEvaluation.Result event = EngineEvaluation.run(model, data.test(), n, EngineOptions.EVENT, e,
                EnergyProfile.LOIHI, 0, steps, k -> { });
        assertEquals(clock.accuracy(), event.accuracy());
        assertEquals(clock.spikesPerSample(), event.spikesPerSample());
        assertEquals(clock.synOpsPerSample(), event.synOpsPerSample());
        assertEquals(clock.latencyCycles(), event.latencyCycles());
        assertEquals(clock.latencySteps(), event.latencySteps());
        assertTrue(clock.spikesPerSample() > 0, "the model must spike for the comparison to mean anything");
        if (e == null) {
            assertEquals(steps, clock.latencySteps(), "no early decision: every step runs");
        } else {
            assertTrue(clock.latencySteps() < steps, "an early decision stops before the end: " + clock.latencySteps());
        }
    }

    @org.junit.jupiter.api.Test
    void aModelThatDoesNotFitTheDataIsRefused() throws Exception {
        Datasets.Split data = Datasets.load("delay", null, 10, 1, 8);
        Model model = new Model(new ModelOptions(new int[] {4}, 0.9, 0, ResetMode.SUBTRACT, new int[] {0}, false, true,
                false, Surrogate.fastSigmoid(25), Loss.CE_COUNT, true).spec(data.train().inputs() + 1, 2), 1);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> EngineEvaluation.run(model,
                data.test(), 1, EngineOptions.CLOCK, null, EnergyProfile.LOIHI, 0, 10, k -> { }));
        assertTrue(x.getMessage().contains("inputs"), x.getMessage());
    }
}
