package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snn4j.model.Connect;
import org.snn4j.model.CubaLif;
import org.snn4j.model.Delays;
import org.snn4j.model.InitialV;
import org.snn4j.model.Network;
import org.snn4j.model.Port;
import org.snn4j.model.SpikeSource;
import org.snn4j.model.Weights;
import org.snn4j.reference.Cuba;

/** Any thread count gives bitwise the single-threaded spikes, traces and counts. */
class ThreadsTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void cubaIsBitwiseIdenticalForEveryThreadCount(int threads) {
        Network net = Cuba.network(2000, 4);
        RunResult one = Engines.clock(net, Cuba.DT_SECONDS).record(Monitor.allSpikes()).run(0.3);
        RunResult many = Engines.clock(net, Cuba.DT_SECONDS).threads(threads).record(Monitor.allSpikes()).run(0.3);
        assertArrayEquals(one.spikes(Cuba.POPULATION).steps(), many.spikes(Cuba.POPULATION).steps());
        assertArrayEquals(one.spikes(Cuba.POPULATION).neurons(), many.spikes(Cuba.POPULATION).neurons());
        assertEquals(one.cost().synOps(), many.cost().synOps());
        assertEquals(one.cost().neuronUpdates(), many.cost().neuronUpdates());
    }

    /** Several populations in zero-delay order, sources, heterogeneous delays, analog input, odd sizes. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7})
    void multiPopulationNetworksAreBitwiseIdentical(int threads) {
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3, 5e-3).vLeak(-0.065)
                .vThreshold(-0.05).vReset(-0.07).refractorySeconds(2e-3).build();
        double[] w = new double[301];
        java.util.Arrays.fill(w, 0.02);
        Network net = Network.builder()
                .source(SpikeSource.poisson("in", 100, 300))
                .population("a", 301, model, InitialV.uniform(-0.07, -0.05))
                .population("b", 77, model, InitialV.uniform(-0.07, -0.05))
                .population("c", 5, model, InitialV.constant(-0.06))
                .connect("in", "a", Connect.probability(0.2), Weights.uniform(0, 0.01), Delays.uniformSteps(0, 4))
                .connect("a", "b", Connect.fixedFanIn(30), Weights.constant(0.004), Delays.constantSteps(0))
                .connect("b", "c", Connect.allToAll(), Weights.constant(0.003), Delays.constantSteps(0))
                .connect("b", "a", Connect.probability(0.1), Weights.constant(-0.01), Delays.uniformSteps(1, 12),
                        Port.of(1))
                .connect("c", "a", Connect.allToAll(), Weights.normal(0.001, 0.001), Delays.constantSteps(3))
                .analogInput("a", w, new double[] {0.1, 0.5, 0.2, 0.9}, 250)
                .build(11);
        RunResult one = run(net, 1);
        RunResult many = run(net, threads);
        for (String pop : new String[] {"in", "a", "b", "c"}) {
            assertArrayEquals(one.spikes(pop).steps(), many.spikes(pop).steps(), pop);
            assertArrayEquals(one.spikes(pop).neurons(), many.spikes(pop).neurons(), pop);
        }
        for (int j = 0; j < 4; j++) {
            assertArrayEquals(one.state("a", StateVariable.V).of(j), many.state("a", StateVariable.V).of(j));
        }
        assertEquals(one.cost(), withTimes(many.cost(), one.cost()));
    }

    private static RunResult run(Network net, int threads) {
        return Engines.clock(net, 1e-4).threads(threads).record(Monitor.allSpikes())
                .record(Monitor.states("a", StateVariable.V, 0, 100, 255, 300)).run(0.1);
    }

    private static Cost withTimes(Cost c, Cost times) {
        return new Cost(c.steps(), c.neurons(), c.synapses(), c.spikes(), c.spikesPerPopulation(), c.sourceSpikes(),
                c.synOps(), c.neuronUpdates(), times.buildSeconds(), times.loopSeconds());
    }
}
