package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.model.Network;
import org.snn4j.model.ResetMode;

/** The trainer's forward pass and both engines give the same spikes for an exported model. */
class EngineEquivalenceTest {
    @ParameterizedTest(name = "seed={0} reset={1} tauSyn={2} bits={3} prune={4}")
    @CsvSource({
        "1, SUBTRACT, 0, 0, 0",
        "2, TO_VALUE, 0, 0, 0",
        "3, SUBTRACT, 5e-3, 0, 0",
        "4, TO_VALUE, 2e-3, 4, 0",
        "5, SUBTRACT, 0, 8, 2",
    })
    void sameSpikesInTrainerClockAndSynchronousEventEngine(long seed, ResetMode reset, double tauSyn, int bits,
            int pruneK) {
        int steps = 40;
        Model model = Fixtures.threeLayers(seed, reset, tauSyn, bits, pruneK);
        SpikeRaster in = Fixtures.raster(30, steps, 0.2, seed);
        Bptt f = new Bptt(model, steps);
        f.forward(in);
        Network net = Export.toNetwork(model, in);
        RunResult clock = Engines.clock(net, Fixtures.DT).record(Monitor.allSpikes()).runSteps(steps,
                org.snn4j.engine.ProgressListener.NONE);
        RunResult event = Engines.event(net, Fixtures.DT)
                .record(Monitor.allSpikes()).runSteps(steps);
        String[] names = {"hidden", "second", "out"};
        int total = 0;
        for (int l = 0; l < names.length; l++) {
            int[][] expected = f.spikeSteps(l);
            for (int j = 0; j < expected.length; j++) {
                assertArrayEquals(expected[j], clock.spikes(names[l]).stepsOf(j), names[l] + " " + j + " clock");
                assertArrayEquals(expected[j], event.spikes(names[l]).stepsOf(j), names[l] + " " + j + " event");
                total += expected[j].length;
            }
            assertTrue(f.spikeCount(l) > 0, "layer " + names[l] + " is silent: the test would prove nothing");
        }
        assertTrue(total > 50, "spikes " + total);
    }
}
