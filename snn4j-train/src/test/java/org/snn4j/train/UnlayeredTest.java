package org.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snn4j.data.SpikeRaster;
import org.snn4j.engine.Decision;
import org.snn4j.engine.Engines;
import org.snn4j.engine.EventEngine;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.Scheduler;
import org.snn4j.model.Network;
import org.snn4j.model.ResetMode;

/** The unlayered forward pass: equal to the layered one when synchronous, to the event engine when not. */
class UnlayeredTest {
    static final String[] NAMES = {"hidden", "second", "out"};

    static Model model(long seed, ResetMode reset, double tauSyn, int bits, int pruneK) {
        return Fixtures.threeLayers(seed, reset, tauSyn, bits, pruneK);
    }

    @ParameterizedTest(name = "seed={0} reset={1} tauSyn={2}")
    @CsvSource({"1, SUBTRACT, 0", "2, TO_VALUE, 5e-3", "3, SUBTRACT, 2e-3"})
    void synchronousUnlayeredPassIsTheLayeredOneBitwiseSpikesAndGradients(long seed, ResetMode reset, double tauSyn) {
        int steps = 40;
        Model model = model(seed, reset, tauSyn, 0, 0);
        SpikeRaster in = Fixtures.raster(30, steps, 0.2, seed);
        Bptt layered = new Bptt(model, steps);
        CycleBptt unlayered = new CycleBptt(model, steps, null, 1, Integer.MAX_VALUE);
        Grads g1 = new Grads(model);
        Grads g2 = new Grads(model);
        layered.forward(in);
        unlayered.forward(in);
        int total = 0;
        for (int l = 0; l < NAMES.length; l++) {
            int[][] expected = layered.spikeSteps(l);
            int[][] actual = unlayered.spikeSteps(l);
            for (int j = 0; j < expected.length; j++) {
                assertArrayEquals(expected[j], actual[j], NAMES[l] + " " + j);
                total += expected[j].length;
                for (int t = 0; t < steps; t++) {
                    assertEquals(layered.potential(l, t, j), unlayered.potential(l, t, j), 0f, "V " + l + " " + t + " " + j);
                }
            }
        }
        assertTrue(total > 50, "spikes " + total);
        layered.lossAndOutputGradient(2, 1);
        unlayered.lossAndOutputGradient(2, 1);
        g1.clear();
        g2.clear();
        layered.backward(g1);
        unlayered.backward(g2);
        List<float[]> a = g1.tensors(model);
        List<float[]> b = g2.tensors(model);
        for (int p = 0; p < a.size(); p++) {
            assertArrayEquals(a.get(p), b.get(p), 0f, "gradient tensor " + p);
        }
    }

    @ParameterizedTest(name = "{0} F={1} cycles/step={2} seed={3} reset={4} tauSyn={5} bits={6} prune={7}")
    @CsvSource({
        "RANDOM, 1, 0, 1, SUBTRACT, 0, 0, 0",
        "MOMENTUM, 1, 0, 2, TO_VALUE, 0, 0, 0",
        "MOMENTUM, 4, 0, 3, SUBTRACT, 5e-3, 0, 0",
        "RANDOM, 3, 0, 4, TO_VALUE, 2e-3, 4, 0",
        "FIFO, 1, 0, 5, SUBTRACT, 0, 8, 2",
        "MOMENTUM, 2, 8, 6, SUBTRACT, 0, 0, 0",
        "RANDOM, 2, 3, 7, SUBTRACT, 2e-3, 0, 0",
    })
    void asynchronousUnlayeredPassIsTheEventEngineWithTheSameSeed(String strategy, int group, int cyclesPerStep,
            long seed, ResetMode reset, double tauSyn, int bits, int pruneK) {
        int steps = 40;
        Scheduler scheduler = switch (strategy) {
            case "RANDOM" -> Scheduler.RANDOM;
            case "MOMENTUM" -> Scheduler.MOMENTUM;
            default -> Scheduler.FIFO;
        };
        int cap = cyclesPerStep == 0 ? Integer.MAX_VALUE : cyclesPerStep;
        Model model = model(seed, reset, tauSyn, bits, pruneK);
        SpikeRaster in = Fixtures.raster(30, steps, 0.2, seed);
        CycleBptt f = new CycleBptt(model, steps, scheduler, group, cap);
        long scheduleSeed = 1000 + seed;
        f.seed(scheduleSeed);
        f.forward(in);
        Network net = Export.toNetwork(model, in);
        EventEngine engine = Engines.event(net, Fixtures.DT).schedule(scheduler, group).seed(scheduleSeed)
                .record(Monitor.allSpikes()).earlyDecision("out", Integer.MAX_VALUE / 2);
        if (cyclesPerStep > 0) {
            engine.cyclesPerStep(cyclesPerStep);
        }
        RunResult r = engine.runSteps(steps);
        int total = 0;
        for (int l = 0; l < NAMES.length; l++) {
            int[][] expected = f.spikeSteps(l);
            for (int j = 0; j < expected.length; j++) {
                assertArrayEquals(expected[j], r.spikes(NAMES[l]).stepsOf(j), NAMES[l] + " " + j);
                total += expected[j].length;
            }
            assertTrue(f.spikeCount(l) > 0, "layer " + NAMES[l] + " is silent: the test would prove nothing");
        }
        assertTrue(total > 50, "spikes " + total);
        Decision d = engine.decision();
        assertEquals(d.neuron(), f.decision(), "decision");
        assertEquals(d.cycles(), f.cycles(), "cycles");
        // stopping at the first output spike: the same cycle
        EventEngine early = Engines.event(net, Fixtures.DT).schedule(scheduler, group).seed(scheduleSeed)
                .earlyDecision("out", 0);
        if (cyclesPerStep > 0) {
            early.cyclesPerStep(cyclesPerStep);
        }
        early.runSteps(steps);
        assertEquals(early.decision().cycles(), f.firstOutputCycle(), "cycle of the first output spike");
        assertEquals(early.decision().steps(), f.firstOutputStep(), "step of the first output spike");
    }

