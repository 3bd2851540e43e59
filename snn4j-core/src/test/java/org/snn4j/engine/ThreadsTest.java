package org.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

/**
 * Any thread count and any partitioning give bitwise the single-threaded spikes, traces and
 * counts; the barrier-free schedule keeps to its lookahead and does run ahead where delays allow.
 */
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

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7})
    void multiPopulationNetworksAreBitwiseIdentical(int threads) {
        Network net = mixedNetwork();
        assertSame(run(net, 1), run(net, threads), threads + " threads");
    }

    /** Several populations in zero-delay order, sources, heterogeneous delays, analog input, odd sizes. */
    static Network mixedNetwork() {
        CubaLif model = CubaLif.builder().tauMemSeconds(10e-3).tauSynSeconds(2e-3, 5e-3).vLeak(-0.065)
                .vThreshold(-0.05).vReset(-0.07).refractorySeconds(2e-3).build();
        double[] w = new double[301];
        java.util.Arrays.fill(w, 0.02);
        return Network.builder()
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
    }

    private static RunResult run(Network net, int threads) {
        return run(Engines.clock(net, 1e-4).threads(threads));
    }

    private static RunResult run(ClockEngine engine) {
        return engine.record(Monitor.allSpikes()).record(Monitor.states("a", StateVariable.V, 0, 100, 255, 300))
                .record(Monitor.states("b", StateVariable.current(1), 76, 3)).record(Monitor.rate("a")).run(0.1);
    }

    private static void assertSame(RunResult one, RunResult many, String what) {
        for (String pop : new String[] {"in", "a", "b", "c"}) {
            assertArrayEquals(one.spikes(pop).steps(), many.spikes(pop).steps(), what + ": " + pop);
            assertArrayEquals(one.spikes(pop).neurons(), many.spikes(pop).neurons(), what + ": " + pop);
        }
        for (int j = 0; j < 4; j++) {
            assertArrayEquals(one.state("a", StateVariable.V).of(j), many.state("a", StateVariable.V).of(j), what);
        }
        for (int j = 0; j < 2; j++) {
            assertArrayEquals(one.state("b", StateVariable.current(1)).of(j),
                    many.state("b", StateVariable.current(1)).of(j), what);
        }
        assertArrayEquals(one.rate("a").countsPerStep(), many.rate("a").countsPerStep(), what);
        assertEquals(one.cost(), withTimes(many.cost(), one.cost()), what);
    }

    /** P partitions on 1, 2 and 3 threads: a zero-delay chain a -> b -> c runs across partitions. */
    @ParameterizedTest
    @CsvSource({"2,1", "2,2", "3,2", "4,2", "7,2", "7,3", "4,4"})
    void everyPartitionCountIsBitwiseIdentical(int partitions, int threads) {
        Network net = mixedNetwork();
        RunResult one = run(Engines.clock(net, 1e-4));
        ClockEngine engine = Engines.clock(net, 1e-4).threads(threads).partitions(partitions);
        assertSame(one, run(engine), partitions + " partitions on " + threads + " threads");
        assertEquals(partitions, engine.partitionCount());
    }

    /** Uneven and odd partitionings: whole populations on one partition, one-neuron ranges, partitions left empty. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void explicitPartitioningsAreBitwiseIdentical(int which) {
        Map<String, int[][]> ranges = switch (which) {
            case 0 -> Map.of("a", new int[][] {{0, 1}, {1, 0}, {150, 1}, {300, 2}}, "b", new int[][] {{0, 2}, {40, 0}},
                    "c", new int[][] {{0, 1}, {2, 0}, {3, 1}});
            case 1 -> Map.of("a", new int[][] {{0, 0}}, "b", new int[][] {{0, 1}}, "c", new int[][] {{0, 2}});
            case 2 -> Map.of("c", new int[][] {{0, 3}, {1, 3}, {4, 0}}, "b", new int[][] {{0, 5}});
            default -> Map.of("a", new int[][] {{0, 1}, {17, 0}, {33, 1}, {64, 0}, {200, 1}});
        };
        Network net = mixedNetwork();
        RunResult one = run(Engines.clock(net, 1e-4));
        for (int threads : new int[] {1, 2, 3}) {
            assertSame(one, run(Engines.clock(net, 1e-4).threads(threads).partitioning(ranges)),
                    "partitioning " + which + " on " + threads + " threads");
        }
        assertSame(one, run(Engines.clock(net, 1e-4).partitioning(ranges).dataflowAlways()),
                "partitioning " + which + " by dataflow on one thread");
    }

    /** Two populations feeding each other over {@code delay} steps, each its own partition. */
    private static Network pair(int delay) {
        CubaLif model = Fixtures.neuron().biasCurrent(20e-3).build();
        return Network.builder()
                .population("x", 200, model, InitialV.uniform(0, 15e-3))
                .population("y", 50, model, InitialV.uniform(0, 15e-3))
                .connect("x", "y", Connect.probability(0.1), Weights.constant(0.002), Delays.constantSteps(delay))
                .connect("y", "x", Connect.probability(0.1), Weights.constant(-0.002), Delays.constantSteps(delay))
                .build(5);
    }

    /**
     * Stepping each block as far as it may: across delay 1 a partition never gets more than one step
     * ahead of the other (nothing runs ahead of lockstep); across delay 20 it does, and the spikes
     * are still the lockstep ones.
     */
    @Test
    void partitionsRunAheadExactlyAsFarAsTheDelaysBetweenThemAllow() {
        Map<String, int[][]> apart = Map.of("x", new int[][] {{0, 0}}, "y", new int[][] {{0, 1}});
        for (int delay : new int[] {1, 20}) {
            Network net = pair(delay);
            RunResult lockstep = Engines.clock(net, 1e-4).record(Monitor.allSpikes()).run(0.2);
            ClockEngine dataflow = Engines.clock(net, 1e-4).partitioning(apart).dataflowAlways()
                    .record(Monitor.allSpikes());
            RunResult r = dataflow.run(0.2);
            assertTrue(lockstep.spikes("x").count() > 100 && lockstep.spikes("y").count() > 10, "the pair spikes");
            for (String p : new String[] {"x", "y"}) {
                assertArrayEquals(lockstep.spikes(p).steps(), r.spikes(p).steps(), p + ", delay " + delay);
                assertArrayEquals(lockstep.spikes(p).neurons(), r.spikes(p).neurons(), p + ", delay " + delay);
            }
            if (delay == 1) {
                assertEquals(0, dataflow.stepsComputedAhead());
            } else {
                // x runs 20 steps ahead of y, then y 20 ahead of x: 19 of each 20 steps are ahead of lockstep
                assertEquals(2000 * 19 / 20, dataflow.stepsComputedAhead(), 20);
            }
        }
    }

    @Test
    void badPartitionsAreRefusedByName() {
        Network net = mixedNetwork();
        assertThrows(IllegalArgumentException.class, () -> Engines.clock(net, 1e-4).partitions(0));
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitions(net.neuronCount() + 1));
        assertTrue(many.getMessage().contains("more than the network's " + net.neuronCount() + " neurons"),
                many.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).threads(net.neuronCount() + 1).run(0.01));
        assertTrue(threads.getMessage().startsWith("partitions " + (net.neuronCount() + 1)), threads.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitioning(Map.of("nope", new int[][] {{0, 0}})));
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitioning(Map.of("b", new int[][] {{0, 0}, {0, 1}})));
        assertTrue(order.getMessage().contains("'b'"), order.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitioning(Map.of("b", new int[][] {{1, 0}})));
        assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitioning(Map.of("b", new int[][] {{0, 0}, {77, 1}})));
        assertThrows(IllegalArgumentException.class,
                () -> Engines.clock(net, 1e-4).partitioning(Map.of("b", new int[][] {{0, -1}})));
    }

    private static Cost withTimes(Cost c, Cost times) {
        return new Cost(c.steps(), c.neurons(), c.synapses(), c.spikes(), c.spikesPerPopulation(), c.sourceSpikes(),
                c.synOps(), c.neuronUpdates(), times.buildSeconds(), times.loopSeconds());
    }
}
