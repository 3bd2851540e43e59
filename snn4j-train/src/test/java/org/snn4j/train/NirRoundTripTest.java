package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.io.NirExport;
import org.snn4j.io.NirFiles;
import org.snn4j.io.NirNetworks;
import org.snn4j.model.Network;
import org.snn4j.model.ResetMode;

/**
 * Trained models (learned delays, recurrence, biases, pruned, quantized) out to NIR and back: both
 * engines give the trainer's spikes bitwise.
 */
class NirRoundTripTest {
    @ParameterizedTest(name = "seed={0} reset={1} tauSyn={2} bits={3} prune={4}")
    @CsvSource({
        "1, SUBTRACT, 0, 0, 0",
        "3, SUBTRACT, 5e-3, 0, 0",
        "4, TO_VALUE, 2e-3, 4, 0",
        "5, SUBTRACT, 0, 8, 2",
    })
    void aTrainedModelComesBackFromNirWithTheTrainersSpikes(long seed, ResetMode reset, double tauSyn, int bits,
            int pruneK, @TempDir Path dir) throws Exception {
        int steps = 40;
        Model model = Fixtures.threeLayers(seed, reset, tauSyn, bits, pruneK);
        SpikeRaster in = Fixtures.raster(30, steps, 0.2, seed);
        Bptt f = new Bptt(model, steps);
        f.forward(in);
        Network exported = Export.toNetwork(model, in);
        Path file = dir.resolve("model.nir");
        NirFiles.write(NirExport.toGraph(exported, Fixtures.DT, "out", line -> { }), file);
        Network net = NirNetworks.toNetwork(NirFiles.read(file), Fixtures.DT, NirNetworks.Options.fromFile(),
                (name, size) -> exported.sources().get(0), 1);
        RunResult clock = Engines.clock(net, Fixtures.DT).record(Monitor.allSpikes()).runSteps(steps);
        RunResult event = Engines.event(net, Fixtures.DT).record(Monitor.allSpikes()).runSteps(steps);
        String[] names = {"hidden", "second", "out"};
        int total = 0;
        for (int l = 0; l < names.length; l++) {
            int[][] expected = f.spikeSteps(l);
            for (int j = 0; j < expected.length; j++) {
                assertArrayEquals(expected[j], clock.spikes(names[l]).stepsOf(j), names[l] + " " + j + " clock");
                assertArrayEquals(expected[j], event.spikes(names[l]).stepsOf(j), names[l] + " " + j + " event");
                total += expected[j].length;
            }
        }
        assertTrue(total > 50, "spikes " + total);
    }
}