    @ParameterizedTest(name = "{0} F={1} {2} {3}")
    @CsvSource({
        "MOMENTUM, 1, ce-count, SUBTRACT",
        "RANDOM, 2, mse-count, TO_VALUE",
        "RANDOM, 1, ce-mean-membrane, SUBTRACT",
        "SYNC, 1, ce-max-membrane, SUBTRACT",
    })
    void unlayeredGradientsEqualFiniteDifferences(String strategy, int group, String lossName, ResetMode reset) {
        Loss loss = Loss.parse(lossName);
        int steps = 12;
        Model model = GradientCheckTest.checkModel(loss, reset, false);
        SpikeRaster[] in = GradientCheckTest.checkInputs(steps);
        int[] labels = {2, 0};
        Scheduler scheduler = strategy.equals("SYNC") ? null
                : strategy.equals("RANDOM") ? Scheduler.RANDOM : Scheduler.MOMENTUM;
        CycleBptt f = new CycleBptt(model, steps, scheduler, group, Integer.MAX_VALUE);
        f.seed(42); // every evaluation of the loss starts the same schedule stream
        Grads g = new Grads(model);
        g.clear();
        long emitted = 0;
        for (int s = 0; s < in.length; s++) {
            f.forward(in[s]);
            emitted += f.cycles();
            f.lossAndOutputGradient(labels[s], 1);
            f.backward(g);
        }
        assertTrue(scheduler == null || emitted >= 10, "cycles " + emitted + ": the schedule would prove nothing");
        GradientCheckTest.Result r = GradientCheckTest.finiteDifferences(model, f, g, in, labels, true);
        assertTrue(r.checked() > 80, "checked " + r.checked() + ", skipped " + r.skipped());
        assertTrue(r.worst() < 1e-3, "worst relative error " + r.worst());
        System.out.println("unlayered gradient check " + strategy + " F=" + group + " " + lossName + ": " + r.checked()
                + " parameters (" + r.skipped() + " skipped: the schedule changed within +-2h), worst relative error "
                + r.worst());
    }

    @Test
    void aMembraneReadoutIsJudgedByItsMembraneUnlayeredToo() {
        LayerSpec hidden = new LayerSpec("hidden", 12, Fixtures.lif(0.9, 0, ResetMode.SUBTRACT), new int[] {0}, false,
                true, true, false);
        LayerSpec out = new LayerSpec("out", 2, Fixtures.lif(0.9, 0, ResetMode.SUBTRACT), new int[] {0}, false, true,
                false, false);
        Model model = new Model(Fixtures.spec(2, List.of(hidden, out), Surrogate.fastSigmoid(5), Loss.CE_MEAN_MEMBRANE),
                3);
        Fixtures.scaleWeights(model, 3f);
        DelayTask test = new DelayTask(64, 20, 5, 2);
        CycleBptt f = new CycleBptt(model, 20, Scheduler.RANDOM, 1, Integer.MAX_VALUE);
        SpikeRaster in = new SpikeRaster(2, 20);
        int correct = 0;
        for (int i = 0; i < test.count(); i++) {
            test.encode(i, 0, in);
            f.seed(9 + i);
            f.forward(in);
            correct += f.predicted() == test.label(i) ? 1 : 0;
        }
        try (Trainer t = new Trainer(model, new Trainer.Config(1, 8, 1e-2, 0, false, 9, 1), 20,
                new Execution("random", 1, 0))) {
            assertEquals((double) correct / test.count(), t.evaluate(test, Trainer.Progress.NONE).accuracy(), 0.0,
                    "no output spikes to decide by: the largest readout wins, as in training");
        }
    }

    @Test
    void badGroupOrCyclesAreRefused() {
        Model model = model(1, ResetMode.SUBTRACT, 0, 0, 0);
        BadInputTest.contains(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CycleBptt(model, 5, Scheduler.RANDOM, 0, 10)), "group 0", ">= 1");
        BadInputTest.contains(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CycleBptt(model, 5, Scheduler.RANDOM, 1, 0)), "cycles per step 0");
    }
}
