package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.ResetMode;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;
import org.snn4j.reference.Cuba;

/** The SIMD kernel must be bitwise the scalar reference: same spikes, same state traces. */
class KernelEquivalenceTest {

    @Test
    void cubaSpikesAreBitwiseEqual() {
        Network net = Cuba.network(1000, 1);
        RunResult simd = Engines.clock(net, Cuba.DT_SECONDS).record(Monitor.allSpikes()).run(0.5);
        RunResult scalar = Engines.clock(net, Cuba.DT_SECONDS).scalarKernel().record(Monitor.allSpikes()).run(0.5);
        assertTrue(simd.cost().spikes() > 1000);
        assertArrayEquals(scalar.spikes(Cuba.POPULATION).steps(), simd.spikes(Cuba.POPULATION).steps());
        assertArrayEquals(scalar.spikes(Cuba.POPULATION).neurons(), simd.spikes(Cuba.POPULATION).neurons());
    }

    /** Odd size (a scalar tail), subtractive reset, three ports, analog input, Poisson input, delays. */
    @Test
    void everyFeatureGivesBitwiseEqualTraces() {
        int n = 203;
        CubaLif model = CubaLif.builder().tauMemSeconds(12e-3).tauSynSeconds(3e-3, 6e-3, 12e-3).vLeak(-0.06)
                .vThreshold(-0.05).vReset(-0.065).resetMode(ResetMode.SUBTRACT).refractorySeconds(1e-3)
                .biasCurrent(0.004).build();
        double[] inW = new double[n];
        for (int i = 0; i < n; i++) {
            inW[i] = 0.001 * (i % 7);
        }
        double[] series = {0.5, 1.0, 0.0, 2.0, 1.5, 0.25};
        Network net = Network.builder()
                .source(SpikeSource.poisson("noise", 50, 200))
                .population("a", n, model, InitialV.uniform(-0.065, -0.05))
                .connect("noise", "a", Connect.fixedFanOut(20), Weights.uniform(0, 3e-3), Delays.uniformSteps(0, 5),
                        Port.of(0))
                .connect("a", "a", Connect.probability(0.1), Weights.normal(-1e-3, 5e-4), Delays.uniformSteps(1, 9),
                        Port.of(1))
                .connect("a", "a", Connect.fixedFanIn(5), Weights.constant(2e-3), Delays.constantSteps(3), Port.of(2))
                .analogInput("a", inW, series, 150)
                .build(3);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        RunResult simd = Engines.clock(net, 1e-4).record(Monitor.allSpikes())
                .record(Monitor.states("a", StateVariable.V, all)).run(0.1);
        RunResult scalar = Engines.clock(net, 1e-4).scalarKernel().record(Monitor.allSpikes())
                .record(Monitor.states("a", StateVariable.V, all)).run(0.1);
        assertTrue(simd.cost().spikes() > 100, "spikes " + simd.cost().spikes());
        assertArrayEquals(scalar.spikes("a").steps(), simd.spikes("a").steps());
        assertArrayEquals(scalar.spikes("a").neurons(), simd.spikes("a").neurons());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(scalar.state("a", StateVariable.V).of(i), simd.state("a", StateVariable.V).of(i),
                    "V of neuron " + i);
        }
    }
}
