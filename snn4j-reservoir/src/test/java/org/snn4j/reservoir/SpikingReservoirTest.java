package org.snn4j.reservoir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpikingReservoirTest {
    private static final Splits SPLITS = new Splits(100, 1200, 800);

    @Test
    void delaysGiveTheReservoirMoreMemory() {
        SpikingReservoir.Builder b = SpikingReservoir.builder().neurons(100).fanOut(10).weightExc(0.2).inputScale(2)
                .seed(3);
        double noDelay = Evaluation.memoryCapacity(b.delaySteps(1, 1).build(), SPLITS, 40, 1e-4, 9);
        double delays = Evaluation.memoryCapacity(b.delaySteps(1, 50).build(), SPLITS, 40, 1e-4, 9);
        assertTrue(delays > noDelay + 0.5, "MC with delays " + delays + " vs without " + noDelay);
    }

    @Test
    void runReportsItsCostAndIsSeeded() {
        double[] u = Narma10.generate(300, 2).input();
        SpikingReservoir r = SpikingReservoir.builder().neurons(50).fanOut(5).stepsPerInput(4).traceTauSteps(4, 16)
                .seed(1).build();
        Reservoir.Run a = r.run(u);
        Reservoir.Run b = r.run(u);
        assertEquals(100, r.size());
        assertEquals(300, a.states().length);
        assertEquals(100, a.states()[0].length);
        assertEquals(50 * 4, a.neuronUpdatesPerStep(), 1e-12, "the clock engine updates N neurons K times per input");
        assertTrue(a.spikesPerNeuronPerStep() > 0);
        // every spike reaches exactly the fan-out: SynOps = spikes x 5
        assertEquals(a.spikesPerNeuronPerStep() * 50 * 5, a.synOpsPerStep(), 1e-9);
        for (int t = 0; t < 300; t++) {
            assertArrayEquals(a.states()[t], b.states()[t]);
        }
    }

    @Test
    void encoderSpikesReachTheReservoir() {
        double[] u = Narma10.generate(200, 3).input();
        SpikingReservoir.Builder b = SpikingReservoir.builder().neurons(40).fanOut(5).inputScale(0).biasRange(0, 0.5)
                .seed(2);
        Reservoir.Run without = b.build().run(u);
        Reservoir.Run with = b.encoder(10, 8, 2.0, 20).build().run(u);
        assertEquals(0, without.synOpsPerStep(), "no input and a sub-threshold bias: a silent reservoir");
        assertTrue(with.synOpsPerStep() > 8, "the encoder drives it: " + with.synOpsPerStep());
        assertEquals((40 + 10) * 5, with.neuronUpdatesPerStep(), 1e-12, "encoder neurons are updated too");
    }

    @Test
    void badParametersNameTheField() {
        assertMessage(() -> SpikingReservoir.builder().encoder(5, 0, 1, 10).build(), "fan-out 0");
        assertMessage(() -> SpikingReservoir.builder().encoder(5, 3, 1, -1).build(), "max delay -1");
        assertMessage(() -> SpikingReservoir.builder().neurons(0).build(), "neurons 0");
        assertMessage(() -> SpikingReservoir.builder().neurons(10).fanOut(10).build(), "fanOut 10");
        assertMessage(() -> SpikingReservoir.builder().delaySteps(0, 5).build(), "delaySteps [0, 5]");
        assertMessage(() -> SpikingReservoir.builder().stepsPerInput(0).build(), "stepsPerInput 0");
        assertMessage(() -> SpikingReservoir.builder().traceTauSteps().build(), "traceTauSteps");
        assertMessage(() -> SpikingReservoir.builder().weightExc(Double.NaN).build(), "NaN");
        assertMessage(() -> SpikingReservoir.builder().build().run(new double[] {0.1, Double.POSITIVE_INFINITY}),
                "series[1]");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String fragment) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }
}
