package org.snn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snn4j.engine.Engines;
import org.snn4j.engine.Monitor;
import org.snn4j.engine.RunResult;
import org.snn4j.engine.StateVariable;
import org.snn4j.model.Network;
import org.snn4j.model.Projection;
import org.snn4j.model.SpikeSource;

/**
 * NIR graphs as networks with the exact discretisation: a spike's effect against the closed-form
 * solution of the continuous NIR neuron, and the shared Braille files run on both engines.
 */
class NirNetworksTest {
    private static final Path SHARED = Path.of("../../shared/nir");
    private static final double DT = 1e-4;

    private static NirGraph.Field f(double... v) {
        return new NirGraph.Field(v, new int[] {v.length});
    }

    /** Input (1) -> Affine (1x1, weight w) -> the given neuron node -> Output. */
    private static NirGraph chain(double w, NirGraph.Node neuron) {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
        nodes.put("input", new NirGraph.Node("input", "Input", Map.of("shape", f(1))));
        nodes.put("fc", new NirGraph.Node("fc", "Affine", Map.of("weight", new NirGraph.Field(new double[] {w},
                new int[] {1, 1}), "bias", f(0))));
        nodes.put(neuron.name(), neuron);
        nodes.put("output", new NirGraph.Node("output", "Output", Map.of("shape", f(1))));
        return new NirGraph("1.0.0", nodes, List.of(new NirGraph.Edge("input", "fc"),
                new NirGraph.Edge("fc", neuron.name()), new NirGraph.Edge(neuron.name(), "output")));
    }

    private static float[] trace(NirGraph g, String population, int steps) {
        Network net = NirNetworks.toNetwork(g, (name, size) -> SpikeSource.trains(name, new int[][] {{1}}), 1);
        RunResult r = Engines.clock(net, DT).record(Monitor.states(population, StateVariable.V, 0)).runSteps(steps);
        return r.state(population, StateVariable.V).of(0);
    }

    @Test
    void aSpikeIntoALifMovesVByRWOverTauAndVDecaysAsTheContinuousNeuron() {
        double tau = 0.0025;
        double r = 2.0;
        double w = 1e-4;
        NirGraph g = chain(w, new NirGraph.Node("lif", "LIF", Map.of("tau", f(tau), "r", f(r), "v_leak", f(0),
                "v_threshold", f(1))));
        float[] v = trace(g, "lif", 200);
        for (int k = 1; k <= 200; k++) {
            // the impulse at the start of step 1 (delay 0): v(t) = (r w / tau) exp(-(t - dt) / tau) at the end of step k
            double exact = r * w / tau * Math.exp(-(k - 1) * DT / tau);
            assertEquals(exact, v[k - 1], 2e-6 * exact + 1e-12, "V at step " + k);
        }
    }

    @Test
    void aSpikeIntoACubaLifFollowsTheContinuousPsp() {
        double tauMem = 0.002;
        double tauSyn = 0.0005;
        double r = 3.0;
        double wIn = 1.5;
        double w = 2e-4;
        NirGraph g = chain(w, new NirGraph.Node("cuba", "CubaLIF", Map.of("tau_mem", f(tauMem), "tau_syn", f(tauSyn),
                "r", f(r), "v_leak", f(0), "v_threshold", f(1), "w_in", f(wIn))));
        float[] v = trace(g, "cuba", 300);
        double jump = wIn * w / tauSyn; // the current's jump
        double peak = 0;
        for (int k = 1; k <= 300; k++) {
            double t = k * DT; // the impulse at the start of step 1 = t 0; step k ends at k dt
            double exact = r * jump / tauMem * (Math.exp(-t / tauSyn) - Math.exp(-t / tauMem)) / (1 / tauMem - 1 / tauSyn);
            peak = Math.max(peak, exact);
            assertEquals(exact, v[k - 1], 1e-5 * Math.abs(exact) + 1e-7 * peak, "V at step " + k);
        }
        assertTrue(peak > 1e-3, "the test must see a PSP: " + peak);
    }

    @Test
    void theNorseLifFileSpikesAtOnceOnItsInputsSpike() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        NirGraph g = NirFiles.read(SHARED.resolve("lif_norse.nir"));
        Network net = NirNetworks.toNetwork(g, (name, size) -> SpikeSource.trains(name, new int[][] {{5}}), 1);
        RunResult r = Engines.clock(net, DT).record(Monitor.allSpikes()).runSteps(50);
        // weight 1 into tau 2.5 ms, r 1: a jump of 400 over the threshold of 0.1, in the spike's own step
        assertArrayEquals(new int[] {5}, r.spikes("1").steps());
    }

    @Test
    void theBrailleFilesRunAlikeOnBothEnginesWithTheirRecurrenceDelayedOneStep() {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "../shared/nir is missing");
        for (String file : new String[] {"norse_braille.nir", "rockpool_braille.nir", "spyx_braille_subtract.nir",
            "braille_noDelay_bias_zero.nir", "braille_noDelay_noBias_subtract.nir"}) {
            NirGraph g = NirFiles.read(SHARED.resolve(file));
            Network net = NirNetworks.toNetwork(g, (name, size) -> SpikeSource.poisson(name, size, 200), 3);
            boolean recurrent = false;
            for (Projection p : net.projections()) {
                if (p.source().equals(p.target())) {
                    recurrent = true;
                    assertEquals(1, p.minDelaySteps(), file + ": " + p.label());
                } else {
                    assertEquals(0, p.maxDelaySteps(), file + ": " + p.label());
                }
            }
            assertTrue(recurrent, file + ": a recurrent projection");
            RunResult clock = Engines.clock(net, DT).record(Monitor.allSpikes()).run(0.05);
            RunResult event = Engines.event(net, DT).record(Monitor.allSpikes()).run(0.05);
            assertEquals(clock.cost().spikes(), event.cost().spikes(), file);
            for (org.snn4j.model.Population p : net.populations()) {
                assertArrayEquals(clock.spikes(p.name()).steps(), event.spikes(p.name()).steps(), file + " " + p.name());
                assertArrayEquals(clock.spikes(p.name()).neurons(), event.spikes(p.name()).neurons(), file);
            }
        }
    }

    @Test
    void whatIsNotHandledIsRefusedByNodeAndField() {
        Map<String, NirGraph.Node> nodes = new LinkedHashMap<>(chain(1, new NirGraph.Node("lif", "LIF", Map.of("tau",
                f(0.01), "r", f(1), "v_leak", f(0), "v_threshold", f(1)))).nodes());
        nodes.put("lif", new NirGraph.Node("lif", "Conv2d", Map.of()));
        NirGraph conv = new NirGraph("1.0.0", nodes, chain(1, nodes.get("lif")).edges());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirNetworks.toNetwork(conv, (n, s) -> SpikeSource.trains(n, new int[][] {{}}), 1));
        assertTrue(e.getMessage().contains("'lif'") && e.getMessage().contains("Conv2d"), e.getMessage());
        NirGraph uneven = chain(1, new NirGraph.Node("lif", "LIF", Map.of("tau", new NirGraph.Field(new double[] {0.01,
            0.02}, new int[] {2}), "r", f(1, 1), "v_leak", f(0, 0), "v_threshold", f(1, 1))));
        e = assertThrows(IllegalArgumentException.class,
                () -> NirNetworks.toNetwork(uneven, (n, s) -> SpikeSource.trains(n, new int[][] {{}}), 1));
        assertTrue(e.getMessage().contains("'tau'") && e.getMessage().contains("differs"), e.getMessage());
    }
}
