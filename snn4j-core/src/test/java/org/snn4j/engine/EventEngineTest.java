package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
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

/** The event-driven engine with the synchronous schedule gives bitwise the clock engine's spikes. */
class EventEngineTest {

    /** Both ways of running self-driven populations: predicted crossings, and stepped like the clock engine. */
    private static void assertSameSpikes(Network net, double dt, double seconds, String... populations) {
        RunResult clock = Engines.clock(net, dt).record(Monitor.allSpikes()).run(seconds);
        for (boolean stepSelfDriven : new boolean[] {false, true}) {
            RunResult event = Engines.event(net, dt).stepSelfDriven(stepSelfDriven).record(Monitor.allSpikes())
                    .run(seconds);
            long total = 0;
            for (String p : populations) {
                assertArrayEquals(clock.spikes(p).steps(), event.spikes(p).steps(), "spike steps of " + p);
                assertArrayEquals(clock.spikes(p).neurons(), event.spikes(p).neurons(), "spiking neurons of " + p);
                total += clock.spikes(p).count();
            }
            assertTrue(total > 0, "the comparison must see spikes");
            assertEquals(clock.cost().spikes(), event.cost().spikes());
            assertEquals(clock.cost().synOps(), event.cost().synOps());
        }
    }

    @Test
    void singleNeuronWithBias() {
        Network net = Network.builder()
                .population("n", 1, Fixtures.neuron().biasCurrent(20e-3).build(), InitialV.constant(0)).build(1);
        assertSameSpikes(net, 1e-4, 1.0, "n");
    }

    @Test
    void delayedChainAndZeroDelayChain() {
        for (int delay : new int[] {0, 1, 7}) {
            CubaLif model = Fixtures.neuron().refractorySeconds(1e-3).build();
            Network.Builder b = Network.builder().source(SpikeSource.trains("in", new int[][] {{5, 40, 41, 300}}));
            for (int i = 3; i >= 0; i--) {
                b.population("p" + i, 2, model, InitialV.constant(0));
            }
            b.connect("in", "p0", Connect.allToAll(), Weights.constant(10), Delays.constantSteps(delay));
            for (int i = 0; i < 3; i++) {
                b.connect("p" + i, "p" + (i + 1), Connect.allToAll(), Weights.constant(10), Delays.constantSteps(delay));
            }
            assertSameSpikes(b.build(1), 1e-4, 0.05, "p0", "p1", "p2", "p3");
        }
    }

    /** Recurrent, heterogeneous delays, refractoriness, Poisson and analog input, either reset mode. */
    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void randomRecurrentNetwork(ResetMode mode) {
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3, 5e-3).vLeak(-0.065)
                .vThreshold(-0.05).vReset(-0.07).resetMode(mode).refractorySeconds(2e-3).build();
        double[] w = new double[150];
        java.util.Arrays.fill(w, 0.02);
        Network net = Network.builder()
                .source(SpikeSource.poisson("in", 60, 200))
                .population("a", 150, model, InitialV.uniform(-0.07, -0.05))
                .population("b", 40, model, InitialV.uniform(-0.07, -0.05))
                .connect("in", "a", Connect.probability(0.2), Weights.uniform(0, 0.012), Delays.uniformSteps(0, 4))
                .connect("a", "a", Connect.probability(0.1), Weights.normal(0.002, 0.002), Delays.uniformSteps(1, 25))
                .connect("a", "b", Connect.fixedFanIn(20), Weights.constant(0.004), Delays.constantSteps(0))
                .connect("b", "a", Connect.probability(0.2), Weights.constant(-0.01), Delays.uniformSteps(1, 12),
                        Port.of(1))
                .analogInput("a", w, new double[] {0.1, 0.6, 0.0, 0.9}, 500)
                .build(21);
        assertSameSpikes(net, 1e-4, 0.2, "a", "b");
    }

    /** The same network of forward-Euler neurons, and of perfect integrators (NIR IF) without a leak. */
    @ParameterizedTest
    @ValueSource(strings = {"euler", "integrator", "euler-integrator"})
    void eulerAndIntegratorNeuronsRunAlike(String variant) {
        CubaLif.Builder m = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3, 0).vLeak(-0.065)
                .vThreshold(-0.05).vReset(-0.07).refractorySeconds(1e-3);
        if (variant.contains("euler")) {
            m.discretisation(org.snn4j.model.Discretisation.EULER);
        }
        if (variant.contains("integrator")) {
            m.tauMemSeconds(Double.POSITIVE_INFINITY).resistance(50);
        }
        double[] w = new double[100];
        java.util.Arrays.fill(w, 0.01);
        Network net = Network.builder()
                .source(SpikeSource.poisson("in", 50, 200))
                .population("a", 100, m.build(), InitialV.uniform(-0.07, -0.05))
                .connect("in", "a", Connect.probability(0.2), Weights.uniform(0, 0.012), Delays.uniformSteps(0, 4))
                .connect("a", "a", Connect.probability(0.1), Weights.normal(-0.001, 0.002), Delays.uniformSteps(1, 9),
                        Port.of(1))
                .analogInput("a", w, new double[] {0.1, -0.2, 0.0, 0.3}, 300)
                .build(8);
        assertSameSpikes(net, 1e-4, 0.12, "a");
    }

    /** State traces and population rates, sampled by catching the neurons up, equal the clock engine's. */
    @ParameterizedTest
    @EnumSource(ResetMode.class)
    void statesAndRatesEqualTheClockEngines(ResetMode mode) {
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3, 5e-3).vLeak(-0.065)
                .vThreshold(-0.05).vReset(-0.07).resetMode(mode).refractorySeconds(2e-3).build();
        Network net = Network.builder()
                .source(SpikeSource.poisson("in", 40, 300))
                .population("a", 80, model, InitialV.uniform(-0.07, -0.05))
                .connect("in", "a", Connect.probability(0.2), Weights.uniform(0, 0.02), Delays.uniformSteps(0, 3))
                .connect("a", "a", Connect.probability(0.1), Weights.normal(0, 0.004), Delays.uniformSteps(1, 15),
                        Port.of(1))
                .build(5);
        int[] watched = {0, 7, 40, 79};
        RunResult clock = Engines.clock(net, 1e-4).record(Monitor.states("a", StateVariable.V, watched))
                .record(Monitor.states("a", StateVariable.current(1), watched)).record(Monitor.rate("a")).run(0.1);
        RunResult event = Engines.event(net, 1e-4).record(Monitor.states("a", StateVariable.V, watched))
                .record(Monitor.states("a", StateVariable.current(1), watched)).record(Monitor.rate("a")).run(0.1);
        assertTrue(clock.cost().spikes() > 50, "spikes " + clock.cost().spikes());
        for (int j = 0; j < watched.length; j++) {
            assertArrayEquals(clock.state("a", StateVariable.V).of(j), event.state("a", StateVariable.V).of(j),
                    "V of neuron " + watched[j]);
            assertArrayEquals(clock.state("a", StateVariable.current(1)).of(j),
                    event.state("a", StateVariable.current(1)).of(j), "I_1 of neuron " + watched[j]);
        }
        assertArrayEquals(clock.rate("a").countsPerStep(), event.rate("a").countsPerStep());
    }

    @Test
    void cubaAtOneThousandNeurons() {
        assertSameSpikes(Cuba.network(1000, 3), Cuba.DT_SECONDS, 0.2, Cuba.POPULATION);
    }

    /** CUBA's neurons rest above threshold: stepped like the clock engine, N updates per step, no more. */
    @Test
    void aSelfDrivenPopulationIsSteppedLikeTheClockEngine() {
        Network net = Cuba.network(500, 4);
        long stepped = Engines.event(net, Cuba.DT_SECONDS).run(0.05).cost().neuronUpdates();
        long predicted = Engines.event(net, Cuba.DT_SECONDS).stepSelfDriven(false).run(0.05).cost().neuronUpdates();
        assertEquals(500L * 500, stepped);
        assertTrue(predicted > stepped, "predicting every tonic neuron's crossings costs more: " + predicted);
        // a population resting below threshold is not stepped: the idle network costs nothing (below)
    }

    /** Under every asynchronous schedule, opening a self-driven population's neurons every step changes no spike. */
    @ParameterizedTest
    @ValueSource(strings = {"FIFO", "RANDOM", "MOMENTUM"})
    void aSelfDrivenPopulationUnderAnAsynchronousScheduleGivesTheSameSpikes(String name) throws Exception {
        Scheduler scheduler = (Scheduler) Scheduler.class.getField(name).get(null);
        Network net = Cuba.network(500, 4);
        RunResult opened = Engines.event(net, Cuba.DT_SECONDS).schedule(scheduler, 1).record(Monitor.allSpikes())
                .run(0.05);
        RunResult predicted = Engines.event(net, Cuba.DT_SECONDS).schedule(scheduler, 1).stepSelfDriven(false)
                .record(Monitor.allSpikes()).run(0.05);
        assertTrue(opened.cost().spikes() > 100, "spikes " + opened.cost().spikes());
        assertArrayEquals(predicted.spikes(Cuba.POPULATION).steps(), opened.spikes(Cuba.POPULATION).steps());
        assertArrayEquals(predicted.spikes(Cuba.POPULATION).neurons(), opened.spikes(Cuba.POPULATION).neurons());
        assertEquals(500L * 500, opened.cost().neuronUpdates());
    }

    @Test
    void anIdleNetworkCostsNothing() {
        CubaLif rest = Fixtures.neuron().build(); // V_leak 0, no bias
        Network net = Network.builder().population("idle", 1000, rest, InitialV.constant(0))
                .connect("idle", "idle", Connect.fixedFanOut(10), Weights.constant(1e-3), Delays.uniformSteps(1, 5))
                .build(1);
        RunResult r = Engines.event(net, 1e-4).runSteps(1_000_000);
        assertEquals(0, r.cost().neuronUpdates(), "no neuron is ever touched");
        assertEquals(0, r.cost().spikes());
        assertEquals(1_000_000, r.cost().steps());
        assertTrue(r.cost().loopSeconds() < 10, "a sanity bound only: " + r.cost().loopSeconds() + " s");
    }

    /**
     * Sparse activity (about 2,500 spikes/s in 2,000 resting neurons): the same spikes with fewer
     * neuron updates. Not many fewer: exact catch-up replays a touched neuron's float recurrence until
     * its current underflows to zero (about 2,000 steps for tau_syn = 2 ms at dt = 0.1 ms), see
     * docs/DESIGN-DECISIONS.md.
     */
    @Test
    void itTouchesFewerNeuronsThanTheClockEngineOnSparseActivity() {
        CubaLif model = Fixtures.neuron().build();
        Network net = Network.builder().source(SpikeSource.poisson("in", 20, 20))
                .population("x", 2000, model, InitialV.constant(0))
                .connect("in", "x", Connect.fixedFanOut(5), Weights.constant(0.2), Delays.constantSteps(1))
                .connect("x", "x", Connect.fixedFanOut(5), Weights.constant(0.05), Delays.uniformSteps(1, 10))
                .build(4);
        RunResult clock = Engines.clock(net, 1e-4).record(Monitor.allSpikes()).run(0.5);
        RunResult event = Engines.event(net, 1e-4).record(Monitor.allSpikes()).run(0.5);
        assertArrayEquals(clock.spikes("x").steps(), event.spikes("x").steps());
        assertArrayEquals(clock.spikes("x").neurons(), event.spikes("x").neurons());
        assertTrue(clock.cost().spikes() > 500 && clock.cost().spikes() < 5000, "sparse: " + clock.cost().spikes());
        assertTrue(event.cost().neuronUpdates() * 2 < clock.cost().neuronUpdates(),
                "event " + event.cost().neuronUpdates() + " vs clock " + clock.cost().neuronUpdates() + " updates");
    }
}
